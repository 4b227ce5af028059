import { describe, expect, it } from 'vitest';
import {
  alignmentOf,
  decideSync,
  invertMapping,
  linkAt,
  mapPosition,
  nearestSlice,
  positionAlong,
  syncedSlice,
  unitNormal,
  type SyncInputs,
  type Vec3,
} from '../../../../src/core/viewing/sliceSync';

/** Positions of a stack starting at `first` mm with `step` mm between slices. */
function stack(first: number, step: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => first + i * step);
}

describe('unitNormal and positionAlong', () => {
  it('gives +z for an axial slice (row +x, column +y) and the z coordinate as position', () => {
    const normal = unitNormal([1, 0, 0], [0, 1, 0])!;
    expect(normal).toEqual([0, 0, 1]);
    expect(positionAlong([-120.5, 33, -494.8], normal)).toBeCloseTo(-494.8, 9);
  });

  it('normalises non-unit cosines and rejects degenerate ones', () => {
    expect(unitNormal([2, 0, 0], [0, 3, 0])).toEqual([0, 0, 1]);
    expect(unitNormal([1, 0, 0], [1, 0, 0])).toBeNull();
    expect(unitNormal([0, 0, 0], [0, 1, 0])).toBeNull();
  });
});

describe('alignmentOf', () => {
  it('tells parallel, antiparallel and crossing normals apart', () => {
    expect(alignmentOf([0, 0, 1], [0, 0, 1])).toBe(1);
    expect(alignmentOf([0, 0, 1], [0, 0, -1])).toBe(-1);
    expect(alignmentOf([0, 0, 1], [0, 1, 0])).toBe(0); // axial vs coronal
  });

  it('accepts a few degrees of tilt and refuses more', () => {
    const tilt = (deg: number): Vec3 => [0, Math.sin((deg * Math.PI) / 180), Math.cos((deg * Math.PI) / 180)];
    expect(alignmentOf([0, 0, 1], tilt(4))).toBe(1);
    expect(alignmentOf([0, 0, 1], tilt(12))).toBe(0);
    expect(alignmentOf([0, 0, 0], [0, 0, 1])).toBe(0);
  });
});

describe('nearestSlice', () => {
  const ct = stack(-632, 1, 275); // the LIDC chest CT: 1.0 mm slices

  it('finds the exact slice and the nearest one between slices', () => {
    expect(nearestSlice(ct, -494.8)).toEqual({ index: 137, distanceMm: expect.closeTo(0.2, 9) });
    expect(nearestSlice(ct, -632)).toEqual({ index: 0, distanceMm: 0 });
    expect(nearestSlice(ct, -600.4)!.index).toBe(32);
  });

  it('clamps to the first or last slice outside the stack, reporting the distance', () => {
    expect(nearestSlice(ct, -700)).toEqual({ index: 0, distanceMm: 68 });
    expect(nearestSlice(ct, 0)).toEqual({ index: 274, distanceMm: 358 });
  });

  it('works on descending positions (a stack shown feet first)', () => {
    const descending = stack(100, -5, 21); // 100, 95, ..., 0
    expect(nearestSlice(descending, 42)!.index).toBe(12); // 40 mm
    expect(nearestSlice(descending, 98)!.index).toBe(0);
  });

  it('breaks a tie towards the lower index', () => {
    expect(nearestSlice([0, 2, 4], 3)!.index).toBe(1);
  });

  it('skips frames without a position and gives null when none has one', () => {
    expect(nearestSlice([null, 10, null, 30], 29)!.index).toBe(3);
    expect(nearestSlice([null, null], 0)).toBeNull();
    expect(nearestSlice([], 0)).toBeNull();
    expect(nearestSlice([1, 2], Number.NaN)).toBeNull();
  });
});

