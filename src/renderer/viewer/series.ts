/**
 * From the DICOM index to what the viewer shows. Pure (no Cornerstone), so the app and the tests
 * build ViewerSeries the same way.
 */
import type { FrameRef, SeriesSummary } from '../../core/dicom/model';
import type { ViewerSeries } from './types';

/**
 * One ViewerSeries per indexed series, its image ids in the index's reading order with each frame's
 * stored reference and slice position beside them. `imageIdFor`
 * gives the image id of one frame, e.g. for picked files
 * `(frame) => imageIdForFile(fileOf(frame.sopInstanceUid), isMultiFrame ? frame.frameIndex : undefined)`
 * and for indexed paths `imageIdForUrl(platform.fileUrl(pathOf(frame.sopInstanceUid)), ...)`.
 */
export function toViewerSeries(
  summary: SeriesSummary,
  imageIdFor: (frame: FrameRef) => string,
): ViewerSeries {
  return {
    seriesInstanceUid: summary.seriesInstanceUid,
    frameOfReferenceUid: summary.frameOfReferenceUid,
    modality: summary.modality,
    description: summary.seriesDescription,
    imageIds: summary.frames.map(imageIdFor),
    frames: summary.frames.map((frame) => ({
      studyInstanceUid: summary.studyInstanceUid,
      seriesInstanceUid: summary.seriesInstanceUid,
      sopInstanceUid: frame.sopInstanceUid,
      frameIndex: frame.frameIndex,
    })),
    slicePositionsMm: summary.frames.map((frame) => frame.positionMm),
    sliceThicknessMm: summary.sliceThicknessMm,
    sliceSpacingMm: summary.sliceSpacingMm,
    warnings: summary.warnings,
  };
}
