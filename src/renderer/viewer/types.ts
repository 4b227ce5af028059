import type { SeriesWarning } from '../../core/dicom/model';

/** What the viewer needs to show one series; built by the app from the DICOM index. */
export interface ViewerSeries {
  readonly seriesInstanceUid: string;
  readonly frameOfReferenceUid: string | null;
  readonly modality: string; // 'CT' | 'MR' | ...
  readonly description: string;
  /** Reading order, one per displayable frame. */
  readonly imageIds: readonly string[];
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
