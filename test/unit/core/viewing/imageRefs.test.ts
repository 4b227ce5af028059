import { describe, expect, it } from 'vitest';
import type { ImageRef } from '../../../../src/core/reading/model';
import { imageRef, indexOfImage, sameImage } from '../../../../src/core/viewing/imageRefs';

const ref = (sop: string, frameIndex = 0): ImageRef => ({
  studyInstanceUid: '1.2',
  seriesInstanceUid: '1.2.3',
  sopInstanceUid: sop,
  frameIndex,
});

describe('indexOfImage', () => {
  const frames = [ref('1.2.3.1'), ref('1.2.3.2'), ref('1.2.3.9', 0), ref('1.2.3.9', 1), ref('1.2.3.9', 2)];

  it('finds single-frame instances and each frame of a multi-frame instance', () => {
    expect(indexOfImage(frames, ref('1.2.3.2'))).toBe(1);
    expect(indexOfImage(frames, ref('1.2.3.9', 2))).toBe(4);
    expect(indexOfImage(frames, ref('1.2.3.9', 0))).toBe(2);
  });

  it('gives -1 for an image the series does not hold', () => {
    expect(indexOfImage(frames, ref('1.2.3.3'))).toBe(-1);
    expect(indexOfImage(frames, ref('1.2.3.9', 3))).toBe(-1);
    expect(indexOfImage([], ref('1.2.3.1'))).toBe(-1);
  });

  it('identifies images by SOP Instance UID and frame, whatever series UIDs the reference carries', () => {
    expect(indexOfImage(frames, { ...ref('1.2.3.1'), seriesInstanceUid: '9.9' })).toBe(0);
  });
});

describe('sameImage and imageRef', () => {
  it('compares by instance and frame', () => {
    expect(sameImage(ref('1.5', 1), ref('1.5', 1))).toBe(true);
    expect(sameImage(ref('1.5', 1), ref('1.5', 0))).toBe(false);
  });

  it('copies exactly the four fields of a stored reference', () => {
    const frame = { ...ref('1.5'), positionMm: 3 } as ImageRef;
    expect(imageRef(frame)).toEqual(ref('1.5'));
    expect(Object.keys(imageRef(frame))).toHaveLength(4);
  });
});
