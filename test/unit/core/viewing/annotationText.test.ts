import { describe, expect, it } from 'vitest';
import type { Segment } from '../../../../src/core/reading/model';
import { makeMeasurement } from '../../../../src/core/reading/size';
import { annotationText, diameters } from '../../../../src/core/viewing/annotationText';

const seg = (length: number, y = 0): Segment => [
  [0, y, -494.8],
  [length, y, -494.8],
];

describe('annotationText', () => {
  it('labels a bidirectional measurement with both diameters, long first, 0.1 mm', () => {
    expect(annotationText('T1', 'Bidirectional', { longAxis: seg(23.44), shortAxis: seg(15.06) })).toBe(
      'T1 23.4 × 15.1 mm',
    );
    expect(annotationText('T1', 'Bidirectional', { longAxis: seg(23), shortAxis: seg(15) })).toBe(
      'T1 23.0 × 15.0 mm',
    );
  });

  it('puts the longer segment first, as the stored measurement does', () => {
    expect(annotationText('T3', 'Bidirectional', { longAxis: seg(8.2), shortAxis: seg(12.55) })).toBe(
      'T3 12.6 × 8.2 mm',
    );
  });

  it('labels a length with one diameter and an arrow with its label only', () => {
    expect(annotationText('T2', 'Length', { longAxis: seg(18) })).toBe('T2 18.0 mm');
    expect(annotationText('NT2', 'ArrowAnnotate', { longAxis: seg(30) })).toBe('NT2');
  });

  it('shows just the size while drawing (no label yet)', () => {
    expect(annotationText('', 'Length', { longAxis: seg(7.25) })).toBe('7.3 mm');
  });

  it('shows the same numbers as the stored measurement for the same points', () => {
    const longAxis: Segment = [
      [-61.3, 25.8, -494.8],
      [-38.1, 34.9, -494.8],
    ];
    const shortAxis: Segment = [
      [-47.2, 20.7, -494.8],
      [-52.1, 36.1, -494.8],
    ];
    const stored = makeMeasurement({
      image: { studyInstanceUid: '1', seriesInstanceUid: '1.1', sopInstanceUid: '1.1.1', frameIndex: 0 },
      tool: 'Bidirectional',
      longAxis,
      shortAxis,
    });
    expect(annotationText('T1', 'Bidirectional', { longAxis, shortAxis })).toBe(
      `T1 ${stored.longAxisMm.toFixed(1)} × ${stored.shortAxisMm!.toFixed(1)} mm`,
    );
  });

  it('has no diameters without geometry', () => {
    expect(diameters('Bidirectional', {})).toBeNull();
    expect(annotationText('T4', 'Length', {})).toBe('T4');
  });
});
