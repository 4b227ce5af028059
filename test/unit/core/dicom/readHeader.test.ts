import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  headerTooLargeReason,
  MAX_HEADER_BYTES,
  parseHeaderBytes,
  readInstanceHeader,
  type ByteSource,
  type HeaderReadResult,
} from '../../../../src/core/dicom/readHeader';
import { filesUnder, sharedData, syntheticDicom, withoutPixelData } from './fixtures';

const pydicom = join(sharedData, 'edge-cases/pydicom');
const fixtureDicom = join(process.cwd(), 'test/fixtures/dicom');

/** A byte source over a buffer that records which ranges were read. */
function memorySource(bytes: Uint8Array) {
  const reads: [number, number][] = [];
  const source: ByteSource = {
    sizeBytes: bytes.length,
    read: (start, end) => {
      reads.push([start, end]);
      return Promise.resolve(bytes.slice(start, end));
    },
  };
  return { source, reads };
}

function readFile(path: string): Promise<HeaderReadResult> {
  return readInstanceHeader(memorySource(new Uint8Array(readFileSync(path))).source);
}

function instance(result: HeaderReadResult) {
  if (result.kind !== 'instance') throw new Error(`expected an instance, got ${JSON.stringify(result)}`);
  return result.header;
}

function reason(result: HeaderReadResult): string {
  if (result.kind !== 'rejected') throw new Error(`expected a rejection, got ${result.kind}`);
  return result.reason;
}

describe('every shared test file becomes an instance, a DICOMDIR or a rejection with a reason', () => {
  const files = [
    ...filesUnder(join(sharedData, 'edge-cases')),
    ...filesUnder(join(sharedData, 'transfer-syntaxes')),
  ];

  it('covers the whole edge-case and transfer-syntax sets', () => {
    expect(files.length).toBeGreaterThan(150);
  });

  it.each(files.map((f) => [relative(sharedData, f), f]))('%s', async (_name, path) => {
    const result = await readFile(path);
    if (result.kind === 'rejected') expect(result.reason).toMatch(/^[a-z].{8,}/);
    if (result.kind === 'instance') {
      expect(result.header.sopInstanceUid).not.toBe('');
      expect(result.header.rows).toBeGreaterThan(0);
      expect(result.header.hasPixelData).toBe(true);
    }
    if (result.kind === 'dicomdir') expect(Array.isArray(result.referencedFiles)).toBe(true);
  });

  it('indexes every image in transfer-syntaxes (all have decoders in the viewer)', async () => {
    for (const path of filesUnder(join(sharedData, 'transfer-syntaxes'))) {
      expect((await readFile(path)).kind, path).toBe('instance');
    }
  });
});

