import { Property } from '@servicenow/sdk/core';

// Settings an admin fills in after installing (System Properties, or sys_properties.list).
// URL and secret are private: they stay out of update sets, being different per instance.

Property({
  $id: Now.ID['property-webhook-url'],
  name: 'x_assetbridge.webhook_url',
  type: 'string',
  value: '',
  description:
    "assetbridge's webhook URL for this instance, e.g. https://assetbridge.example.com/webhooks/servicenow. Empty: no event is sent.",
  isPrivate: true,
  roles: { read: ['admin'], write: ['admin'] },
});

Property({
  $id: Now.ID['property-webhook-secret'],
  name: 'x_assetbridge.webhook_secret',
  type: 'password2',
  value: '',
  description:
    'Shared secret of the HMAC-SHA256 signature (X-Assetbridge-Signature); the same value as the webhook secret of the assetbridge connector instance. Empty: no event is sent.',
  isPrivate: true,
  roles: { read: ['admin'], write: ['admin'] },
});

Property({
  $id: Now.ID['property-enabled'],
  name: 'x_assetbridge.enabled',
  type: 'boolean',
  value: 'true',
  description:
    'Send ticket events to assetbridge. false stops the business rules and hides the Refresh asset context button.',
  roles: { read: ['admin'], write: ['admin'] },
});
