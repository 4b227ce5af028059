import { describe, expect, it } from 'vitest';
import {
  computeWindowFromPixels,
  CT_PRESETS,
  formatWindowLevel,
  presetsForModality,
  rangeToWindowLevel,
  windowLevelToRange,
} from '../../../../src/renderer/viewer/voi';

describe('CT window presets', () => {
  it.each([
    ['soft-tissue', 400, 40],
    ['lung', 1500, -600],
    ['liver', 150, 30],
    ['bone', 1800, 400],
    ['brain', 80, 40],
  ])('%s is W %i L %i', (id, width, center) => {
    const preset = CT_PRESETS.find((p) => p.id === id);
    expect(preset?.windowLevel).toEqual({ width, center });
  });

  it('gives each preset its own number key, in toolbar order', () => {
    expect(CT_PRESETS.map((p) => p.key)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('offers the CT presets for CT only (any case); MR has no absolute scale to preset', () => {
    expect(presetsForModality('CT')).toBe(CT_PRESETS);
    expect(presetsForModality('ct')).toBe(CT_PRESETS);
    expect(presetsForModality('MR')).toEqual([]);
    expect(presetsForModality('')).toEqual([]);
  });
});

describe('window/level <-> VOI range (DICOM LINEAR)', () => {
  it('matches DICOM PS3.3 C.11.2.1.2.1 for the lung window', () => {
    expect(windowLevelToRange({ width: 1500, center: -600 })).toEqual({ lower: -1350, upper: 149 });
  });

  it('round-trips every preset exactly, so the overlay shows the preset numbers', () => {
    for (const { windowLevel } of CT_PRESETS) {
      expect(rangeToWindowLevel(windowLevelToRange(windowLevel))).toEqual(windowLevel);
    }
  });

  it('formats as whole numbers', () => {
    expect(formatWindowLevel({ width: 1499.6, center: -600.2 })).toBe('W 1500 L -600');
  });
});

describe('computeWindowFromPixels', () => {
  it('spans the bulk of the values and ignores a few extreme pixels', () => {
    const pixels = new Int16Array(10_000);
    for (let i = 0; i < pixels.length; i++) pixels[i] = 100 + (i % 801); // 100..900, uniform
    pixels[0] = 30_000; // one hot pixel
    pixels[1] = -30_000;
    const wl = computeWindowFromPixels(pixels)!;
    const { lower, upper } = windowLevelToRange(wl);
    expect(lower).toBeGreaterThan(50);
    expect(lower).toBeLessThan(150);
    expect(upper).toBeGreaterThan(850);
    expect(upper).toBeLessThan(950);
  });

  it('returns null for an empty or constant image', () => {
    expect(computeWindowFromPixels([])).toBeNull();
    expect(computeWindowFromPixels(new Uint16Array(100).fill(7))).toBeNull();
  });

  it('works on float data', () => {
    const pixels = Float32Array.from({ length: 1000 }, (_, i) => i / 1000);
    const wl = computeWindowFromPixels(pixels, 0, 100)!;
    const { lower, upper } = windowLevelToRange(wl);
    expect(lower).toBeCloseTo(0, 2);
    expect(upper).toBeCloseTo(0.999, 2);
  });
});
