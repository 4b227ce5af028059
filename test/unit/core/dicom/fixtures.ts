/**
 * Builders for synthetic test input: tiny DICOM files (explicit VR little endian, with or without the
 * Part 10 preamble) and InstanceHeader objects for organisation tests.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FrameGeometry, IndexedInstance, InstanceHeader } from '../../../../src/core/dicom/model';

export const sharedData = resolve(process.cwd(), '../shared/data');

export function filesUnder(folder: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

type Value = string | number[] | Uint8Array;
export interface SyntheticElement {
  readonly tag: number; // 0xGGGGEEEE
  readonly vr: string;
  readonly value: Value;
}

const LONG = new Set(['OB', 'OW', 'OF', 'SQ', 'UT', 'UN']);

function encodeValue(vr: string, value: Value): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') {
    const padded = value.length % 2 === 1 ? value + (vr === 'UI' ? '\0' : ' ') : value;
    return new TextEncoder().encode(padded);
  }
  const bytes = new Uint8Array(value.length * 2);
  const view = new DataView(bytes.buffer);
  value.forEach((v, i) => view.setUint16(i * 2, v, true));
  return bytes;
}

function encodeElement({ tag, vr, value }: SyntheticElement): Uint8Array {
  const data = encodeValue(vr, value);
  const headerLength = LONG.has(vr) ? 12 : 8;
  const out = new Uint8Array(headerLength + data.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, tag >>> 16, true);
  view.setUint16(2, tag & 0xffff, true);
  out[4] = vr.charCodeAt(0);
  out[5] = vr.charCodeAt(1);
  if (LONG.has(vr)) view.setUint32(8, data.length, true);
  else view.setUint16(6, data.length, true);
  out.set(data, headerLength);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export interface SyntheticOptions {
  readonly transferSyntaxUid?: string;
  /** false: no preamble and no meta group (a bare data set). */
  readonly part10?: boolean;
  readonly pixelBytes?: number;
}

/** A small, valid CT-like file; `elements` override or add data set elements. */
export function syntheticDicom(
  elements: readonly SyntheticElement[] = [],
  options: SyntheticOptions = {},
): Uint8Array {
  const base: SyntheticElement[] = [
    { tag: 0x00080016, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.2' },
    { tag: 0x00080018, vr: 'UI', value: '1.2.3.4.5.1' },
    { tag: 0x00080060, vr: 'CS', value: 'CT' },
    { tag: 0x00100020, vr: 'LO', value: 'P1' },
    { tag: 0x0020000d, vr: 'UI', value: '1.2.3.4' },
    { tag: 0x0020000e, vr: 'UI', value: '1.2.3.4.5' },
    { tag: 0x00280010, vr: 'US', value: [2] },
    { tag: 0x00280011, vr: 'US', value: [2] },
  ];
  const byTag = new Map(base.map((e) => [e.tag, e]));
  for (const element of elements) byTag.set(element.tag, element);
  const pixelBytes = options.pixelBytes ?? 8;
  if (pixelBytes >= 0 && !byTag.has(0x7fe00010)) {
    byTag.set(0x7fe00010, { tag: 0x7fe00010, vr: 'OW', value: new Uint8Array(pixelBytes) });
  }
  const dataSet = concat([...byTag.values()].sort((a, b) => a.tag - b.tag).map(encodeElement));
  if (options.part10 === false) return dataSet;
  const meta = concat([
    encodeElement({ tag: 0x00020001, vr: 'OB', value: new Uint8Array([0, 1]) }),
    encodeElement({ tag: 0x00020010, vr: 'UI', value: options.transferSyntaxUid ?? '1.2.840.10008.1.2.1' }),
  ]);
  const preamble = new Uint8Array(132);
  preamble.set(new TextEncoder().encode('DICM'), 128);
  return concat([preamble, meta, dataSet]);
}

export function withoutPixelData(): SyntheticOptions {
  return { pixelBytes: -1 };
}

const axial: FrameGeometry = {
  imagePositionPatient: [0, 0, 0],
  imageOrientationPatient: [1, 0, 0, 0, 1, 0],
  pixelSpacing: [0.7, 0.7],
  sliceThicknessMm: 1,
};

let counter = 0;

/** An axial CT slice at height z (mm), with whatever overrides a test needs. */
export function slice(z: number | null, overrides: Partial<InstanceHeader> = {}): IndexedInstance {
  counter += 1;
  const geometry: FrameGeometry =
    z === null
      ? { ...axial, imagePositionPatient: null }
      : { ...axial, imagePositionPatient: [-100, -100, z] };
  const header: InstanceHeader = {
    sopInstanceUid: `1.2.826.0.1.${counter}`,
    sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
    studyInstanceUid: '1.2.826.0.9',
    seriesInstanceUid: '1.2.826.0.9.1',
    frameOfReferenceUid: '1.2.826.0.9.2',
    transferSyntaxUid: '1.2.840.10008.1.2',
    patientId: 'P1',
    clinicalTrialSubjectId: '',
    patientName: 'Test^Patient',
    patientBirthDate: null,
    patientSex: null,
    studyDate: '2024-01-02',
    studyTime: null,
    studyDescription: 'CT chest',
    accessionNumber: 'A1',
    seriesNumber: 2,
    seriesDescription: 'Axial 1mm',
    seriesDate: null,
    modality: 'CT',
    bodyPartExamined: 'CHEST',
    instanceNumber: null,
    numberOfFrames: 1,
    rows: 512,
    columns: 512,
    bitsAllocated: 16,
    bitsStored: 12,
    pixelRepresentation: 0,
    samplesPerPixel: 1,
    photometricInterpretation: 'MONOCHROME2',
    rescaleSlope: 1,
    rescaleIntercept: -1024,
    windowCenters: [],
    windowWidths: [],
    spacingBetweenSlicesMm: null,
    sliceLocation: z,
    geometry,
    perFrameGeometry: null,
    hasPixelData: true,
    ...overrides,
  };
  return { header, source: { kind: 'path', path: `/data/${counter}.dcm` }, fileSizeBytes: 1000 };
}

export function geometryAt(z: number): FrameGeometry {
  return { ...axial, imagePositionPatient: [-100, -100, z] };
}

/** Deterministic shuffle (the order must not matter, and failures must be reproducible). */
export function shuffled<T>(items: readonly T[], seed = 7): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