describe('header fields', () => {
  it('reads patient, study, series and geometry of an explicit little endian CT', async () => {
    const header = instance(await readFile(join(pydicom, 'CT_small.dcm')));
    expect(header).toMatchObject({
      modality: 'CT',
      patientName: 'CompressedSamples^CT1',
      studyDate: '2004-01-19',
      transferSyntaxUid: '1.2.840.10008.1.2.1',
      rows: 128,
      columns: 128,
      numberOfFrames: 1,
      bitsAllocated: 16,
      perFrameGeometry: null,
    });
    expect(header.geometry.imagePositionPatient).toEqual([-158.135803, -179.035797, -75.699997]);
    expect(header.geometry.imageOrientationPatient).toEqual([1, 0, 0, 0, 1, 0]);
    expect(header.geometry.sliceThicknessMm).toBe(5);
  });

  it('reads (0012,0040) Clinical Trial Subject ID without its padding, and empty when absent', async () => {
    // The fixture is CT_small.dcm after `dcmodify -i "(0012,0040)=TIL-007"`: the odd-length value is
    // stored space-padded as "TIL-007 ", and nothing else in the header changed.
    const original = instance(await readFile(join(pydicom, 'CT_small.dcm')));
    const stamped = instance(await readFile(join(fixtureDicom, 'ct-small-clinical-trial-subject-id.dcm')));
    expect(original.clinicalTrialSubjectId).toBe('');
    expect(stamped).toEqual({ ...original, clinicalTrialSubjectId: 'TIL-007' });
  });

  it('trims a Clinical Trial Subject ID padded on both sides, and reads an all-space one as empty', async () => {
    const header = (value: string) => {
      const bytes = syntheticDicom([{ tag: 0x00120040, vr: 'LO', value }]);
      return parseHeaderBytes(bytes, bytes.length);
    };
    expect(header('  ONC-101-0007  ')).toMatchObject({ header: { clinicalTrialSubjectId: 'ONC-101-0007' } });
    expect(header('    ')).toMatchObject({ header: { clinicalTrialSubjectId: '' } });
  });

  it('reads implicit, explicit little and explicit big endian encodings of one image identically', async () => {
    const variants = ['MR_small.dcm', 'MR_small_implicit.dcm', 'MR_small_bigendian.dcm', 'MR_small_expb.dcm'];
    const headers = await Promise.all(
      variants.map(async (name) => instance(await readFile(join(pydicom, name)))),
    );
    for (const header of headers) {
      expect(header.rows).toBe(64);
      expect(header.columns).toBe(64);
      expect(header.bitsAllocated).toBe(16);
      expect(header.geometry).toEqual(headers[0]!.geometry);
      expect(header.sopInstanceUid).toBe(headers[0]!.sopInstanceUid);
    }
    expect(headers.map((h) => h.transferSyntaxUid)).toEqual([
      '1.2.840.10008.1.2.1',
      '1.2.840.10008.1.2',
      '1.2.840.10008.1.2.2',
      '1.2.840.10008.1.2.2',
    ]);
  });

  it('gives per-frame geometry for enhanced multi-frame objects and RT dose grids', async () => {
    const dose = instance(await readFile(join(pydicom, 'rtdose.dcm')));
    expect(dose.numberOfFrames).toBe(15);
    expect(dose.perFrameGeometry).toHaveLength(15);
    const zs = dose.perFrameGeometry!.map((g) => g.imagePositionPatient![2]);
    expect(new Set(zs).size).toBe(15);

    const segmentation = instance(await readFile(join(pydicom, 'liver_1frame.dcm')));
    expect(segmentation.perFrameGeometry?.[0]?.imagePositionPatient).toEqual(
      segmentation.geometry.imagePositionPatient,
    );
  });

  it('reads a data set without preamble or meta group (explicit VR, sniffed)', async () => {
    const bytes = syntheticDicom([], { part10: false });
    const header = instance(await readInstanceHeader(memorySource(bytes).source));
    expect(header.sopInstanceUid).toBe('1.2.3.4.5.1');
    expect(header.transferSyntaxUid).toBe('1.2.840.10008.1.2.1');
  });

  it('inflates deflated data sets, asynchronously or with an injected inflater', async () => {
    const bytes = new Uint8Array(readFileSync(join(pydicom, 'image_dfl.dcm')));
    const asyncHeader = instance(await readInstanceHeader(memorySource(bytes).source));
    expect(asyncHeader.transferSyntaxUid).toBe('1.2.840.10008.1.2.1.99');
    expect(asyncHeader.rows).toBe(512);
    const syncResult = parseHeaderBytes(bytes, bytes.length, { inflateRaw: (data) => inflateRawSync(data) });
    expect(syncResult).toEqual({ kind: 'instance', header: asyncHeader });
    expect(parseHeaderBytes(bytes, bytes.length)).toEqual({
      kind: 'rejected',
      reason: 'deflated data set: no inflater available here',
    });
  });
});

describe('reading only what is needed', () => {
  it('reads a 512 KiB CT slice with one 64 KiB probe, never its pixel data', async () => {
    const bytes = new Uint8Array(readFileSync(join(sharedData, 'ct-chest-lidc-0314/000001.dcm')));
    const { source, reads } = memorySource(bytes);
    const header = instance(await readInstanceHeader(source));
    expect(header.rows).toBe(512);
    expect(reads).toEqual([[0, 64 * 1024]]);
  });

  it('grows the read when the header is longer than the probe', async () => {
    const bigPrivate = { tag: 0x00091010, vr: 'UN', value: new Uint8Array(200_000) };
    const bytes = syntheticDicom([bigPrivate], { pixelBytes: 1_000_000 });
    const { source, reads } = memorySource(bytes);
    expect(instance(await readInstanceHeader(source, 1024)).rows).toBe(2);
    expect(reads.length).toBeGreaterThan(1);
    expect(reads.at(-1)![1]).toBeLessThan(bytes.length);
  });

  it('gives up, with a reason, on a header that would need more than MAX_HEADER_BYTES', async () => {
    const dataSet = syntheticDicom([], withoutPixelData());
    const blob = new Uint8Array(12);
    new DataView(blob.buffer).setUint32(0, 0x10100009, true); // (0009,1010), little endian halves
    blob.set([0x55, 0x4e], 4); // "UN"
    new DataView(blob.buffer).setUint32(8, 150 * 1024 * 1024, true);
    const prefix = new Uint8Array(dataSet.length + blob.length);
    prefix.set(dataSet);
    prefix.set(blob, dataSet.length);
    let largestRead = 0;
    const source: ByteSource = {
      sizeBytes: prefix.length + 150 * 1024 * 1024,
      read: (start, end) => {
        largestRead = Math.max(largestRead, end);
        const out = new Uint8Array(end - start);
        out.set(prefix.subarray(start, Math.min(end, prefix.length)));
        return Promise.resolve(out);
      },
    };
    expect(await readInstanceHeader(source)).toEqual({ kind: 'rejected', reason: headerTooLargeReason() });
    expect(largestRead).toBeLessThanOrEqual(MAX_HEADER_BYTES);
  });

  it('asks for more bytes when given only a prefix that ends inside the header', () => {
    const bytes = syntheticDicom();
    const result = parseHeaderBytes(bytes.subarray(0, 200), bytes.length);
    expect(result.kind).toBe('need-more-bytes');
    if (result.kind === 'need-more-bytes') expect(result.atLeast).toBeGreaterThan(200);
  });
});

