import { describe, expect, it } from 'vitest';
import { chooseScaleBar, formatLength, zoomRelativeToFit } from '../../../../src/renderer/viewer/scaleBar';

describe('chooseScaleBar', () => {
  it('picks the longest 1/2/5 x 10^n length within 30% of the width', () => {
    // 0.5 mm per pixel, 800 px wide: at most 240 px = 120 mm -> 100 mm, 200 px
    expect(chooseScaleBar(0.5, 800)).toEqual({ mm: 100, px: 200 });
  });

  it('steps through 1, 2 and 5', () => {
    expect(chooseScaleBar(0.25, 800)?.mm).toBe(50); // max 60 mm
    expect(chooseScaleBar(0.1, 800)?.mm).toBe(20); // max 24 mm
    expect(chooseScaleBar(0.04, 800)?.mm).toBe(5); // max 9.6 mm
  });

  it('shrinks with zoom (fewer mm per pixel)', () => {
    const fit = chooseScaleBar(0.78, 700)!;
    const zoomed = chooseScaleBar(0.78 / 4, 700)!;
    expect(zoomed.mm).toBeLessThan(fit.mm);
    expect(zoomed.px).toBeLessThanOrEqual(700 * 0.3);
  });

  it('never exceeds the allowed fraction', () => {
    for (const mmPerPixel of [0.013, 0.2, 0.78, 1.7, 9]) {
      const bar = chooseScaleBar(mmPerPixel, 500);
      if (bar) expect(bar.px).toBeLessThanOrEqual(150 + 1e-9);
    }
  });

  it('is absent without a usable spacing or width', () => {
    expect(chooseScaleBar(0, 800)).toBeNull();
    expect(chooseScaleBar(Number.NaN, 800)).toBeNull();
    expect(chooseScaleBar(0.5, 0)).toBeNull();
  });

  it('is absent when not even the shortest length is legible', () => {
    expect(chooseScaleBar(0.5, 30)).toBeNull();
  });
});

describe('zoomRelativeToFit', () => {
  const image = { width: 400, height: 400 }; // 512 px x 0.78125 mm

  it('is 1 when the image just fits the limiting side', () => {
    // 800 x 600 viewport: height limits, 400 mm over 600 px
    expect(zoomRelativeToFit(400 / 600, { width: 800, height: 600 }, image)).toBeCloseTo(1);
  });

  it('grows as a screen pixel covers less tissue', () => {
    expect(zoomRelativeToFit(400 / 600 / 2, { width: 800, height: 600 }, image)).toBeCloseTo(2);
    expect(zoomRelativeToFit(400 / 600 / 0.5, { width: 800, height: 600 }, image)).toBeCloseTo(0.5);
  });

  it('falls back to 1 without a usable scale', () => {
    expect(zoomRelativeToFit(0, { width: 800, height: 600 }, image)).toBe(1);
    expect(zoomRelativeToFit(0.5, { width: 800, height: 600 }, { width: 0, height: 10 })).toBe(1);
  });
});

describe('formatLength', () => {
  it('uses cm from 10 mm', () => {
    expect(formatLength(100)).toBe('10 cm');
    expect(formatLength(5)).toBe('5 mm');
    expect(formatLength(0.5)).toBe('0.5 mm');
  });
});
