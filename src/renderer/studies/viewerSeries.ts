import type { ImageRef } from '../../core/reading/model';
import type { PlatformBridge } from '../../platform/bridge';
import type { InstanceRecord, SeriesRecord } from '../db/database';
import type { SessionFiles } from '../import/sessionFiles';
import { imageIdForFile, imageIdForUrl } from '../viewer/cornerstone';
import type { ViewerSeries } from '../viewer/types';

/**
 * Turns an indexed series into what the viewer shows: one image id per frame in reading order, with
 * the frame's stored reference and slice position beside it. Frames whose bytes are not reachable
 * (see availability.ts) are left out, so callers check first.
 */
export function toViewerSeries(
  series: SeriesRecord,
  instances: readonly InstanceRecord[],
  sessionFiles: SessionFiles,
  platform: PlatformBridge,
): ViewerSeries {
  const byUid = new Map(instances.map((i) => [i.sopInstanceUid, i]));
  const imageIds: string[] = [];
  const frames: ImageRef[] = [];
  const slicePositionsMm: (number | null)[] = [];
  for (const frame of series.frames) {
    const instance = byUid.get(frame.sopInstanceUid);
    const imageId = instance && imageIdOf(instance, frame.frameIndex, sessionFiles, platform);
    if (!imageId) continue;
    imageIds.push(imageId);
    frames.push({
      studyInstanceUid: series.studyInstanceUid,
      seriesInstanceUid: series.seriesInstanceUid,
      sopInstanceUid: frame.sopInstanceUid,
      frameIndex: frame.frameIndex,
    });
    slicePositionsMm.push(frame.positionMm);
  }
  return {
    seriesInstanceUid: series.seriesInstanceUid,
    frameOfReferenceUid: series.frameOfReferenceUid,
    modality: series.modality,
    description: series.seriesDescription,
    imageIds,
    frames,
    slicePositionsMm,
    sliceThicknessMm: series.sliceThicknessMm,
    sliceSpacingMm: series.sliceSpacingMm,
    warnings: series.warnings,
  };
}

/** The image id of one frame, or null when its bytes are not reachable in this session. */
export function imageIdOf(
  instance: InstanceRecord,
  frameIndex: number,
  sessionFiles: SessionFiles,
  platform: PlatformBridge,
): string | null {
  const frame = instance.header.numberOfFrames > 1 ? frameIndex : undefined;
  if (instance.source.kind === 'path') return imageIdForUrl(platform.fileUrl(instance.source.path), frame);
  const file = sessionFiles.get(instance.sopInstanceUid);
  return file ? imageIdForFile(file, frame) : null;
}
