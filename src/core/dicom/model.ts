/**
 * The DICOM index model shared by the CLI, the main process and the renderer.
 * Only the tags the UI and the RECIST workflow need: pixel data never lives here.
 */

export type Vec3 = readonly [number, number, number];

/** Where an instance's bytes are. `path`: an absolute file path (Electron main, CLI, web dev server).
 *  `file`: a File picked in a browser, identified by its path relative to the picked root. */
export type SourceRef =
  { readonly kind: 'path'; readonly path: string } | { readonly kind: 'file'; readonly relativePath: string };

/** Geometry of one frame of a (possibly multi-frame) instance. */
export interface FrameGeometry {
  readonly imagePositionPatient: Vec3 | null;
  /** Row direction cosines then column direction cosines, as in (0020,0037). */
  readonly imageOrientationPatient: readonly [number, number, number, number, number, number] | null;
  /** [row spacing, column spacing] in mm, as in (0028,0030). */
  readonly pixelSpacing: readonly [number, number] | null;
  readonly sliceThicknessMm: number | null;
}

export interface InstanceHeader {
  readonly sopInstanceUid: string;
  readonly sopClassUid: string;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly frameOfReferenceUid: string | null;
  readonly transferSyntaxUid: string;

  readonly patientId: string;
  /** (0012,0040) Clinical Trial Subject ID: the trial's subject label, written by the site's
   *  de-identification; '' when absent. BICR matches a study to its subject by it before Patient ID. */
  readonly clinicalTrialSubjectId: string;
  readonly patientName: string;
  readonly patientBirthDate: string | null; // ISO YYYY-MM-DD
  readonly patientSex: string | null;

  readonly studyDate: string | null; // ISO YYYY-MM-DD
  readonly studyTime: string | null; // HH:MM:SS
  readonly studyDescription: string;
  readonly accessionNumber: string;

  readonly seriesNumber: number | null;
  readonly seriesDescription: string;
  readonly seriesDate: string | null; // ISO YYYY-MM-DD
  readonly modality: string;
  readonly bodyPartExamined: string;

  readonly instanceNumber: number | null;
  readonly numberOfFrames: number;
  readonly rows: number;
  readonly columns: number;
  readonly bitsAllocated: number;
  readonly bitsStored: number;
  readonly pixelRepresentation: number;
  readonly samplesPerPixel: number;
  readonly photometricInterpretation: string;
  readonly rescaleSlope: number;
  readonly rescaleIntercept: number;
  /** Every (0028,1050)/(0028,1051) pair in the file, first one first. */
  readonly windowCenters: readonly number[];
  readonly windowWidths: readonly number[];

  readonly spacingBetweenSlicesMm: number | null;
  readonly sliceLocation: number | null;
  /** Shared geometry (classic single-frame objects, or shared functional groups). */
  readonly geometry: FrameGeometry;
  /** Per-frame geometry of enhanced multi-frame objects (length numberOfFrames), else null. */
  readonly perFrameGeometry: readonly FrameGeometry[] | null;
  /** True when the object has pixel data (7FE0,0010 / float / double float pixel data). */
  readonly hasPixelData: boolean;
}

/** One indexed instance: its header, where it is, and how big the file is. */
export interface IndexedInstance {
  readonly header: InstanceHeader;
  readonly source: SourceRef;
  readonly fileSizeBytes: number;
}

export interface Rejection {
  /** The path as the user knows it (absolute path, or path relative to a picked folder). */
  readonly path: string;
  /** A plain reason a person understands, e.g. "not a DICOM file (no DICM prefix and no valid group 0008 element)". */
  readonly reason: string;
}

export type SeriesWarningCode =
  'GAP' | 'DUPLICATE_POSITION' | 'MIXED_ORIENTATION' | 'MIXED_SIZE' | 'NO_GEOMETRY' | 'IRREGULAR_SPACING';

export interface SeriesWarning {
  readonly code: SeriesWarningCode;
  readonly message: string;
}

/** One displayable frame of a series, in reading order. */
export interface FrameRef {
  readonly sopInstanceUid: string;
  /** 0-based frame index inside a multi-frame instance; 0 for single-frame objects. */
  readonly frameIndex: number;
  /** Position along the slice normal in mm (null without geometry). */
  readonly positionMm: number | null;
}

export interface SeriesSummary {
  readonly seriesInstanceUid: string;
  readonly studyInstanceUid: string;
  readonly frameOfReferenceUid: string | null;
  readonly modality: string;
  readonly seriesNumber: number | null;
  readonly seriesDescription: string;
  readonly instanceCount: number;
  readonly frameCount: number;
  readonly rows: number;
  readonly columns: number;
  readonly sliceThicknessMm: number | null;
  /** Median distance between neighbouring frames along the normal, null when undefined. */
  readonly sliceSpacingMm: number | null;
  readonly frames: readonly FrameRef[];
  readonly warnings: readonly SeriesWarning[];
}

export interface StudySummary {
  readonly studyInstanceUid: string;
  readonly patientId: string;
  /** The first non-empty Clinical Trial Subject ID among the study's instances; '' when none has one. */
  readonly clinicalTrialSubjectId: string;
  readonly patientName: string;
  readonly studyDate: string | null;
  readonly studyDescription: string;
  readonly accessionNumber: string;
  readonly modalities: readonly string[];
  readonly series: readonly SeriesSummary[];
}
