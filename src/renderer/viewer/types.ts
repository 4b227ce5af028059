import type { SeriesWarning } from '../../core/dicom/model';
import type { ImageRef, LesionKind, Segment } from '../../core/reading/model';

/** What the viewer needs to show one series; built by the app from the DICOM index. */
export interface ViewerSeries {
  readonly seriesInstanceUid: string;
  readonly frameOfReferenceUid: string | null;
  readonly modality: string; // 'CT' | 'MR' | ...
  readonly description: string;
  /** Reading order, one per displayable frame. */
  readonly imageIds: readonly string[];
  /** Parallel to imageIds: the stored reference of each frame (what measurements name as their image). */
  readonly frames: readonly ImageRef[];
  /**
   * Parallel to imageIds: each frame's position along the series' slice normal in mm (the index's
   * FrameRef.positionMm; null for a frame without geometry). Needed for slice sync and goToNearest;
   * without it the series scrolls on its own.
   */
  readonly slicePositionsMm?: readonly (number | null)[];
  readonly sliceThicknessMm: number | null;
  readonly sliceSpacingMm: number | null;
  readonly warnings: readonly SeriesWarning[];
}

export type ViewerLayout = '1x1' | '1x2';

/** Window/level as radiologists say it: width and centre, in the image's modality units (HU for CT). */
export interface WindowLevel {
  readonly width: number;
  readonly center: number;
}

/** What the overlays and tests read from one viewport; a snapshot, replaced on every change. */
export interface ViewportState {
  /** The series this state describes (null when the viewport is empty). */
  readonly seriesInstanceUid: string | null;
  readonly sliceIndex: number;
  readonly sliceCount: number;
  readonly windowLevel: WindowLevel | null;
  readonly invert: boolean;
  /** Magnification relative to "fit to viewport" (1 = fit). */
  readonly zoom: number;
  /** Position of the slice along its normal in mm (null without geometry). */
  readonly sliceLocationMm: number | null;
  readonly sliceThicknessMm: number | null;
  /** Letters for the left, right, top and bottom edges (e.g. R, L, A, P); empty without geometry. */
  readonly orientation: OrientationLabels | null;
  /** Scale bar: length in mm and its length in CSS pixels, null without pixel spacing. */
  readonly scaleBar: { readonly mm: number; readonly px: number } | null;
  /** A plain message shown in the viewport when the current image cannot be shown. */
  readonly error: string | null;
  /** True once the current slice has been drawn. */
  readonly rendered: boolean;
}

export interface OrientationLabels {
  readonly left: string;
  readonly right: string;
  readonly top: string;
  readonly bottom: string;
}

// ---------------------------------------------------------------------------------------------------
// Measurements: the viewer draws stored annotations and reports what the reader draws or edits.

export type ViewerAnnotationTool = 'Bidirectional' | 'Length' | 'ArrowAnnotate';

/** A world point in patient coordinates (mm). */
export type WorldPoint = readonly [number, number, number];

/** One stored measurement or marker, drawn on whichever viewport shows its image. */
export interface ViewerAnnotation {
  /** The app's id for this drawing (stable across re-renders); events name it. */
  readonly id: string;
  readonly lesionId: string;
  /** Lesion label, e.g. "T1", "NT2", "N1"; diameters are appended for callipers. */
  readonly label: string;
  readonly kind: LesionKind;
  readonly tool: ViewerAnnotationTool;
  readonly image: ImageRef;
  /** Bidirectional and Length: world end points (mm). */
  readonly longAxis?: Segment;
  /** Bidirectional: world end points of the short axis. */
  readonly shortAxis?: Segment | null;
  /** ArrowAnnotate: tail then head (world mm), as a stored Marker's points. */
  readonly arrow?: Segment;
  /** Not editable (a signed timepoint, a prior timepoint). */
  readonly locked: boolean;
  /** Drawn thicker (the lesion selected in the app). */
  readonly highlighted?: boolean;
}

/** Arms a tool for one drawing on the active viewport; a new id arms again. */
export interface MeasureRequest {
  readonly id: string;
  readonly tool: ViewerAnnotationTool;
}

export interface MeasuredEvent {
  readonly requestId: string;
  readonly viewportIndex: number;
  readonly tool: ViewerAnnotationTool;
  readonly image: ImageRef;
  /** Bidirectional: the longer axis; Length: the line; ArrowAnnotate: the arrow (tail, head). */
  readonly longAxis: Segment;
  /** Bidirectional: the shorter axis; otherwise null. */
  readonly shortAxis: Segment | null;
  /** ArrowAnnotate only: tail then head. */
  readonly arrow?: Segment;
}

export interface AnnotationEditedEvent {
  readonly annotationId: string;
  readonly image: ImageRef;
  readonly longAxis?: Segment;
  readonly shortAxis?: Segment | null;
  readonly arrow?: Segment;
}

/** The 1x2 slice link, as the indicator shows it. */
export type SliceSyncStatus = 'synced' | 'linked' | 'not-linked' | 'off';
