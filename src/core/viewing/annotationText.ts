/**
 * The text drawn next to an annotation: the lesion label and, for callipers, the diameters exactly as
 * they are stored (roundedLength: 0.1 mm), so the image and the RECIST panel never show different
 * numbers. "T1 23.4 × 15.1 mm", "T2 18.0 mm", "NT2".
 */
import { roundedLength, type Segment } from '../reading/model';

export type AnnotationToolName = 'Bidirectional' | 'Length' | 'ArrowAnnotate';

export interface AnnotationGeometry {
  readonly longAxis?: Segment | null;
  readonly shortAxis?: Segment | null;
}

export function formatMm(mm: number): string {
  return mm.toFixed(1);
}

/** The diameters a calliper shows, long first (as makeMeasurement stores them), or null without geometry. */
export function diameters(
  tool: AnnotationToolName,
  { longAxis, shortAxis }: AnnotationGeometry,
): { readonly longMm: number; readonly shortMm: number | null } | null {
  if (tool === 'ArrowAnnotate' || !longAxis) return null;
  const long = roundedLength(longAxis);
  if (tool === 'Length' || !shortAxis) return { longMm: long, shortMm: null };
  const short = roundedLength(shortAxis);
  return short > long ? { longMm: short, shortMm: long } : { longMm: long, shortMm: short };
}

export function annotationText(
  label: string,
  tool: AnnotationToolName,
  geometry: AnnotationGeometry,
): string {
  const sizes = diameters(tool, geometry);
  if (!sizes) return label;
  const value =
    sizes.shortMm === null
      ? `${formatMm(sizes.longMm)} mm`
      : `${formatMm(sizes.longMm)} × ${formatMm(sizes.shortMm)} mm`;
  return label ? `${label} ${value}` : value;
}
