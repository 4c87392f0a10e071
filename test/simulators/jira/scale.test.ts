import type { FleetDevice } from '../../../simulators/fleet/fleet-device';
import { arr, startJira } from './jira-test-client';
import type { JiraHarness } from './jira-test-client';

const COUNT = 100_000;

function device(i: number): FleetDevice {
  const categories = ['laptop', 'desktop', 'mobile', 'server'] as const;
  return {
    key: `dev-${i}`,
    serial: `SN${String(i).padStart(8, '0')}`,
    name: `HOST-${i}`,
    category: categories[i % categories.length] as FleetDevice['category'],
    platform: 'windows',
    manufacturer: 'Dell',
    model: 'Latitude 7440',
    modelIdentifier: null,
    osName: 'Windows',
    osVersion: '11',
    udid: null,
    macAddress: null,
    altMacAddress: null,
    imei: null,
    cpu: null,
    memoryMb: 16384,
    storageGb: 512,
    userEmail: `user${i % 500}@example.com`,
    userFullName: `User ${i % 500}`,
    department: i % 2 ? 'Finance' : 'Engineering',
    location: `Site ${i % 10}`,
    costCenter: 'CC-1',
    assetTag: `AT-${i}`,
    purchaseDate: '2024-01-15',
    purchaseCost: 1200,
    vendor: null,
    poNumber: null,
    warrantyEnd: '2027-01-15',
    lastSeenAt: new Date(Date.UTC(2026, 0, 1) + (i % 997) * 60_000).toISOString(),
    enrolledAt: '2024-01-20T10:00:00Z',
    compliant: true,
    status: 'deployed',
    presence: { servicenow: false, jira: true, jamf: false, intune: false },
    variants: {},
    reEnrolments: 0,
    hidden: false,
    nullSections: false,
  };
}

let h: JiraHarness;
beforeAll(async () => {
  h = await startJira({ rateLimits: { assetsAqlPerMinute: 10_000 } });
  h.sim.seedFromFleet(Array.from({ length: COUNT }, (_, i) => device(i)));
}, 60_000);
afterAll(() => h.close());

test('a full AQL read of 100,000 objects returns every id exactly once', async () => {
  const seen = new Set<string>();
  let duplicates = 0;
  let startAt = 0;
  let pages = 0;
  for (;;) {
    const page = await h.call(
      'POST',
      `${h.assets}/object/aql?startAt=${startAt}&maxResults=1000&includeAttributes=false`,
      {
        qlQuery: 'objectType in objectTypeAndChildren("Hardware") order by Updated asc',
      },
    );
    expect(page.status).toBe(200);
    const values = arr(page.json.values);
    for (const v of values) {
      if (seen.has(String(v.id))) duplicates += 1;
      seen.add(String(v.id));
    }
    pages += 1;
    if (page.json.isLast) break;
    startAt += values.length;
  }
  expect(duplicates).toBe(0);
  expect(seen.size).toBe(COUNT);
  expect(pages).toBe(COUNT / 1000);
}, 60_000);
