import { isAssetbridgeError } from '../../core/errors';
import { wholeNumberOption } from '../../cli/whole-number-option';

function usage(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    if (isAssetbridgeError(err, 'USAGE')) return err.message;
    throw err;
  }
  throw new Error('expected a USAGE error');
}

describe('wholeNumberOption', () => {
  test('reads digits, trimmed, within the range', () => {
    expect(wholeNumberOption('--limit', '20')).toBe(20);
    expect(wholeNumberOption('--limit', ' 7 ')).toBe(7);
    expect(wholeNumberOption('--port', '0', { min: 0, max: 65_535 })).toBe(0);
    expect(wholeNumberOption('--port', '65535', { min: 0, max: 65_535 })).toBe(65_535);
  });

  test.each(['abc', '1.5', '0', '-1', '', ' ', '1e3', '0x10', '+5', '9007199254740993'])(
    'a positive whole number is required: %j is refused naming option and value',
    (value) => {
      expect(usage(() => wholeNumberOption('--limit', value))).toBe(
        `--limit must be a positive whole number; got "${value}"`,
      );
    },
  );

  test('a range is named in the message', () => {
    expect(usage(() => wholeNumberOption('--port', '65536', { min: 0, max: 65_535 }))).toBe(
      '--port must be a whole number from 0 to 65535; got "65536"',
    );
    expect(usage(() => wholeNumberOption('--seed', '-2', { min: 0 }))).toBe(
      '--seed must be a whole number from 0 up; got "-2"',
    );
  });
});
