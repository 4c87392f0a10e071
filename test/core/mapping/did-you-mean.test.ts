import { closestMatch, didYouMean, editDistance } from '../../../core/mapping/did-you-mean';

describe('did you mean', () => {
  test('edit distance counts a swap of neighbours as one edit', () => {
    expect(editDistance('upper', 'upper')).toBe(0);
    expect(editDistance('uper', 'upper')).toBe(1);
    expect(editDistance('nmae', 'name')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  test('suggests close names only', () => {
    const names = ['trim', 'upper', 'lower', 'firstNonEmpty'];
    expect(didYouMean('uper', names)).toBe(" (did you mean 'upper'?)");
    expect(closestMatch('UPPER', names)).toBe('upper');
    expect(closestMatch('firstNonEmty', names)).toBe('firstNonEmpty');
    expect(closestMatch('banana', names)).toBeNull();
    expect(closestMatch('xy', names)).toBeNull();
    expect(didYouMean('zzz', [])).toBe('');
  });
});

describe('did you mean: never the name itself', () => {
  test('an exact candidate is skipped; a case-only variant of it is still offered', () => {
    expect(didYouMean('description', ['description', 'connectors'])).toBe('');
    expect(closestMatch('fields', ['fields', 'field'])).toBe('field');
    expect(closestMatch('Fields', ['fields'])).toBe('fields');
  });
});
