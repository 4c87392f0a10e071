/**
 * Outbound Jamf Pro webhooks: one event per configured webhook, the JSON envelope
 * `{webhook:{id,name,webhookEvent,eventTimestamp}, event:{...}}`, and Jamf's authentication
 * choices (none, Basic, or a fixed header). Delivery is at most once: no retries, no signature.
 */
import { z } from 'zod';
import { postJson } from '../kit/signed-post';
import type { JamfComputer, JamfMobileDevice } from './jamf-records';
import type { JamfState } from './jamf-state';

export const JAMF_WEBHOOK_EVENTS = [
  'ComputerAdded',
  'ComputerCheckIn',
  'ComputerInventoryCompleted',
  'ComputerPolicyFinished',
  'ComputerPushCapabilityChanged',
  'DeviceAddedToDEP',
  'MobileDeviceCheckIn',
  'MobileDeviceCommandCompleted',
  'MobileDeviceEnrolled',
  'MobileDeviceInventoryCompleted',
  'MobileDevicePushSent',
  'MobileDeviceUnEnrolled',
  'RestAPIOperation',
] as const;

export type JamfWebhookEvent = (typeof JAMF_WEBHOOK_EVENTS)[number];

/** Header names Jamf Pro refuses in a webhook's header authentication. */
const RESERVED_HEADERS = [
  'content-type',
  'user-agent',
  'accept-encoding',
  'content-length',
  'host',
];

export const jamfWebhookConfigSchema = z
  .object({
    id: z.number().int().positive().optional(),
    name: z.string().min(1).optional(),
    url: z.url(),
    event: z.enum(JAMF_WEBHOOK_EVENTS),
    authType: z.enum(['none', 'basic', 'header']).default('none'),
    header: z.string().min(1).optional(),
    value: z.string().optional(),
    username: z.string().optional(),
    password: z.string().optional(),
    enabled: z.boolean().default(true),
  })
  .refine((hook) => hook.authType !== 'header' || (hook.header && hook.value !== undefined), {
    message: "authType 'header' needs 'header' and 'value'",
  })
  .refine((hook) => !hook.header || !RESERVED_HEADERS.includes(hook.header.toLowerCase()), {
    message: `header must not be one of ${RESERVED_HEADERS.join(', ')}`,
  })
  .refine((hook) => hook.authType !== 'basic' || hook.username !== undefined, {
    message: "authType 'basic' needs 'username' and 'password'",
  });

export type JamfWebhookConfig = z.infer<typeof jamfWebhookConfigSchema>;

export interface JamfWebhookDelivery {
  webhookId: number;
  event: JamfWebhookEvent;
  url: string;
  status: number | null;
  error?: string;
  body: unknown;
}

function authHeaders(hook: JamfWebhookConfig): Record<string, string> {
  if (hook.authType === 'header' && hook.header) return { [hook.header]: hook.value ?? '' };
  if (hook.authType === 'basic') {
    const pair = `${hook.username ?? ''}:${hook.password ?? ''}`;
    return { Authorization: `Basic ${Buffer.from(pair).toString('base64')}` };
  }
  return {};
}

export class JamfWebhookDispatcher {
  readonly deliveries: JamfWebhookDelivery[] = [];

  constructor(
    private readonly state: JamfState,
    private readonly now: () => number,
  ) {}

  /** Sends `event` to every enabled webhook configured for `name`; resolves when all are done. */
  async fire(
    name: JamfWebhookEvent,
    event: Record<string, unknown>,
  ): Promise<JamfWebhookDelivery[]> {
    const hooks = this.state.config.webhooks.filter((h) => h.event === name && h.enabled);
    return Promise.all(hooks.map((hook, index) => this.deliver(hook, index, name, event)));
  }

  private async deliver(
    hook: JamfWebhookConfig,
    index: number,
    name: JamfWebhookEvent,
    event: Record<string, unknown>,
  ): Promise<JamfWebhookDelivery> {
    const id = hook.id ?? index + 1;
    const body = {
      webhook: {
        id,
        name: hook.name ?? `${name} Webhook`,
        webhookEvent: name,
        eventTimestamp: this.now(),
      },
      event,
    };
    const delivery: JamfWebhookDelivery = {
      webhookId: id,
      event: name,
      url: hook.url,
      status: null,
      body,
    };
    try {
      const answer = await postJson(hook.url, JSON.stringify(body), authHeaders(hook), {
        timeoutMs: 5000,
      });
      delivery.status = answer.status;
    } catch (error) {
      delivery.error = error instanceof Error ? error.message : String(error);
    }
    this.deliveries.push(delivery);
    if (this.deliveries.length > 1000) this.deliveries.shift();
    return delivery;
  }
}

function nameOf(state: JamfState, kind: 'department' | 'building', id: string | null): string {
  if (id === null) return '';
  const map = kind === 'department' ? state.departments : state.buildings;
  return map.get(id)?.name ?? '';
}

/** The computer object carried by computer events. */
export function computerEventObject(state: JamfState, c: JamfComputer): Record<string, unknown> {
  const user = c.userAndLocation;
  return {
    alternateMacAddress: c.hardware?.altMacAddress ?? '',
    building: nameOf(state, 'building', user?.buildingId ?? null),
    department: nameOf(state, 'department', user?.departmentId ?? null),
    deviceName: c.general.name,
    emailAddress: user?.email ?? '',
    ipAddress: c.general.lastIpAddress ?? '',
    jssID: Number(c.id),
    macAddress: c.hardware?.macAddress ?? '',
    managementId: c.general.managementId,
    model: c.hardware?.model ?? '',
    osBuild: c.operatingSystem?.build ?? '',
    osVersion: c.operatingSystem?.version ?? '',
    phone: user?.phone ?? '',
    position: user?.position ?? '',
    realName: user?.realname ?? '',
    reportedIpAddress: c.general.lastReportedIpV4 ?? '',
    room: user?.room ?? '',
    serialNumber: c.hardware?.serialNumber ?? '',
    udid: c.udid,
    userDirectoryID: '-1',
    username: user?.username ?? '',
  };
}

/** The mobile-device object carried by mobile-device events. */
export function mobileEventObject(m: JamfMobileDevice): Record<string, unknown> {
  return {
    bluetoothMacAddress: m.hardware?.bluetoothMacAddress ?? '',
    deviceName: m.general.displayName,
    icciID: m.network?.iccid ?? '',
    imei: m.network?.imei ?? '',
    ipAddress: m.general.ipAddress ?? '',
    jssID: Number(m.mobileDeviceId),
    managementId: m.general.managementId,
    model: m.hardware?.modelIdentifier ?? '',
    modelDisplay: m.hardware?.model ?? '',
    osBuild: m.general.osBuild ?? '',
    osVersion: m.general.osVersion,
    product: null,
    room: m.userAndLocation?.room ?? '',
    serialNumber: m.hardware?.serialNumber ?? '',
    udid: m.general.udid,
    userDirectoryID: '-1',
    username: m.userAndLocation?.username ?? '',
    version: m.general.osVersion,
    wifiMacAddress: m.hardware?.wifiMacAddress ?? '',
  };
}
