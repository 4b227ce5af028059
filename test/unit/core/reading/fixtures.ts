import { makeMeasurement } from '../../../../src/core/reading/size';
import type { ImageRef, Marker, Measurement } from '../../../../src/core/reading/model';

export const image: ImageRef = {
  studyInstanceUid: '1.2.3',
  seriesInstanceUid: '1.2.3.4',
  sopInstanceUid: '1.2.3.4.5',
  frameIndex: 0,
};

/** A measurement whose long axis lies along x and short axis along y, centred at `z` mm. */
export function measure(
  longMm: number,
  shortMm: number | null = null,
  at: Partial<ImageRef> = {},
): Measurement {
  const z = 10;
  return makeMeasurement({
    image: { ...image, ...at },
    tool: shortMm === null ? 'Length' : 'Bidirectional',
    longAxis: [
      [0, 0, z],
      [longMm, 0, z],
    ],
    shortAxis:
      shortMm === null
        ? null
        : [
            [longMm / 2, -shortMm / 2, z],
            [longMm / 2, shortMm / 2, z],
          ],
  });
}

export function marker(at: Partial<ImageRef> = {}): Marker {
  return {
    image: { ...image, ...at },
    tool: 'ArrowAnnotate',
    points: [
      [0, 0, 0],
      [5, 5, 0],
    ],
  };
}
