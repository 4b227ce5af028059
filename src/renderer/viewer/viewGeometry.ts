/**
 * Plain geometry behind keeping and restoring a view: image pixels <-> patient mm on a slice, the
 * remembered slice in a series that may have changed, and how far "go to" must pan.
 */
import type { ImageRef } from '../../core/reading/model';
import type { Vec3 } from './orientation';

/** The parts of a slice's image plane (DICOM Image Plane module) the conversions need. */
export interface SlicePlane {
  readonly imagePositionPatient: Vec3;
  readonly rowCosines: Vec3;
  readonly columnCosines: Vec3;
  /** Spacing between columns (along a row) and between rows, in mm. */
  readonly columnPixelSpacing: number;
  readonly rowPixelSpacing: number;
}

/** Image pixel (column, row) -> patient mm. Pixel centres: (0, 0) is the first pixel's centre. */
export function pixelToWorld(
  plane: SlicePlane,
  [column, row]: readonly [number, number],
): [number, number, number] {
  const { imagePositionPatient: p, rowCosines: r, columnCosines: c } = plane;
  const x = column * plane.columnPixelSpacing;
  const y = row * plane.rowPixelSpacing;
  return [p[0] + r[0] * x + c[0] * y, p[1] + r[1] * x + c[1] * y, p[2] + r[2] * x + c[2] * y];
}

/** Patient mm -> image pixel (column, row), the point projected onto the slice. */
export function worldToPixel(plane: SlicePlane, world: readonly [number, number, number]): [number, number] {
  const { imagePositionPatient: p, rowCosines: r, columnCosines: c } = plane;
  const d = [world[0] - p[0], world[1] - p[1], world[2] - p[2]];
  return [
    (d[0]! * r[0] + d[1]! * r[1] + d[2]! * r[2]) / plane.columnPixelSpacing,
    (d[0]! * c[0] + d[1]! * c[1] + d[2]! * c[2]) / plane.rowPixelSpacing,
  ];
}

/**
 * The slice to reopen: the image the reader left, found by its UID (the series may have gained or
 * lost images since), else the same index within the series.
 */
export function rememberedSlice(
  frames: readonly ImageRef[],
  remembered: { readonly slice: number; readonly sopInstanceUid: string | null; readonly frameIndex: number },
): number {
  if (frames.length === 0) return 0;
  const same = frames[remembered.slice];
  if (same && same.sopInstanceUid === remembered.sopInstanceUid && same.frameIndex === remembered.frameIndex)
    return remembered.slice;
  if (remembered.sopInstanceUid !== null) {
    const found = frames.findIndex(
      (f) => f.sopInstanceUid === remembered.sopInstanceUid && f.frameIndex === remembered.frameIndex,
    );
    if (found >= 0) return found;
  }
  return Math.min(Math.max(0, Math.round(remembered.slice)), frames.length - 1);
}

/** Keep a lesion "go to" shows at least this far (fraction of the viewport) from every edge. */
export const REVEAL_MARGIN = 0.12;

/**
 * How far to move the image (canvas px, along one screen axis) so `point` is in view: nothing when it
 * is already at least `margin` of the viewport from both edges; else it is brought to the middle, but
 * no further than keeps the image covering the view (zoomed in) or wholly in view (at fit or smaller):
 * the reader's zoom stays and no more of the chest leaves the screen than needed.
 *
 * `length` is the viewport's size on this axis, [imageStart, imageEnd] the image's extent on it.
 */
export function revealShift(
  point: number,
  length: number,
  imageStart: number,
  imageEnd: number,
  margin = REVEAL_MARGIN,
): number {
  const edge = margin * length;
  if (point >= edge && point <= length - edge) return 0;
  const wanted = length / 2 - point;
  const low = Math.min(imageStart, imageEnd);
  const high = Math.max(imageStart, imageEnd);
  // Shifts that leave no empty band where the image could fill the view (image larger than the view),
  // or that keep all of it on screen (image smaller).
  const [from, to] = high - low >= length ? [length - high, -low] : [-low, length - high];
  const shift = Math.min(Math.max(wanted, Math.min(from, to)), Math.max(from, to));
  return Math.abs(shift) < 0.5 ? 0 : shift;
}
