import { describe, expect, it } from 'vitest';
import { compareLabels, nextLesionLabel, parseLabel } from '../../../../src/core/reading/labels';

describe('nextLesionLabel', () => {
  it.each([
    ['target', [], 'T1'],
    ['target', ['T1', 'T2'], 'T3'],
    ['non-target', ['T1', 'T2'], 'NT1'],
    ['new', ['T1', 'NT1', 'NT2'], 'N1'],
    ['new', ['N1', 'N2', 'N3'], 'N4'],
    // the lowest free number: replacing a wrongly chosen T2 gives a T2 again, not a "T6"
    ['target', ['T1', 'T3', 'T4', 'T5'], 'T2'],
    ['non-target', ['NT2'], 'NT1'],
    // prefixes do not leak into each other (N1 is not NT1, T1 is not NT1)
    ['non-target', ['N1', 'T1'], 'NT1'],
    ['target', ['NT1', 'N1'], 'T1'],
    ['target', ['T9', 'T10', 'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8'], 'T11'],
  ] as const)('%s with %j -> %s', (kind, existing, expected) => {
    expect(nextLesionLabel(kind, existing)).toBe(expected);
  });

  it('ignores strings that are not labels', () => {
    expect(nextLesionLabel('target', ['T0', 'T01', 'Tx', 'T1a'])).toBe('T1');
  });
});

describe('label order', () => {
  it('sorts targets, non-targets, new lesions, each numerically', () => {
    expect(['N1', 'T10', 'NT2', 'T2', 'NT1', 'T1'].sort(compareLabels)).toEqual([
      'T1',
      'T2',
      'T10',
      'NT1',
      'NT2',
      'N1',
    ]);
  });

  it('parses labels', () => {
    expect(parseLabel('NT12')).toEqual({ prefix: 'NT', number: 12 });
    expect(parseLabel('X1')).toBeNull();
  });
});
