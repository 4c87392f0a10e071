import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { DEFAULT_INTUNE_CONFIG } from '../../simulators/intune';
import { DEFAULT_JAMF_CONFIG } from '../../simulators/jamf';

/** Where each simulator listens. */
export interface DemoUrls {
  servicenow: string;
  jira: string;
  jamf: string;
  intune: string;
}

/** The connector instance names of the demo configuration. */
export const DEMO_INSTANCES = {
  servicenow: 'servicenow-demo',
  jsm: 'jsm-demo',
  jamf: 'jamf-demo',
  intune: 'intune-demo',
} as const;

/** The secret the demo's ServiceNow and Jira webhooks are signed with. */
export const DEMO_WEBHOOK_SECRET = 'assetbridge-demo-webhook-secret';

/** Jamf webhooks authenticate with a header (authentication type "Header"). */
export const DEMO_JAMF_WEBHOOK_HEADER = 'X-Assetbridge-Key';

/** The Jira site's account: the simulator's defaults. */
export const DEMO_JIRA_ACCOUNT = { email: 'sim-admin@example.com', apiToken: 'sim-api-token' };

/** The OAuth client of the ServiceNow simulator (its Application Registry entry). */
export const DEMO_SERVICENOW_OAUTH = {
  clientId: 'assetbridge',
  clientSecret: 'assetbridge-secret',
};

/** The ServiceNow integration user: the simulator's default basic-auth user. */
export const DEMO_SERVICENOW_USER = { username: 'admin', password: 'admin' };

/**
 * The environment the demo's configuration reads its secrets from: the simulators' default
 * credentials. Real deployments set these variables themselves (docs/getting-started.md).
 */
export function demoEnvironment(): Record<string, string> {
  return {
    DEMO_SN_CLIENT_ID: DEMO_SERVICENOW_OAUTH.clientId,
    DEMO_SN_CLIENT_SECRET: DEMO_SERVICENOW_OAUTH.clientSecret,
    DEMO_SN_USER: DEMO_SERVICENOW_USER.username,
    DEMO_SN_PASSWORD: DEMO_SERVICENOW_USER.password,
    DEMO_SN_WEBHOOK_SECRET: DEMO_WEBHOOK_SECRET,
    DEMO_JIRA_EMAIL: DEMO_JIRA_ACCOUNT.email,
    DEMO_JIRA_API_TOKEN: DEMO_JIRA_ACCOUNT.apiToken,
    DEMO_JIRA_WEBHOOK_SECRET: DEMO_WEBHOOK_SECRET,
    DEMO_JAMF_CLIENT_ID: DEFAULT_JAMF_CONFIG.clientId,
    DEMO_JAMF_CLIENT_SECRET: DEFAULT_JAMF_CONFIG.clientSecret,
    DEMO_JAMF_WEBHOOK_KEY: DEMO_WEBHOOK_SECRET,
    DEMO_INTUNE_CLIENT_ID: DEFAULT_INTUNE_CONFIG.clientId,
    DEMO_INTUNE_CLIENT_SECRET: DEFAULT_INTUNE_CONFIG.clientSecret,
  };
}

/** The demo configuration: the four simulators as connector instances, SQLite in `folder`. */
export function demoConfig(urls: DemoUrls, folder: string, packageRoot: string): object {
  const mapping = (file: string) =>
    path
      .relative(folder, path.join(packageRoot, 'mappings', file))
      .split(path.sep)
      .join('/');
  const connectors = demoConnectors(urls, mapping);
  const present = new Set<string>(connectors.map((c) => c.name));
  return {
    version: 1,
    store: { kind: 'sqlite', file: 'demo.db' },
    authority: {
      default: 50,
      rules: [
        // The CMDB is the reference for asset tags, lifecycle, purchase and warranty.
        {
          source: DEMO_INSTANCES.servicenow,
          fields: ['assetTag', 'lifecycle.stage', 'purchase.*', 'warranty.*'],
          authority: 85,
        },
        // Asset managers (CMDB) and service-desk agents (JSM) both maintain who has a device and
        // where: equal authority, so the newest change wins; the MDMs' enrolled user ranks below.
        { source: DEMO_INSTANCES.servicenow, fields: ['assignment.*'], authority: 80 },
        { source: DEMO_INSTANCES.jsm, fields: ['assignment.*'], authority: 80 },
      ].filter((rule) => present.has(rule.source)),
    },
    connectors,
  };
}