describe('position mapping and landmark links', () => {
  it('maps identically within one frame of reference and follows a 1 mm stack with a 5 mm one', () => {
    const thin = stack(-632, 1, 275);
    const thick = stack(-630, 5, 55); // -630 ... -360
    const same = { alignment: 1 as const, offsetMm: 0 };
    // Every thin slice lands on the thick slice nearest to it, never more than 2.5 mm away.
    for (const position of thin.filter((p) => p >= -632 && p <= -360)) {
      const target = syncedSlice(position, same, thick)!;
      expect(target.distanceMm).toBeLessThanOrEqual(2.5);
    }
    expect(syncedSlice(-494.8, same, thick)!.index).toBe(27); // -495
  });

  it('flips the sign for opposite normals', () => {
    // The same plane z = -494.8 is at -494.8 along +z and at +494.8 along -z.
    const flipped = { alignment: -1 as const, offsetMm: 0 };
    expect(mapPosition(-494.8, flipped)).toBeCloseTo(494.8, 9);
    const reversedStack = stack(632, -1, 275).map((p) => p); // positions along -z
    expect(reversedStack[syncedSlice(-494.8, flipped, reversedStack)!.index]).toBeCloseTo(495, 9);
  });

  it('links two positions at a landmark so they correspond from then on', () => {
    // Follow-up scanned 37.5 mm higher in its own frame of reference.
    const link = linkAt(-494.8, -457.3, 1);
    expect(link.offsetMm).toBeCloseTo(37.5, 9);
    expect(mapPosition(-494.8, link)).toBeCloseTo(-457.3, 9);
    expect(mapPosition(-480, link)).toBeCloseTo(-442.5, 9);
    const back = invertMapping(link);
    expect(mapPosition(-442.5, back)).toBeCloseTo(-480, 9);
  });

  it('links and inverts with opposite normals too', () => {
    const link = linkAt(10, 5, -1); // target = -source + 15
    expect(link.offsetMm).toBe(15);
    expect(mapPosition(20, link)).toBe(-5);
    expect(mapPosition(mapPosition(20, link), invertMapping(link))).toBe(20);
  });
});

describe('decideSync', () => {
  const base: SyncInputs = {
    enabled: true,
    sourceFrameOfReferenceUid: '1.2.3',
    targetFrameOfReferenceUid: '1.2.3',
    alignment: 1,
    positioned: true,
    link: null,
  };

  it('syncs series of one frame of reference without an offset', () => {
    expect(decideSync(base)).toEqual({ status: 'synced', mapping: { alignment: 1, offsetMm: 0 } });
    expect(decideSync({ ...base, alignment: -1 }).mapping).toEqual({ alignment: -1, offsetMm: 0 });
  });

  it('needs a landmark link across frames of reference', () => {
    const other = { ...base, targetFrameOfReferenceUid: '1.2.4' };
    expect(decideSync(other)).toEqual({ status: 'not-linked', mapping: null });
    expect(
      decideSync({ ...base, sourceFrameOfReferenceUid: null, targetFrameOfReferenceUid: null }).status,
    ).toBe('not-linked');
    const link = linkAt(0, 12, 1);
    expect(decideSync({ ...other, link })).toEqual({ status: 'linked', mapping: link });
  });

  it('prefers the reader’s link over a shared frame of reference', () => {
    const link = linkAt(0, 3, 1);
    expect(decideSync({ ...base, link })).toEqual({ status: 'linked', mapping: link });
  });

  it('is off when the reader turned sync off, and never syncs crossing planes or missing geometry', () => {
    expect(decideSync({ ...base, enabled: false })).toEqual({ status: 'off', mapping: null });
    expect(decideSync({ ...base, alignment: 0 }).status).toBe('not-linked');
    expect(decideSync({ ...base, positioned: false }).status).toBe('not-linked');
    // A link made before one series was replaced by one scanned the other way round no longer applies.
    expect(decideSync({ ...base, link: linkAt(0, 3, -1) }).status).toBe('synced');
  });
});
