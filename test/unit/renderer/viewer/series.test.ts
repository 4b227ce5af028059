import { describe, expect, it } from 'vitest';
import type { SeriesSummary } from '../../../../src/core/dicom/model';
import { indexOfImage } from '../../../../src/core/viewing/imageRefs';
import { toViewerSeries } from '../../../../src/renderer/viewer/series';

const summary: SeriesSummary = {
  seriesInstanceUid: '1.2.3',
  studyInstanceUid: '1.2',
  frameOfReferenceUid: '1.2.9',
  modality: 'CT',
  seriesNumber: 2,
  seriesDescription: 'Chest 1mm',
  instanceCount: 2,
  frameCount: 3,
  rows: 512,
  columns: 512,
  sliceThicknessMm: 1,
  sliceSpacingMm: 1.25,
  frames: [
    { sopInstanceUid: 'a', frameIndex: 0, positionMm: -10 },
    { sopInstanceUid: 'b', frameIndex: 0, positionMm: -8.75 },
    { sopInstanceUid: 'b', frameIndex: 1, positionMm: -7.5 },
  ],
  warnings: [{ code: 'GAP', message: 'gap of 2.5 mm between slices 2 and 3' }],
};

describe('toViewerSeries', () => {
  it('keeps the reading order and asks for one image id per frame', () => {
    const series = toViewerSeries(summary, (frame) => `test:${frame.sopInstanceUid}/${frame.frameIndex}`);
    expect(series.imageIds).toEqual(['test:a/0', 'test:b/0', 'test:b/1']);
  });

  it('carries what the overlays and the reading workflow need', () => {
    const series = toViewerSeries(summary, () => 'x');
    expect(series).toMatchObject({
      seriesInstanceUid: '1.2.3',
      frameOfReferenceUid: '1.2.9',
      modality: 'CT',
      description: 'Chest 1mm',
      sliceThicknessMm: 1,
      sliceSpacingMm: 1.25,
      warnings: summary.warnings,
    });
  });

  it('names every frame as stored measurements do, parallel to the image ids, with its slice position', () => {
    const series = toViewerSeries(summary, (frame) => `test:${frame.sopInstanceUid}/${frame.frameIndex}`);
    expect(series.frames).toEqual([
      { studyInstanceUid: '1.2', seriesInstanceUid: '1.2.3', sopInstanceUid: 'a', frameIndex: 0 },
      { studyInstanceUid: '1.2', seriesInstanceUid: '1.2.3', sopInstanceUid: 'b', frameIndex: 0 },
      { studyInstanceUid: '1.2', seriesInstanceUid: '1.2.3', sopInstanceUid: 'b', frameIndex: 1 },
    ]);
    expect(series.slicePositionsMm).toEqual([-10, -8.75, -7.5]);
    // image id -> stored reference -> image id
    for (const [i, imageId] of series.imageIds.entries()) {
      expect(series.imageIds[indexOfImage(series.frames, series.frames[i]!)]).toBe(imageId);
    }
  });
});
