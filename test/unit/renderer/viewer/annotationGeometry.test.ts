import { describe, expect, it } from 'vitest';
import type { Segment } from '../../../../src/core/reading/model';
import { axesOf, pointsOf } from '../../../../src/renderer/viewer/annotationGeometry';
import { annotationStyle, KIND_COLORS } from '../../../../src/renderer/viewer/annotationStyle';

const long: Segment = [
  [-91.6, 162.8, -494.8],
  [-67.0, 162.8, -494.8],
];
const short: Segment = [
  [-79.3, 171.0, -494.8],
  [-79.3, 154.6, -494.8],
];

describe('axesOf / pointsOf', () => {
  it('reads a Bidirectional tool: points 0-1 the long axis, 2-3 the short axis', () => {
    const points = [...long, ...short].map((p) => [...p]);
    expect(axesOf('Bidirectional', points)).toEqual({ longAxis: long, shortAxis: short, arrow: null });
    expect(pointsOf('Bidirectional', { longAxis: long, shortAxis: short })).toEqual(points);
  });

  it('reads a Length tool as a long axis without a short one', () => {
    expect(
      axesOf(
        'Length',
        long.map((p) => [...p]),
      ),
    ).toEqual({ longAxis: long, shortAxis: null, arrow: null });
    expect(pointsOf('Length', { longAxis: long })).toEqual(long);
  });

  it('turns an arrow (head first in Cornerstone) into tail -> head and back', () => {
    const tail: [number, number, number] = [0, 0, 1];
    const head: [number, number, number] = [10, 5, 1];
    expect(axesOf('ArrowAnnotate', [head, tail]).arrow).toEqual([tail, head]);
    expect(pointsOf('ArrowAnnotate', { arrow: [tail, head] })).toEqual([head, tail]);
  });

  it('gives copies, so Cornerstone moving a handle never changes the stored geometry', () => {
    const points = pointsOf('Length', { longAxis: long })!;
    points[0]![0] = 999;
    expect(long[0][0]).toBe(-91.6);
  });

  it('refuses missing or broken geometry', () => {
    expect(pointsOf('Bidirectional', { longAxis: long, shortAxis: null })).toBeNull();
    expect(pointsOf('ArrowAnnotate', { longAxis: long })).toBeNull();
    expect(axesOf('Length', [[0, 0, 0]]).longAxis).toBeNull();
    expect(
      axesOf('Length', [
        [0, 0, 0],
        [1, Number.NaN, 0],
      ]).longAxis,
    ).toBeNull();
  });
});

describe('annotationStyle', () => {
  it('colours by lesion kind whatever the interaction state', () => {
    const style = annotationStyle('non-target');
    for (const key of ['color', 'colorHighlighted', 'colorSelected', 'colorLocked', 'textBoxColorLocked'])
      expect(style[key]).toBe(KIND_COLORS['non-target']);
    expect(new Set(Object.values(KIND_COLORS)).size).toBe(3);
  });

  it('draws the highlighted lesion thicker', () => {
    expect(Number(annotationStyle('target', { highlighted: true }).lineWidth)).toBeGreaterThan(
      Number(annotationStyle('target').lineWidth),
    );
  });
});
