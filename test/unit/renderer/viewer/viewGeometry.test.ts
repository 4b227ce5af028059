import { describe, expect, it } from 'vitest';
import type { ImageRef } from '../../../../src/core/reading/model';
import {
  pixelToWorld,
  rememberedSlice,
  revealShift,
  worldToPixel,
  type SlicePlane,
} from '../../../../src/renderer/viewer/viewGeometry';

const axial: SlicePlane = {
  imagePositionPatient: [-180, -170, -300],
  rowCosines: [1, 0, 0],
  columnCosines: [0, 1, 0],
  columnPixelSpacing: 0.7,
  rowPixelSpacing: 0.8,
};

describe('pixelToWorld / worldToPixel', () => {
  it('round-trips a pixel through patient mm, and projects a point off the slice onto it', () => {
    const world = pixelToWorld(axial, [156, 284]);
    expect(world[0]).toBeCloseTo(-180 + 156 * 0.7);
    expect(world[1]).toBeCloseTo(-170 + 284 * 0.8);
    expect(world[2]).toBeCloseTo(-300);
    const [column, row] = worldToPixel(axial, [world[0], world[1], world[2] + 40]);
    expect(column).toBeCloseTo(156);
    expect(row).toBeCloseTo(284);
  });
});

describe('rememberedSlice', () => {
  const frames = (uids: string[]): ImageRef[] =>
    uids.map((sopInstanceUid) => ({
      studyInstanceUid: '1.1',
      seriesInstanceUid: '1.2',
      sopInstanceUid,
      frameIndex: 0,
    }));

  it('finds the image left even when the series has gained images since', () => {
    const now = frames(['1.9', '1.1', '1.2', '1.3']);
    expect(rememberedSlice(now, { slice: 1, sopInstanceUid: '1.2', frameIndex: 0 })).toBe(2);
    expect(rememberedSlice(now, { slice: 3, sopInstanceUid: '1.3', frameIndex: 0 })).toBe(3);
  });

  it('falls back to the same index, inside the series, when the image is gone', () => {
    const now = frames(['1.1', '1.2']);
    expect(rememberedSlice(now, { slice: 1, sopInstanceUid: '9.9', frameIndex: 0 })).toBe(1);
    expect(rememberedSlice(now, { slice: 40, sopInstanceUid: null, frameIndex: 0 })).toBe(1);
    expect(rememberedSlice([], { slice: 4, sopInstanceUid: null, frameIndex: 0 })).toBe(0);
  });
});

describe('revealShift', () => {
  // A 600 px viewport: at fit a 512-pixel CT shown as 0..600 on this axis.
  it('does not pan at fit: a lesion anywhere on the image is already in view, the chest stays whole', () => {
    expect(revealShift(300, 600, 0, 600)).toBe(0);
    expect(revealShift(20, 600, 0, 600)).toBe(0); // near the edge, but centring would cut the image
    // Towards the middle only as far as keeps the whole image on screen.
    expect(revealShift(580, 600, 50, 590)).toBe(-50);
  });

  it('does not pan when the lesion is well inside a zoomed view', () => {
    expect(revealShift(200, 600, -600, 1200)).toBe(0);
  });

  it('brings a lesion off screen in a zoomed view to the middle', () => {
    expect(revealShift(-200, 600, -900, 900)).toBe(500);
    expect(revealShift(900, 600, -500, 1300)).toBe(-600);
  });

  it('stops where the image edge meets the viewport edge rather than open an empty band', () => {
    // The lesion 100 px inside the image's left edge, which is off screen at -400.
    expect(revealShift(-300, 600, -400, 1400)).toBe(400);
  });
});
