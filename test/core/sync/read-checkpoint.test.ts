import { z } from 'zod';
import { AssetbridgeError } from '../../../core/errors';
import { parseReadCheckpoint } from '../../../core/sync/read-checkpoint';

const Position = z.object({ type: z.number().int().min(0), startAt: z.number().int().min(0) });

describe('parseReadCheckpoint', () => {
  it('gives back the position a reader wrote', () => {
    const at = parseReadCheckpoint('{"type":1,"startAt":50}', Position, 'JSM');
    expect(at).toEqual({ type: 1, startAt: 50 });
  });

  it('gives null for the checkpoint of a finished read', () => {
    expect(parseReadCheckpoint('{"type":1,"done":true}', Position, 'JSM')).toBeNull();
  });

  it.each([
    ['not JSON', 'type=1'],
    ['another shape', '{"kind":"computer","page":3}'],
    ['a position the reader cannot use', '{"type":7,"startAt":0}'],
  ])('refuses %s with a USAGE error that names the system and --full', (_what, checkpoint) => {
    let caught: unknown;
    try {
      parseReadCheckpoint(checkpoint, Position, 'JSM', (at) => at.type < 2);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AssetbridgeError);
    expect((caught as AssetbridgeError).code).toBe('USAGE');
    expect((caught as Error).message).toContain(`JSM read checkpoint '${checkpoint}'`);
    expect((caught as Error).message).toContain('run with --full');
  });
});
