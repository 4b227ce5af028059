/**
 * Reading and setting a stack viewport's view in the terms the view memory keeps (viewMemory.ts) and
 * "go to" needs: the image pixel in the middle, the remembered window/zoom/pan, how far to pan to
 * reveal a point. Kept apart from ViewportController, which calls these at the right moments.
 */
import { metaData, type StackViewport, type Types } from '@cornerstonejs/core';
import type { Vec3 } from './orientation';
import type { ViewerSeries } from './types';
import { pixelToWorld, revealShift, worldToPixel, type SlicePlane } from './viewGeometry';
import type { RememberedView, ViewToRemember } from './viewMemory';

export function slicePlaneOf(imageId: string, known?: Types.ImagePlaneModule): SlicePlane | null {
  const plane = known ?? (metaData.get('imagePlaneModule', imageId) as Types.ImagePlaneModule | undefined);
  if (!plane?.imagePositionPatient || !plane.rowCosines || !plane.columnCosines) return null;
  if (!plane.rowPixelSpacing || !plane.columnPixelSpacing) return null;
  return {
    imagePositionPatient: plane.imagePositionPatient as Vec3,
    rowCosines: plane.rowCosines as Vec3,
    columnCosines: plane.columnCosines as Vec3,
    columnPixelSpacing: plane.columnPixelSpacing,
    rowPixelSpacing: plane.rowPixelSpacing,
  };
}

/** The image pixel (column, row) in the middle of a `width` x `height` viewport, to a tenth of a pixel. */
export function centrePixel(
  viewport: StackViewport,
  plane: SlicePlane,
  width: number,
  height: number,
): [number, number] {
  const [column, row] = worldToPixel(plane, viewport.canvasToWorld([width / 2, height / 2]));
  // Finer than any pan a reader makes: float noise must not count as a change of view.
  return [Math.round(column * 10) / 10, Math.round(row * 10) / 10];
}

/** The world point to centre on so image pixel `centre` of the current slice is in the middle. */
export function worldOfPixel(
  viewport: StackViewport,
  centre: readonly [number, number] | null,
): Types.Point3 | null {
  const image = viewport.getCornerstoneImage();
  const plane = image ? slicePlaneOf(image.imageId) : null;
  return centre && plane ? pixelToWorld(plane, centre) : null;
}

/** Window, inversion and zoom of a remembered view (the pan needs centring: see worldOfPixel). */
export function applyWindowAndZoom(viewport: StackViewport, view: RememberedView): void {
  viewport.setProperties({
    ...(view.voi ? { voiRange: { lower: view.voi.lower, upper: view.voi.upper } } : {}),
    invert: view.invert,
  });
  // Relative to the camera in place, which is "fit" for a series just set.
  if (Math.abs(view.zoom - 1) > 1e-3) viewport.setZoom(viewport.getZoom() * view.zoom);
}

export function viewToRemember(
  series: ViewerSeries,
  slice: number,
  properties: { voiRange?: Types.VOIRange; invert?: boolean },
  zoom: number,
  centre: readonly [number, number] | null,
): ViewToRemember {
  const frame = series.frames[slice];
  const voi = properties.voiRange;
  return {
    slice,
    sopInstanceUid: frame?.sopInstanceUid ?? null,
    frameIndex: frame?.frameIndex ?? 0,
    voi: voi ? { lower: voi.lower, upper: voi.upper } : null,
    invert: properties.invert ?? false,
    zoom,
    centre,
  };
}

/**
 * Where to centre so world point `point` is in view (see revealShift), or null when it already is
 * well inside it and nothing should move.
 */
export function centreToReveal(
  viewport: StackViewport,
  point: Vec3,
  { width, height }: { width: number; height: number },
): Types.Point3 | null {
  const image = viewport.getCornerstoneImage();
  if (!image) return null;
  const [x, y] = viewport.worldToCanvas([point[0], point[1], point[2]]);
  const plane = slicePlaneOf(image.imageId);
  const corners = plane
    ? (
        [
          [-0.5, -0.5],
          [image.columns - 0.5, -0.5],
          [-0.5, image.rows - 0.5],
          [image.columns - 0.5, image.rows - 0.5],
        ] as const
      ).map((pixel) => viewport.worldToCanvas(pixelToWorld(plane, pixel)))
    : null;
  // Without geometry the image's extent is unknown: the point is simply centred when not in view.
  const extent = (axis: 0 | 1, length: number): [number, number] =>
    corners
      ? [Math.min(...corners.map((c) => c[axis])), Math.max(...corners.map((c) => c[axis]))]
      : [-100 * length, 101 * length];
  const dx = revealShift(x, width, ...extent(0, width));
  const dy = revealShift(y, height, ...extent(1, height));
  if (dx === 0 && dy === 0) return null;
  return viewport.canvasToWorld([width / 2 - dx, height / 2 - dy]);
}
