/**
 * Window/level presets and conversions. Pure: no Cornerstone, no DOM, so it is unit-tested in Node.
 *
 * Conversions follow DICOM PS3.3 C.11.2.1.2.1 (VOI LUT function LINEAR), the same convention as
 * Cornerstone's `utilities.windowLevel`, so a preset of 1500/-600 reads back as exactly 1500/-600.
 */
import type { WindowLevel } from './types';

export interface VoiPreset {
  readonly id: string;
  readonly label: string;
  /** The key that applies it in the viewer (digits 1..9). */
  readonly key: string;
  readonly windowLevel: WindowLevel;
}

/** Standard CT windows (HU); the order is the order of the toolbar and of the number keys. */
export const CT_PRESETS: readonly VoiPreset[] = [
  { id: 'soft-tissue', label: 'Soft tissue', key: '1', windowLevel: { width: 400, center: 40 } },
  { id: 'lung', label: 'Lung', key: '2', windowLevel: { width: 1500, center: -600 } },
  { id: 'liver', label: 'Liver', key: '3', windowLevel: { width: 150, center: 30 } },
  { id: 'bone', label: 'Bone', key: '4', windowLevel: { width: 1800, center: 400 } },
  { id: 'brain', label: 'Brain', key: '5', windowLevel: { width: 80, center: 40 } },
];

/** Presets that carry fixed numbers; other modalities (MR, ...) have no absolute intensity scale. */
export function presetsForModality(modality: string): readonly VoiPreset[] {
  return modality.toUpperCase() === 'CT' ? CT_PRESETS : [];
}

export interface VoiRange {
  readonly lower: number;
  readonly upper: number;
}

export function windowLevelToRange({ width, center }: WindowLevel): VoiRange {
  return { lower: center - 0.5 - (width - 1) / 2, upper: center - 0.5 + (width - 1) / 2 };
}

export function rangeToWindowLevel({ lower, upper }: VoiRange): WindowLevel {
  return { width: Math.abs(upper - lower) + 1, center: (lower + upper + 1) / 2 };
}

/** Window/level as shown to the reader: whole numbers, "W 1500 L -600". */
export function formatWindowLevel(wl: WindowLevel): string {
  return `W ${Math.round(wl.width)} L ${Math.round(wl.center)}`;
}

/**
 * A window computed from the pixels, for images without a usable window in the file (typical for MR):
 * the range between two percentiles of the stored values, so a few very bright or dark pixels
 * (fat, vessels, noise) do not wash out the picture the way a plain min/max window does.
 * Returns null for an empty or constant image.
 */
export function computeWindowFromPixels(
  pixels: ArrayLike<number>,
  lowPercentile = 0.5,
  highPercentile = 99.5,
): WindowLevel | null {
  const count = pixels.length;
  if (count === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < count; i++) {
    const v = pixels[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!Number.isFinite(min) || !Number.isFinite(max) || max === min) return null;

  // A fixed-size histogram keeps this O(n) for any bit depth and for float data.
  const binCount = 4096;
  const binWidth = (max - min) / binCount;
  const histogram = new Uint32Array(binCount);
  for (let i = 0; i < count; i++) {
    const bin = Math.min(binCount - 1, Math.floor((pixels[i]! - min) / binWidth));
    histogram[bin]! += 1;
  }
  const lower = valueAtPercentile(histogram, count, lowPercentile, min, binWidth, 'lower');
  const upper = valueAtPercentile(histogram, count, highPercentile, min, binWidth, 'upper');
  if (upper <= lower) return rangeToWindowLevel({ lower: min, upper: max });
  return rangeToWindowLevel({ lower, upper });
}

function valueAtPercentile(
  histogram: Uint32Array,
  count: number,
  percentile: number,
  min: number,
  binWidth: number,
  edge: 'lower' | 'upper',
): number {
  const target = (percentile / 100) * count;
  let seen = 0;
  for (let bin = 0; bin < histogram.length; bin++) {
    seen += histogram[bin]!;
    if (seen >= target) return min + (edge === 'lower' ? bin : bin + 1) * binWidth;
  }
  return min + histogram.length * binWidth;
}
