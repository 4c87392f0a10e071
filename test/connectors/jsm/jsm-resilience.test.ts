import { loadMapping } from '../../../core/mapping/mapping-loader';
import { isAssetbridgeError } from '../../../core/errors';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ASSETS,
  cleanJiraFleet,
  INSTANCE,
  jsmTestBed,
  MAPPING_FILE,
  matching,
  type JsmTestBed,
} from './jsm-harness';

let bed: JsmTestBed;
beforeEach(async () => {
  bed = await jsmTestBed();
});
afterEach(async () => bed.close());

const reportOf = (report: { connectors: { connector: string }[] }) =>
  report.connectors.find((c) => c.connector === INSTANCE) as unknown as {
    error: string | null;
    read: { records: number; complete: boolean };
    tickets: { notes: number; failed: number };
  };

describe('JSM rate limits and validation', () => {
  test('429 with Retry-After on AQL and on jira.js calls is waited out', async () => {
    bed.sim.seedFromFleet(cleanJiraFleet(9));
    await bed.control('POST', '/issues', {
      fields: { project: { key: 'ITSM' }, issuetype: { name: 'Incident' }, summary: 'x' },
    });
    await bed.control('PUT', '/faults', {
      rules: [
        {
          path: `${ASSETS}/object/aql`,
          kind: 'status',
          status: 429,
          count: 2,
          retryAfterSeconds: 1,
        },
        {
          path: '/rest/api/3/search/jql',
          kind: 'status',
          status: 429,
          count: 1,
          retryAfterSeconds: 1,
        },
      ],
    });
    const report = reportOf(
      await bed.engine(bed.connector({ pageSize: 4 })).run({ full: true, dryRun: false }),
    );
    expect(report.error).toBeNull();
    expect(report.read).toMatchObject({ records: 9, complete: true });
    expect(report.tickets.failed).toBe(0);
    const requests = await bed.requests();
    const limited = requests.filter((r) => r.status === 429);
    expect(limited).toHaveLength(3);
    expect(matching(requests, 'GET', /^\/rest\/api\/3\/search\/jql$/).length).toBe(2);
    // Each retry came only after the Retry-After of the 429 before it (1 s).
    for (const r of limited) {
      const retry = requests.find((x) => x.seq > r.seq && x.path === r.path)!;
      expect(Date.parse(retry.at) - Date.parse(r.at)).toBeGreaterThanOrEqual(990);
    }
    const retries = bed.stats.snapshot().retries.reduce((n, r) => n + r.count, 0);
    expect(retries).toBe(3);
  });

  test('a 429 that asks to wait longer than allowed fails the read with RATE_LIMITED', async () => {
    bed.sim.seedFromFleet(cleanJiraFleet(2));
    await bed.control('PUT', '/faults', {
      rules: [
        {
          path: `${ASSETS}/objectschema/list`,
          kind: 'status',
          status: 429,
          retryAfterSeconds: 3600,
        },
      ],
    });
    const report = reportOf(await bed.engine(bed.connector()).run({ full: true, dryRun: false }));
    expect(report.error).toMatch(/rate limited/);
  });

  test('a mapping naming an attribute the object type lacks is a validation error', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jsm-mapping-'));
    const file = path.join(dir, 'jsm-bad.yaml');
    const text = fs
      .readFileSync(MAPPING_FILE, 'utf8')
      .replace('source: attributes.Cost Center', 'source: attributes.Cost Centre');
    fs.writeFileSync(file, text);
    const line = text.split('\n').findIndex((l) => l.includes('core: assignment.costCenter')) + 1;
    const connector = bed.connector({ objectTypes: { laptop: 'Laptop' } }, loadMapping(file));
    let error: unknown;
    try {
      for await (const page of connector.read!({
        mode: 'full',
        watermark: null,
        checkpoint: null,
      })) {
        void page;
      }
    } catch (err) {
      error = err;
    }
    expect(isAssetbridgeError(error, 'MAPPING_INVALID')).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain(`${file}:${line} field fields.assignment.costCenter.source`);
    expect(message).toContain("object type Laptop has no attribute 'Cost Centre'");
    expect(message).toMatch(/its attributes: Key, Name, .*Serial Number.*Cost Center/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('an object type missing from the schema names the types the schema has', async () => {
    const connector = bed.connector({ objectTypes: { laptop: 'Notebook' } });
    const pages = connector.read!({ mode: 'full', watermark: null, checkpoint: null });
    await expect(pages[Symbol.asyncIterator]().next()).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringMatching(/no object type 'Notebook'.*Laptop, Desktop/),
    });
  });

  test('the workspace id is discovered through servicedeskapi when not configured', async () => {
    bed.sim.seedFromFleet(cleanJiraFleet(2));
    const report = reportOf(await bed.engine(bed.connector()).run({ full: true, dryRun: false }));
    expect(report.read.records).toBe(2);
    const requests = await bed.requests();
    expect(matching(requests, 'GET', /^\/rest\/servicedeskapi\/assets\/workspace$/)).toHaveLength(
      1,
    );
    await bed.clearLog();
    await bed.engine(bed.connector({ workspaceId: 'f1668d0c-0c7a-4b7e-9d3b-5b1d8a2c7e10' })).run({
      full: true,
      dryRun: false,
    });
    expect(matching(await bed.requests(), 'GET', /servicedeskapi\/assets\/workspace/)).toEqual([]);
  });
});