function demoConnectors(urls: DemoUrls, mapping: (file: string) => string) {
  return [
    {
      name: DEMO_INSTANCES.servicenow,
      type: 'servicenow',
      baseUrl: urls.servicenow,
      auth: {
        kind: 'oauth_password',
        clientIdEnv: 'DEMO_SN_CLIENT_ID',
        clientSecretEnv: 'DEMO_SN_CLIENT_SECRET',
        usernameEnv: 'DEMO_SN_USER',
        passwordEnv: 'DEMO_SN_PASSWORD',
      },
      mapping: mapping('servicenow-cmdb.yaml'),
      options: { webhookSecretEnv: 'DEMO_SN_WEBHOOK_SECRET' },
    },
    {
      name: DEMO_INSTANCES.jsm,
      type: 'jsm',
      baseUrl: urls.jira,
      auth: { kind: 'api_token', emailEnv: 'DEMO_JIRA_EMAIL', tokenEnv: 'DEMO_JIRA_API_TOKEN' },
      mapping: mapping('jsm-assets.yaml'),
      options: { assetsBaseUrl: urls.jira, webhookSecretEnv: 'DEMO_JIRA_WEBHOOK_SECRET' },
    },
    {
      name: DEMO_INSTANCES.jamf,
      type: 'jamf',
      baseUrl: urls.jamf,
      auth: {
        kind: 'oauth_client_credentials',
        clientIdEnv: 'DEMO_JAMF_CLIENT_ID',
        clientSecretEnv: 'DEMO_JAMF_CLIENT_SECRET',
      },
      mapping: mapping('jamf-computers.yaml'),
      options: {
        webhookHeader: { name: DEMO_JAMF_WEBHOOK_HEADER, valueEnv: 'DEMO_JAMF_WEBHOOK_KEY' },
      },
    },
    {
      name: DEMO_INSTANCES.intune,
      type: 'intune',
      baseUrl: urls.intune,
      auth: {
        kind: 'oauth_client_credentials',
        clientIdEnv: 'DEMO_INTUNE_CLIENT_ID',
        clientSecretEnv: 'DEMO_INTUNE_CLIENT_SECRET',
      },
      mapping: mapping('intune-managed-devices.yaml'),
      options: { tenantId: DEFAULT_INTUNE_CONFIG.tenantId, authority: urls.intune },
    },
  ];
}

/** Writes the demo configuration into `folder` and returns the file's path. */
export function writeDemoConfig(urls: DemoUrls, folder: string, packageRoot: string): string {
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, 'assetbridge.yaml');
  const header =
    '# Written by `assetbridge demo`: the bundled simulators as connector instances.\n' +
    '# Secrets are named by environment variable; the demo sets them to the simulators\n' +
    '# defaults. A configuration for real tenants: config/assetbridge.tenants.example.yaml.\n';
  writeFileSync(file, header + stringify(demoConfig(urls, folder, packageRoot)));
  return file;
}

/**
 * Writes the demo's environment (the simulators' default credentials, nothing real) beside its
 * configuration, so that people can run `sync` or `serve` on it themselves; returns the path.
 */
export function writeDemoEnv(folder: string): string {
  const file = path.join(folder, 'demo.env');
  const lines = Object.entries(demoEnvironment()).map(([k, v]) => `${k}=${v}`);
  writeFileSync(
    file,
    `# The simulators' default credentials: set -a; . ${file}; set +a\n${lines.join('\n')}\n`,
  );
  return file;
}
