import '@servicenow/sdk/global';

declare global {
  namespace Now {
    namespace Internal {
      interface Keys extends KeysRegistry {
        explicit: {
          bom_json: {
            table: 'sys_module';
            id: '8e1e7d81c2b6413c8a510afcac5ebff5';
          };
          'business-rule-change-request': {
            table: 'sys_script';
            id: '45cffc572a854d4f82468709e6c18b95';
          };
          'business-rule-incident': {
            table: 'sys_script';
            id: '432cb01ae9264387ad34f7c948f71bf9';
          };
          'business-rule-requested-item': {
            table: 'sys_script';
            id: 'a17fdf491dfb4fe2989c1d86bdc42a6d';
          };
          package_json: {
            table: 'sys_module';
            id: '32fedd1b5ee64e61821410f12bc94c10';
          };
          'property-enabled': {
            table: 'sys_properties';
            id: '34756c864c6141a5822ac48a230a3c5b';
          };
          'property-webhook-secret': {
            table: 'sys_properties';
            id: '3cce1a768a674ec69815a76fd78cb575';
          };
          'property-webhook-url': {
            table: 'sys_properties';
            id: '8ccaf187205840b3a87e6b7fc034f4b9';
          };
          'script-include-assetbridge-events': {
            table: 'sys_script_include';
            id: '12d2a20fece040059541f26cbad907b8';
          };
          'ui-action-refresh-change-request': {
            table: 'sys_ui_action';
            id: 'f897d2c5f614456cb95e0bee4553e41f';
          };
          'ui-action-refresh-incident': {
            table: 'sys_ui_action';
            id: 'e432955ddd1345718d9eecf64b180ce7';
          };
          'ui-action-refresh-requested-item': {
            table: 'sys_ui_action';
            id: '23f8170b133342f29df215000e578388';
          };
        };
      }
    }
  }
}
