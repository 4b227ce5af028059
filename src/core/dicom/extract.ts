/**
 * Reads the tags the index needs from a parsed data set (dicom-parser), tolerating the usual
 * real-world sloppiness: padded strings, empty numbers, legacy date formats, geometry that lives in
 * enhanced functional groups instead of the top level.
 */
import type { DataSet } from './dicomParser';
import type { FrameGeometry, InstanceHeader, Vec3 } from './model';

type Orientation = NonNullable<FrameGeometry['imageOrientationPatient']>;

export const TAG = {
  mediaStorageSopClassUid: 'x00020002',
  mediaStorageSopInstanceUid: 'x00020003',
  transferSyntaxUid: 'x00020010',
  directoryRecordSequence: 'x00041220',
  referencedFileId: 'x00041500',
  sopClassUid: 'x00080016',
  sopInstanceUid: 'x00080018',
  studyDate: 'x00080020',
  seriesDate: 'x00080021',
  studyTime: 'x00080030',
  accessionNumber: 'x00080050',
  modality: 'x00080060',
  studyDescription: 'x00081030',
  seriesDescription: 'x0008103e',
  patientName: 'x00100010',
  patientId: 'x00100020',
  patientBirthDate: 'x00100030',
  patientSex: 'x00100040',
  clinicalTrialSubjectId: 'x00120040',
  bodyPartExamined: 'x00180015',
  sliceThickness: 'x00180050',
  spacingBetweenSlices: 'x00180088',
  studyInstanceUid: 'x0020000d',
  seriesInstanceUid: 'x0020000e',
  seriesNumber: 'x00200011',
  instanceNumber: 'x00200013',
  imagePositionPatient: 'x00200032',
  imageOrientationPatient: 'x00200037',
  frameOfReferenceUid: 'x00200052',
  sliceLocation: 'x00201041',
  planePositionSequence: 'x00209113',
  planeOrientationSequence: 'x00209116',
  samplesPerPixel: 'x00280002',
  photometricInterpretation: 'x00280004',
  numberOfFrames: 'x00280008',
  rows: 'x00280010',
  columns: 'x00280011',
  pixelSpacing: 'x00280030',
  bitsAllocated: 'x00280100',
  bitsStored: 'x00280101',
  pixelRepresentation: 'x00280103',
  windowCenter: 'x00281050',
  windowWidth: 'x00281051',
  rescaleIntercept: 'x00281052',
  rescaleSlope: 'x00281053',
  pixelMeasuresSequence: 'x00289110',
  gridFrameOffsetVector: 'x3004000c',
  sharedFunctionalGroups: 'x52009229',
  perFrameFunctionalGroups: 'x52009230',
  floatPixelData: 'x7fe00008',
  doubleFloatPixelData: 'x7fe00009',
  pixelData: 'x7fe00010',
} as const;

export function text(dataSet: DataSet, tag: string): string {
  // dicom-parser already trims; UIDs may still carry a trailing NUL pad.
  return (dataSet.string(tag) ?? '').replace(/\0+$/, '').trim();
}

function optionalText(dataSet: DataSet, tag: string): string | null {
  const value = text(dataSet, tag);
  return value === '' ? null : value;
}

/** Decimal/integer strings (DS, IS), falling back to binary VRs (US) when the element is not text. */
function numbers(dataSet: DataSet, tag: string): number[] {
  const element = dataSet.elements[tag];
  if (!element || element.length === 0) return [];
  const raw = dataSet.string(tag);
  if (raw === undefined) return [];
  return raw
    .split('\\')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(Number)
    .filter((value) => Number.isFinite(value));
}

function firstNumber(dataSet: DataSet, tag: string): number | null {
  return numbers(dataSet, tag)[0] ?? null;
}

/** US values: binary in explicit files, but an implicit file read with the wrong VR still has 2 bytes. */
function unsigned16(dataSet: DataSet, tag: string): number | null {
  const element = dataSet.elements[tag];
  if (!element || element.length < 2) return null;
  return dataSet.uint16(tag) ?? null;
}

/** DA "YYYYMMDD" (or the pre-1993 "YYYY.MM.DD") as ISO "YYYY-MM-DD"; null when absent or malformed. */
export function isoDate(value: string | null): string | null {
  if (!value) return null;
  const match = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [, year, month, day] = match;
  const monthNumber = Number(month);
  const dayNumber = Number(day);
  if (monthNumber < 1 || monthNumber > 12 || dayNumber < 1 || dayNumber > 31) return null;
  return `${year}-${month}-${day}`;
}

