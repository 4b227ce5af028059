/** "Go to lesion": bring a viewport to a stored image, or to the slice nearest a world point. */
import type { ImageRef } from '../../core/reading/model';
import { indexOfImage } from '../../core/viewing/imageRefs';
import type { WorldPoint } from './types';
import type { ViewportController } from './ViewportController';

export function goTo(
  controller: ViewportController | null,
  image: ImageRef,
  worldPoint?: WorldPoint,
): boolean {
  const series = controller?.getSeries();
  if (!controller || !series) return false;
  const index = indexOfImage(series.frames, image);
  if (index < 0) return false;
  showAndCentre(controller, index, worldPoint);
  return true;
}

/**
 * Scrolls to `slice` (what SliceSyncController.sliceNearest found, null: nowhere). The point is
 * brought into view only when it is in the viewport's own frame of reference: through a landmark link
 * only the position along the normal corresponds, not the position in the plane.
 */
export function goToNearest(
  controller: ViewportController | null,
  slice: number | null,
  { worldPoint, frameUid }: { worldPoint: WorldPoint; frameUid: string | null },
): boolean {
  const series = controller?.getSeries();
  if (!controller || !series || slice === null) return false;
  const ownFrame = frameUid === null || frameUid === series.frameOfReferenceUid;
  showAndCentre(controller, slice, ownFrame ? worldPoint : undefined);
  return true;
}

/**
 * The reader's zoom stays and the image moves only if the lesion would be off screen or at its edge
 * (ViewportController.revealPoint): centring it always cut off half the chest at fit.
 */
function showAndCentre(controller: ViewportController, index: number, worldPoint?: WorldPoint): void {
  controller.setSlice(index);
  if (!worldPoint) return;
  const point: [number, number, number] = [worldPoint[0], worldPoint[1], worldPoint[2]];
  void controller.whenShown(index).then((shown) => {
    if (shown) controller.revealPoint(point);
  });
}
