import { DEFAULT_JAMF_CONFIG } from '../../simulators/jamf';
import type { DemoWorld } from './demo-world';

/**
 * Reads the demo makes in each system to show what a sync or a webhook changed there, the way an
 * administrator would look: the ServiceNow Table API, the Jamf Pro API, the Assets API.
 */

/** Rows of a ServiceNow table (`sysparm_exclude_reference_link`, so references are sys_ids). */
export async function snRows(
  world: DemoWorld,
  table: string,
  query: string,
  fields: string[] = [],
): Promise<Record<string, string>[]> {
  const params = new URLSearchParams({
    sysparm_query: query,
    sysparm_exclude_reference_link: 'true',
    sysparm_limit: '100',
  });
  if (fields.length > 0) params.set('sysparm_fields', fields.join(','));
  const body = (await world.call('servicenow', 'GET', `/api/now/table/${table}?${params}`)) as {
    result: Record<string, string>[];
  };
  return body.result;
}

/** A person's edit in ServiceNow: business rules and outbound events run as on the platform. */
export async function snEdit(
  world: DemoWorld,
  table: string,
  sysId: string,
  values: Record<string, string>,
): Promise<void> {
  await world.call('servicenow', 'POST', `/_sim/mutate/${table}/${sysId}`, {
    values,
    user: 'service.desk',
  });
}

/** The e-mail address of a `sys_user`. */
export async function snUserEmail(world: DemoWorld, sysId: string): Promise<string | null> {
  if (!sysId) return null;
  const [user] = await snRows(world, 'sys_user', `sys_id=${sysId}`, ['email']);
  return user?.email ?? null;
}

/** One computer or mobile device of Jamf Pro, read with an API client's token. */
export async function jamfDevice(
  world: DemoWorld,
  externalId: string,
): Promise<{ email: string | null; assetTag: string | null }> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: DEFAULT_JAMF_CONFIG.clientId,
    client_secret: DEFAULT_JAMF_CONFIG.clientSecret,
  });
  const tokenRes = await fetch(`${world.urls.jamf}/api/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  const { access_token: token } = (await tokenRes.json()) as { access_token: string };
  const [kind, id] = externalId.split(':');
  const route =
    kind === 'mobile'
      ? `/api/v2/mobile-devices/${id}/detail`
      : `/api/v1/computers-inventory-detail/${id}`;
  const res = await fetch(`${world.urls.jamf}${route}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  });
  if (!res.ok) throw new Error(`Jamf GET ${route} answered ${res.status}`);
  const body = (await res.json()) as {
    general?: { assetTag?: string | null };
    userAndLocation?: { email?: string | null };
    location?: { emailAddress?: string | null };
  };
  return {
    email: body.userAndLocation?.email ?? body.location?.emailAddress ?? null,
    assetTag: body.general?.assetTag ?? null,
  };
}