/** TM "HHMMSS.frac" (or "HH:MM:SS") as "HH:MM:SS"; missing minutes/seconds become 00. */
export function isoTime(value: string | null): string | null {
  if (!value) return null;
  const match = /^(\d{2}):?(\d{2})?:?(\d{2})?/.exec(value.trim());
  if (!match) return null;
  const [, hours, minutes = '00', seconds = '00'] = match;
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 60) return null;
  return `${hours}:${minutes}:${seconds}`;
}

function vec3(values: number[]): Vec3 | null {
  const [x, y, z] = values;
  return values.length >= 3 && x !== undefined && y !== undefined && z !== undefined ? [x, y, z] : null;
}

function orientation(values: number[]): Orientation | null {
  if (values.length < 6) return null;
  const [a, b, c, d, e, f] = values as [number, number, number, number, number, number];
  // A zero-length cosine is as good as no orientation.
  if (Math.hypot(a, b, c) < 1e-6 || Math.hypot(d, e, f) < 1e-6) return null;
  return [a, b, c, d, e, f];
}

function pair(values: number[]): readonly [number, number] | null {
  const [row, column] = values;
  return row !== undefined && column !== undefined && row > 0 && column > 0 ? [row, column] : null;
}

function firstItem(dataSet: DataSet | undefined, tag: string): DataSet | undefined {
  return dataSet?.elements[tag]?.items?.[0]?.dataSet;
}

/** Geometry from a classic data set or from one functional-groups item, whichever holds it. */
function geometryOf(dataSet: DataSet | undefined): Partial<Record<keyof FrameGeometry, unknown>> {
  if (!dataSet) return {};
  const measures = firstItem(dataSet, TAG.pixelMeasuresSequence) ?? dataSet;
  const plane = firstItem(dataSet, TAG.planePositionSequence) ?? dataSet;
  const planeOrientation = firstItem(dataSet, TAG.planeOrientationSequence) ?? dataSet;
  const result: Partial<Record<keyof FrameGeometry, unknown>> = {};
  const position = vec3(numbers(plane, TAG.imagePositionPatient));
  if (position) result.imagePositionPatient = position;
  const cosines = orientation(numbers(planeOrientation, TAG.imageOrientationPatient));
  if (cosines) result.imageOrientationPatient = cosines;
  const spacing = pair(numbers(measures, TAG.pixelSpacing));
  if (spacing) result.pixelSpacing = spacing;
  const thickness = firstNumber(measures, TAG.sliceThickness);
  if (thickness !== null && thickness > 0) result.sliceThicknessMm = thickness;
  return result;
}

function mergeGeometry(...layers: Partial<Record<keyof FrameGeometry, unknown>>[]): FrameGeometry {
  const merged = Object.assign({}, ...layers) as Partial<FrameGeometry>;
  return {
    imagePositionPatient: merged.imagePositionPatient ?? null,
    imageOrientationPatient: merged.imageOrientationPatient ?? null,
    pixelSpacing: merged.pixelSpacing ?? null,
    sliceThicknessMm: merged.sliceThicknessMm ?? null,
  };
}

export function normalOf(cosines: Orientation): Vec3 {
  const [rx, ry, rz, cx, cy, cz] = cosines;
  return [ry * cz - rz * cy, rz * cx - rx * cz, rx * cy - ry * cx];
}

function perFrameGeometry(
  dataSet: DataSet,
  numberOfFrames: number,
  shared: FrameGeometry,
): FrameGeometry[] | null {
  const perFrameItems = dataSet.elements[TAG.perFrameFunctionalGroups]?.items;
  const sharedLayer = geometryOf(firstItem(dataSet, TAG.sharedFunctionalGroups));
  if (perFrameItems && perFrameItems.length > 0) {
    return perFrameItems.map((item) =>
      mergeGeometry(geometryOf(dataSet), sharedLayer, geometryOf(item.dataSet)),
    );
  }
  // RT Dose and similar grids: one position, frames offset along the normal (3004,000C).
  const offsets = numbers(dataSet, TAG.gridFrameOffsetVector);
  const origin = shared.imagePositionPatient;
  if (numberOfFrames > 1 && offsets.length === numberOfFrames && origin && shared.imageOrientationPatient) {
    const normal = normalOf(shared.imageOrientationPatient);
    return offsets.map((offset) => ({
      ...shared,
      imagePositionPatient: [
        origin[0] + offset * normal[0],
        origin[1] + offset * normal[1],
        origin[2] + offset * normal[2],
      ] as const,
    }));
  }
  return null;
}

