import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCustody } from '../../../cli/commands/dispose-command';
import { runCli } from '../../support/run-cli';

const EXAMPLE = path.join(__dirname, '../../../examples/devices.csv');

let cwd: string;
beforeEach(() => (cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'assetbridge-dispose-'))));
afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

const cli = (args: string[]) => runCli(cwd, args);

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
    expect(deployed.err).toMatch(
      /the asset is in stage 'deployed', and a disposal needs it retired first; pass --retire to retire it in the same step\n$/,
    );
    expect(deployed.err).not.toMatch(/not reachable/);

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
    const hammer = await cli(['dispose', 'AB-1003', '--record', file]);
    expect(hammer.code).toBe(2);
    expect(hammer.err).toMatch(`invalid disposal record: ${file} wipeMethod: Invalid option`);
    expect((await cli(['dispose', 'AB-1003', '--custody', 'nobody'])).code).toBe(2);
    expect((await cli(['dispose', 'AB-1003', '--wiped-at', 'yesterday'])).code).toBe(2);
  });

  test('a malformed --record file is named with the line and column of the JSON error', async () => {
    const file = path.join(cwd, 'broken.json');
    fs.writeFileSync(file, '{\n  "wipeMethod": "crypto_erase",\n  "custody": [ }\n');
    const r = await cli(['dispose', 'AB-1003', '--record', file]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `assetbridge: disposal record ${file}: not valid JSON at line 3, column 16: ` +
        'unexpected "}" (expected a value)\n',
    );
    fs.writeFileSync(file, JSON.stringify({ custody: [{ at: '2026-11-30', from: '', to: 'x' }] }));
    const empty = await cli(['dispose', 'AB-1003', '--record', file]);
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(`${file} custody[0].from: Too small`);
  });

  test('impossible dates and a non-email approver exit 2 naming the option; nothing is stored', async () => {
    const base = ['dispose', 'AB-1002', '--retire', ...WIPE];
    const wiped = await cli([...base, ...CUSTODY, ...APPROVAL, '--wiped-at', '2099-01-01T00:00Z']);
    expect(wiped.code).toBe(2);
    expect(wiped.err).toMatch(
      /--wiped-at: disposal\.wipedAt 2099-01-01T00:00:00\.000Z is later than now \(/,
    );
    const custody = await cli([...base, '--custody', 'it-desk|Shred Co|2099-06-01|x', ...APPROVAL]);
    expect(custody.code).toBe(2);
    expect(custody.err).toMatch(
      "--custody 'it-desk|Shred Co|2099-06-01|x': custody entry it-desk -> Shred Co at " +
        '2099-06-01T00:00:00.000Z is later than now',
    );
    const approved = await cli([...base, ...CUSTODY, ...APPROVAL, '--approved-at', '2020-05-01']);
    expect(approved.code).toBe(2);
    expect(approved.err).toMatch(
      "--approved-at: disposal.approvedAt 2020-05-01T00:00:00.000Z is before the asset's " +
        'purchase date 2021-10-19',
    );
    const approver = await cli([...base, ...CUSTODY, '--approved-by', 'notanemail']);
    expect(approver.code).toBe(2);
    expect(approver.err).toMatch(
      '--approved-by: expected the email address of the person who approved',
    );
    const shown = JSON.parse((await cli(['show', 'AB-1002', '--json'])).out);
    expect(shown.asset.lifecycle.stage).toBe('in_stock');
    expect(shown.asset.disposal).toBeNull();
  });

  test('a hand-over earlier than the one before it exits 2 naming both times', async () => {
    const first = await cli(['custody', 'AB-1002', '--from', 'Paris Studio', '--to', 'it-desk']);
    expect(first.code).toBe(0);
    const at = /custody (\S+) Paris Studio -> it-desk/.exec(first.out)![1];
    const r = await cli(['dispose', 'AB-1002', '--retire', ...WIPE, ...CUSTODY, ...APPROVAL]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `--custody 'it-desk|Shred Co|2026-11-30T09:00:00Z|sealed bag 17': custody entry it-desk -> ` +
        `Shred Co at 2026-11-30T09:00:00.000Z is earlier than the asset's previous custody entry ` +
        `(Paris Studio -> it-desk) at ${at}`,
    );
    const back = await cli([
      'custody',
      'AB-1002',
      '--from',
      'a',
      '--to',
      'b',
      '--at',
      '2026-01-01',
    ]);
    expect(back.code).toBe(2);
    expect(back.err).toMatch(/^assetbridge: invalid disposal record: --at: custody entry a -> b/);
  });

  test("the README's custody and dispose example goes through", async () => {
    const steps = [
      ['custody', 'AB-1002', '--from', 'Paris Studio', '--to', 'it-desk', '--note', 'locker 3'],
      ['custody', 'AB-1002', '--from', 'it-desk', '--to', 'Shred Co', '--note', 'sealed bag 17'],
      ['dispose', 'AB-1002', '--retire', ...WIPE, '--approved-by', 'am@example.com'],
    ];
    for (const step of steps) expect((await cli(step)).code).toBe(0);
    const shown = JSON.parse((await cli(['show', 'AB-1002', '--json'])).out);
    expect(shown.asset.lifecycle.stage).toBe('disposed');
    expect(shown.asset.disposal.custody.map((c: { to: string }) => c.to)).toEqual([
      'it-desk',
      'Shred Co',
    ]);
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