describe('rejections with plain reasons', () => {
  it('rejects a text file as not DICOM', async () => {
    const bytes = new TextEncoder().encode(
      'Patient list\nnothing to see here, just a long enough text file '.repeat(5),
    );
    expect(reason(await readInstanceHeader(memorySource(bytes).source))).toMatch(/^not a DICOM file/);
  });

  it('rejects an empty file', async () => {
    expect(reason(await readInstanceHeader(memorySource(new Uint8Array(0)).source))).toBe('empty file');
  });

  it('rejects truncated files and says where they end', async () => {
    expect(reason(await readFile(join(pydicom, 'MR_truncated.dcm')))).toMatch(/^truncated: the pixel data/);
    expect(reason(await readFile(join(pydicom, 'rtplan_truncated.dcm')))).toMatch(/^truncated/);
    const bytes = syntheticDicom([{ tag: 0x00081030, vr: 'LO', value: 'A study description' }]);
    const cut = bytes.slice(0, bytes.indexOf('A'.charCodeAt(0), 140) + 4);
    expect(reason(await readInstanceHeader(memorySource(cut).source))).toBe(
      'truncated: file ends inside element (0008,1030)',
    );
  });

  it('names what an object without pixel data is', async () => {
    expect(reason(await readFile(join(pydicom, 'test-SR.dcm')))).toBe('no pixel data (Structured Report)');
    expect(reason(await readFile(join(pydicom, 'rtplan.dcm')))).toBe('no pixel data (RT Plan)');
    expect(reason(await readFile(join(sharedData, 'sr/dcmqi-tid1500-example.dcm')))).toBe(
      'no pixel data (Structured Report)',
    );
    const header = syntheticDicom([], withoutPixelData());
    expect(reason(await readInstanceHeader(memorySource(header).source))).toBe(
      'no pixel data (CT Image header without a Pixel Data element)',
    );
  });

  it('rejects transfer syntaxes the viewer cannot decode, by name', async () => {
    const bytes = syntheticDicom([], { transferSyntaxUid: '1.2.840.10008.1.2.4.102' });
    expect(reason(await readInstanceHeader(memorySource(bytes).source))).toBe(
      'unsupported transfer syntax: MPEG-4 AVC/H.264 (video) (1.2.840.10008.1.2.4.102) has no decoder in the viewer',
    );
  });

  it('names missing required UIDs', async () => {
    const bytes = syntheticDicom([{ tag: 0x0020000e, vr: 'UI', value: '' }]);
    expect(reason(await readInstanceHeader(memorySource(bytes).source))).toBe(
      'missing required UID: Series Instance UID (0020,000E)',
    );
  });

  it('rejects a file whose meta group declares explicit VR over an implicit data set', async () => {
    expect(reason(await readFile(join(pydicom, 'SC_rgb_jpeg.dcm')))).toMatch(/^inconsistent encoding/);
  });

  it('turns a failing byte source into a rejection', async () => {
    const source: ByteSource = {
      sizeBytes: 10,
      read: () => Promise.reject(new Error('EACCES: permission denied')),
    };
    expect(reason(await readInstanceHeader(source))).toBe(
      'could not read the file: EACCES: permission denied',
    );
  });
});

describe('DICOMDIR', () => {
  it('lists referenced files relative to its folder, whatever its encoding', async () => {
    const folder = join(pydicom, 'dicomdirtests');
    const expected = await readFile(join(folder, 'DICOMDIR'));
    if (expected.kind !== 'dicomdir') throw new Error('DICOMDIR not recognised');
    expect(expected.referencedFiles).toHaveLength(31);
    expect(expected.referencedFiles).toContain('98892003/MR700/4648');
    for (const variant of ['DICOMDIR-implicit', 'DICOMDIR-bigEnd', 'DICOMDIR-reordered']) {
      const result = await readFile(join(folder, variant));
      expect(result.kind, variant).toBe('dicomdir');
      if (result.kind === 'dicomdir')
        expect(new Set(result.referencedFiles)).toEqual(new Set(expected.referencedFiles));
    }
    expect(await readFile(join(folder, 'DICOMDIR-empty.dcm'))).toEqual({
      kind: 'dicomdir',
      referencedFiles: [],
    });
  });
});