/** The index header of an image instance. UIDs are checked by the caller. */
export function extractHeader(dataSet: DataSet, transferSyntaxUid: string): InstanceHeader {
  const numberOfFrames = Math.max(1, Math.round(firstNumber(dataSet, TAG.numberOfFrames) ?? 1));
  const sharedLayer = geometryOf(firstItem(dataSet, TAG.sharedFunctionalGroups));
  const firstFrameLayer = geometryOf(firstItem(dataSet, TAG.perFrameFunctionalGroups));
  // Enhanced objects keep geometry in functional groups; the top level wins when both exist.
  const geometry = mergeGeometry(firstFrameLayer, sharedLayer, geometryOf(dataSet));
  const elements = dataSet.elements;
  return {
    sopInstanceUid: text(dataSet, TAG.sopInstanceUid) || text(dataSet, TAG.mediaStorageSopInstanceUid),
    sopClassUid: text(dataSet, TAG.sopClassUid) || text(dataSet, TAG.mediaStorageSopClassUid),
    studyInstanceUid: text(dataSet, TAG.studyInstanceUid),
    seriesInstanceUid: text(dataSet, TAG.seriesInstanceUid),
    frameOfReferenceUid: optionalText(dataSet, TAG.frameOfReferenceUid),
    transferSyntaxUid,
    patientId: text(dataSet, TAG.patientId),
    clinicalTrialSubjectId: text(dataSet, TAG.clinicalTrialSubjectId),
    patientName: text(dataSet, TAG.patientName),
    patientBirthDate: isoDate(optionalText(dataSet, TAG.patientBirthDate)),
    patientSex: optionalText(dataSet, TAG.patientSex),
    studyDate: isoDate(optionalText(dataSet, TAG.studyDate)),
    studyTime: isoTime(optionalText(dataSet, TAG.studyTime)),
    studyDescription: text(dataSet, TAG.studyDescription),
    accessionNumber: text(dataSet, TAG.accessionNumber),
    seriesNumber: firstNumber(dataSet, TAG.seriesNumber),
    seriesDescription: text(dataSet, TAG.seriesDescription),
    seriesDate: isoDate(optionalText(dataSet, TAG.seriesDate)),
    modality: text(dataSet, TAG.modality),
    bodyPartExamined: text(dataSet, TAG.bodyPartExamined),
    instanceNumber: firstNumber(dataSet, TAG.instanceNumber),
    numberOfFrames,
    rows: unsigned16(dataSet, TAG.rows) ?? 0,
    columns: unsigned16(dataSet, TAG.columns) ?? 0,
    bitsAllocated: unsigned16(dataSet, TAG.bitsAllocated) ?? 0,
    bitsStored: unsigned16(dataSet, TAG.bitsStored) ?? 0,
    pixelRepresentation: unsigned16(dataSet, TAG.pixelRepresentation) ?? 0,
    samplesPerPixel: unsigned16(dataSet, TAG.samplesPerPixel) ?? 1,
    photometricInterpretation: text(dataSet, TAG.photometricInterpretation),
    rescaleSlope: firstNumber(dataSet, TAG.rescaleSlope) ?? 1,
    rescaleIntercept: firstNumber(dataSet, TAG.rescaleIntercept) ?? 0,
    windowCenters: numbers(dataSet, TAG.windowCenter),
    windowWidths: numbers(dataSet, TAG.windowWidth),
    spacingBetweenSlicesMm: firstNumber(dataSet, TAG.spacingBetweenSlices),
    sliceLocation: firstNumber(dataSet, TAG.sliceLocation),
    geometry,
    perFrameGeometry: perFrameGeometry(dataSet, numberOfFrames, geometry),
    hasPixelData: Boolean(
      elements[TAG.pixelData] ?? elements[TAG.floatPixelData] ?? elements[TAG.doubleFloatPixelData],
    ),
  };
}
