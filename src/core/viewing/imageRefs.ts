/**
 * Mapping between the viewer's frames (reading order, one per image id) and stored image references
 * (SOP Instance UID + frame), so stored measurements find their image and new ones name theirs.
 */
import type { ImageRef } from '../reading/model';

function keyOf(image: Pick<ImageRef, 'sopInstanceUid' | 'frameIndex'>): string {
  return `${image.sopInstanceUid}#${image.frameIndex}`;
}

const indexes = new WeakMap<readonly ImageRef[], Map<string, number>>();

/**
 * The position of `image` in `frames`, or -1 when the series does not hold it. The SOP Instance UID
 * and frame identify an image (they are unique across studies); the study and series UIDs are not
 * compared so a reference survives a series being re-indexed. Indexed once per frames array.
 */
export function indexOfImage(frames: readonly ImageRef[], image: ImageRef): number {
  let index = indexes.get(frames);
  if (!index) {
    index = new Map();
    frames.forEach((frame, i) => {
      const key = keyOf(frame);
      if (!index!.has(key)) index!.set(key, i);
    });
    indexes.set(frames, index);
  }
  return index.get(keyOf(image)) ?? -1;
}

export function sameImage(a: ImageRef, b: ImageRef): boolean {
  return a.sopInstanceUid === b.sopInstanceUid && a.frameIndex === b.frameIndex;
}

/** A plain copy (the frames arrays may carry more than the four fields a stored reference allows). */
export function imageRef(frame: ImageRef): ImageRef {
  return {
    studyInstanceUid: frame.studyInstanceUid,
    seriesInstanceUid: frame.seriesInstanceUid,
    sopInstanceUid: frame.sopInstanceUid,
    frameIndex: frame.frameIndex,
  };
}
