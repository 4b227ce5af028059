import { describe, expect, it } from 'vitest';
import {
  describeLoadError,
  loadErrorReason,
  transferSyntaxName,
} from '../../../../src/renderer/viewer/loadError';

describe('loadErrorReason', () => {
  it('finds the message in the shapes the DICOM loader rejects with', () => {
    expect(loadErrorReason(new Error('No decoder for transfer syntax 1.2.3'))).toBe(
      'No decoder for transfer syntax 1.2.3',
    );
    expect(loadErrorReason({ error: new Error('The pixel data is missing'), dataSet: {} })).toBe(
      'The pixel data is missing',
    );
    expect(loadErrorReason({ error: { error: 'deep reason' } })).toBe('deep reason');
    expect(loadErrorReason({ message: 'worker said no' })).toBe('worker said no');
    expect(
      loadErrorReason({
        error: { exception: 'dicomParser.readFixedString: attempt to read past end', dataSet: {} },
      }),
    ).toBe('dicomParser.readFixedString: attempt to read past end');
    expect(loadErrorReason('  plain  ')).toBe('plain');
  });

  it('never returns an empty reason', () => {
    expect(loadErrorReason(undefined)).toBe('unknown error');
    expect(loadErrorReason({})).toBe('unknown error');
    expect(loadErrorReason('')).toBe('unknown error');
    const cyclic: { error?: unknown } = {};
    cyclic.error = cyclic;
    expect(loadErrorReason(cyclic)).toBe('unknown error');
  });
});

describe('describeLoadError', () => {
  it('names the transfer syntax when known', () => {
    expect(describeLoadError(new Error('boom'), '1.2.840.10008.1.2.4.91')).toBe(
      'Cannot display this image. JPEG 2000 (1.2.840.10008.1.2.4.91): boom',
    );
    expect(transferSyntaxName('1.2.3.4')).toBe('transfer syntax 1.2.3.4');
    expect(describeLoadError('boom', null)).toBe('Cannot display this image. boom');
  });

  it('says in plain words what a truncated file, a non-image or an unknown codec means', () => {
    expect(
      describeLoadError(
        { error: { exception: 'dicomParser:parseDicomDataSetExplicit: buffer overrun' } },
        null,
      ),
    ).toBe(
      'Cannot display this image. The file is truncated or damaged. (dicomParser:parseDicomDataSetExplicit: buffer overrun)',
    );
    expect(describeLoadError(new Error('The pixel data is missing'), '1.2.840.10008.1.2')).toBe(
      'Cannot display this image. The file has no pixel data (it is not an image). (Implicit VR Little Endian (1.2.840.10008.1.2): The pixel data is missing)',
    );
    expect(describeLoadError(new Error('unsupported pixel format for RLE'), '1.2.840.10008.1.2.5')).toMatch(
      /^Cannot display this image\. Its encoding cannot be decoded here\. \(RLE Lossless/,
    );
  });

  it('names a colour photometric interpretation, not plain greyscale', () => {
    expect(describeLoadError('boom', '1.2.840.10008.1.2.1', 'YBR_FULL_422')).toBe(
      'Cannot display this image. YBR_FULL_422, Explicit VR Little Endian (1.2.840.10008.1.2.1): boom',
    );
    expect(describeLoadError('boom', null, 'MONOCHROME2')).toBe('Cannot display this image. boom');
  });
});
