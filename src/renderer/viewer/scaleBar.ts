/** Scale bar length choice. Pure, so it is unit-tested in Node. */

/** Lengths a reader takes in at a glance: 1, 2, 5 times a power of ten, in mm. */
function niceLengthsUpTo(maxMm: number): number[] {
  const lengths: number[] = [];
  for (let exponent = -1; exponent <= 4; exponent++) {
    for (const mantissa of [1, 2, 5]) {
      const mm = mantissa * 10 ** exponent;
      if (mm <= maxMm) lengths.push(Number(mm.toPrecision(3)));
    }
  }
  return lengths;
}

/**
 * The longest "nice" length (1/2/5 x 10^n mm) whose bar fits in `maxFraction` of the available width.
 * `mmPerPixel` is the displayed size of one screen pixel in mm. Returns null when it cannot be shown
 * (unknown spacing, or not even the shortest length fits in at least `minPx` pixels).
 */
export function chooseScaleBar(
  mmPerPixel: number,
  availablePx: number,
  maxFraction = 0.3,
  minPx = 24,
): { mm: number; px: number } | null {
  if (!(mmPerPixel > 0) || !Number.isFinite(mmPerPixel) || !(availablePx > 0)) return null;
  const maxPx = availablePx * maxFraction;
  const candidates = niceLengthsUpTo(maxPx * mmPerPixel);
  const mm = candidates[candidates.length - 1];
  if (mm === undefined) return null;
  const px = mm / mmPerPixel;
  return px >= minPx ? { mm, px } : null;
}

/**
 * Magnification relative to "fit to viewport" (1 = the whole image just fits), from the displayed
 * size of a screen pixel. Computed from geometry rather than read from the viewport because the
 * GPU and CPU rendering paths report zoom on different scales.
 */
export function zoomRelativeToFit(
  mmPerPixel: number,
  viewportPx: { readonly width: number; readonly height: number },
  imageMm: { readonly width: number; readonly height: number },
): number {
  if (!(mmPerPixel > 0) || !(imageMm.width > 0) || !(imageMm.height > 0)) return 1;
  const fitMmPerPixel = Math.max(imageMm.width / viewportPx.width, imageMm.height / viewportPx.height);
  return fitMmPerPixel / mmPerPixel;
}

export function formatLength(mm: number): string {
  return mm >= 10 ? `${mm / 10} cm` : `${mm} mm`;
}
