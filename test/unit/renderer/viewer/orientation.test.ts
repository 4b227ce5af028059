import { describe, expect, it } from 'vitest';
import {
  directionLetters,
  orientationLabels,
  positionAlongNormal,
} from '../../../../src/renderer/viewer/orientation';

describe('directionLetters (LPS patient space)', () => {
  it.each([
    [[1, 0, 0], 'L'],
    [[-1, 0, 0], 'R'],
    [[0, 1, 0], 'P'],
    [[0, -1, 0], 'A'],
    [[0, 0, 1], 'H'],
    [[0, 0, -1], 'F'],
  ] as const)('%j -> %s', (direction, letters) => {
    expect(directionLetters(direction)).toBe(letters);
  });

  it('names oblique directions by their main axis first', () => {
    expect(directionLetters([0.8, 0.6, 0])).toBe('LP');
    expect(directionLetters([-0.3, 0, -0.95])).toBe('FR');
  });

  it('ignores small components below the threshold', () => {
    expect(directionLetters([0.99, 0.1, 0.05])).toBe('L');
  });

  it('is independent of the vector length', () => {
    expect(directionLetters([0, -250, 0])).toBe('A');
  });

  it('returns nothing for a zero or broken vector', () => {
    expect(directionLetters([0, 0, 0])).toBe('');
    expect(directionLetters([Number.NaN, 0, 0])).toBe('');
  });
});

describe('orientationLabels', () => {
  it('labels an axial slice in radiological convention: patient right on screen left', () => {
    // Rows of an axial image run towards the patient's left, columns towards posterior.
    expect(orientationLabels([1, 0, 0], [0, 1, 0])).toEqual({ left: 'R', right: 'L', top: 'A', bottom: 'P' });
  });

  it('labels a coronal slice', () => {
    expect(orientationLabels([1, 0, 0], [0, 0, -1])).toEqual({
      left: 'R',
      right: 'L',
      top: 'H',
      bottom: 'F',
    });
  });

  it('labels a sagittal slice', () => {
    expect(orientationLabels([0, 1, 0], [0, 0, -1])).toEqual({
      left: 'A',
      right: 'P',
      top: 'H',
      bottom: 'F',
    });
  });

  it('follows a horizontal flip', () => {
    expect(orientationLabels([-1, 0, 0], [0, 1, 0])).toEqual({
      left: 'L',
      right: 'R',
      top: 'A',
      bottom: 'P',
    });
  });
});

describe('positionAlongNormal', () => {
  it('is z for an axial slice', () => {
    expect(positionAlongNormal([-201, -59, -624.8], [1, 0, 0], [0, 1, 0])).toBeCloseTo(-624.8);
  });

  it('is the projection on row x column for an oblique slice', () => {
    const s = Math.SQRT1_2;
    // normal = row x col = (s, 0, s) x (0, 1, 0) = (-s, 0, s)
    expect(positionAlongNormal([10, 5, 30], [s, 0, s], [0, 1, 0])).toBeCloseTo(s * 20);
  });

  it('returns null for degenerate cosines', () => {
    expect(positionAlongNormal([1, 2, 3], [1, 0, 0], [1, 0, 0])).toBeNull();
  });
});
