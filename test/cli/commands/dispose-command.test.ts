import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CliIo } from '../../../cli/cli-io';
import { parseCustody } from '../../../cli/commands/dispose-command';
import { main } from '../../../cli/main';

const EXAMPLE = path.join(__dirname, '../../../examples/devices.csv');

let cwd: string;
beforeEach(() => (cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'assetbridge-dispose-'))));
afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (s) => void (out += s),
    stderr: (s) => void (err += s),
    env: { ASSETBRIDGE_LOG_LEVEL: 'silent' },
    cwd,
    isTty: false,
  };
  const code = await main(args, io);
  return { code, out, err };
}

const WIPE = ['--wipe-method', 'nist_800_88_purge', '--wipe-proof', 'BL-7781'];
const CUSTODY = ['--custody', 'it-desk|Shred Co|2026-11-30T09:00:00Z|sealed bag 17'];
const APPROVAL = ['--approved-by', 'asset.manager@example.com'];

describe('assetbridge dispose and custody', () => {
  beforeEach(async () => {
    expect((await cli(['import', EXAMPLE, '--source', 'spreadsheet'])).code).toBeLessThan(2);
  });

  test('a refused move exits 1 naming both stages and what is missing, storing nothing', async () => {
    const r = await cli(['dispose', 'AB-1002', '--retire', ...WIPE, ...CUSTODY]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/from 'in_stock' to 'disposed' \(through 'retired'\)/);
    expect(r.err).toMatch(/disposal\.approvedBy/);

    const deployed = await cli(['dispose', 'AB-1001', ...WIPE, ...CUSTODY, ...APPROVAL, '--json']);
    expect(deployed.code).toBe(1);
    expect(JSON.parse(deployed.out).error).toMatchObject({
      code: 'LIFECYCLE_TRANSITION',
      details: { from: 'deployed', to: 'disposed' },
    });

    const shown = JSON.parse((await cli(['show', 'AB-1002', '--json'])).out);
    expect(shown.asset.lifecycle.stage).toBe('in_stock');
    expect(shown.asset.disposal).toBeNull();
    expect(shown.history.some((h: { source: string }) => h.source === 'manual')).toBe(false);
  });

  test('custody, then dispose, then show prints the disposal record and its history', async () => {
    const hand = ['custody', 'AB-1002', '--from', 'Paris Studio', '--to', 'it-desk'];
    const c = await cli([...hand, '--at', '2026-11-29T16:00:00Z', '--note', 'locker 3']);
    expect(c.code).toBe(0);

    const d = await cli([
      'dispose',
      'AB-1002',
      '--retire',
      ...WIPE,
      ...CUSTODY,
      ...APPROVAL,
      '--by',
      'alice',
    ]);
    expect(d.code).toBe(0);
    expect(d.out).toMatch(/stage in_stock -> disposed/);

    const show = await cli(['show', 'AB-1002']);
    expect(show.out).toContain('stage disposed');
    expect(show.out).toMatch(/wipe proof\s+BL-7781/);
    expect(show.out).toMatch(/approved by\s+asset\.manager@example\.com @ /);
    expect(show.out).toContain('2026-11-29T16:00:00.000Z Paris Studio -> it-desk (locker 3)');
    expect(show.out).toContain('2026-11-30T09:00:00.000Z it-desk -> Shred Co (sealed bag 17)');
    expect(show.out).toMatch(/lifecycle\.stage: retired → disposed \(alice @ /);

    const runs = JSON.parse((await cli(['runs', '--json'])).out) as { kind: string }[];
    expect(runs.map((r) => r.kind)).toEqual(expect.arrayContaining(['custody', 'dispose']));

    const again = await cli(['dispose', 'AB-1002', ...WIPE]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already disposed/);
  });

  test('a --record file is read and checked; bad input exits 2', async () => {
    const file = path.join(cwd, 'disposal.json');
    const record = {
      wipeMethod: 'crypto_erase',
      wipeProofRef: 'MDM-WIPE-55',
      custody: [{ at: '2026-11-30T10:00:00Z', from: 'it-desk', to: 'Recycler' }],
      approvedBy: 'cfo@example.com',
      approvedAt: '2026-11-30T08:00:00Z',
    };
    fs.writeFileSync(file, JSON.stringify(record));
    const ok = await cli(['dispose', 'AB-1002', '--retire', '--record', file, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).disposal).toMatchObject({
      wipeProofRef: 'MDM-WIPE-55',
      approvedAt: '2026-11-30T08:00:00.000Z',
    });

    fs.writeFileSync(file, JSON.stringify({ ...record, wipeMethod: 'hammer' }));
    expect((await cli(['dispose', 'AB-1003', '--record', file])).code).toBe(2);
    expect((await cli(['dispose', 'AB-1003', '--custody', 'nobody'])).code).toBe(2);
    expect((await cli(['dispose', 'AB-1003', '--wiped-at', 'yesterday'])).code).toBe(2);
  });

  test('parseCustody reads from|to|when|note and keeps a | inside the note', () => {
    expect(parseCustody('a|b|2026-01-02|x|y')).toEqual({
      from: 'a',
      to: 'b',
      at: '2026-01-02T00:00:00.000Z',
      note: 'x|y',
    });
  });
});
