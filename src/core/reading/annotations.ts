/**
 * What the viewer draws from the database: every stored measurement and marker of a timepoint, with the
 * lesion it belongs to, and where a lesion was last seen before a timepoint ("Go to lesion").
 * Annotations are a view of these records (architecture.md): they are re-created from them whenever an
 * image is shown again.
 */
import { orderTimepoints } from './grouping';
import type { AssessmentValue, ImageRef, Lesion, Marker, Measurement } from './model';
import { measurementsOf } from './size';
import { liveLesions, type ReadSnapshot } from './subjectRead';

export type StoredAnnotation =
  | {
      readonly kind: 'measurement';
      readonly lesion: Lesion;
      readonly timepointId: string;
      /** 0-based fragment of a split lesion (0 otherwise). */
      readonly fragmentIndex: number;
      readonly measurement: Measurement;
    }
  | {
      readonly kind: 'marker';
      readonly lesion: Lesion;
      readonly timepointId: string;
      readonly marker: Marker;
    };

function annotationsOf(lesion: Lesion, timepointId: string, value: AssessmentValue): StoredAnnotation[] {
  const out: StoredAnnotation[] = measurementsOf(value).map((measurement, fragmentIndex) => ({
    kind: 'measurement',
    lesion,
    timepointId,
    fragmentIndex,
    measurement,
  }));
  if ('marker' in value && value.marker !== null)
    out.push({ kind: 'marker', lesion, timepointId, marker: value.marker });
  return out;
}

/** The annotations of the read's live lesions at one timepoint. */
export function annotationsAt(snapshot: ReadSnapshot, timepointId: string): StoredAnnotation[] {
  const lesions = new Map(liveLesions(snapshot.lesions).map((l) => [l.id, l]));
  return snapshot.assessments
    .filter((a) => a.timepointId === timepointId && lesions.has(a.lesionId))
    .flatMap((a) => annotationsOf(lesions.get(a.lesionId)!, timepointId, a.value));
}

/** The image an annotation sits on, for navigation. */
export function imageOf(annotation: StoredAnnotation): ImageRef {
  return annotation.kind === 'measurement' ? annotation.measurement.image : annotation.marker.image;
}

/**
 * Where the lesion was annotated most recently BEFORE the timepoint (its first fragment, or its marker):
 * what "Go to lesion" shows in the prior viewport. null when no earlier timepoint annotated it.
 */
export function lastAnnotationBefore(
  snapshot: ReadSnapshot,
  lesionId: string,
  timepointId: string,
): StoredAnnotation | null {
  const ordered = orderTimepoints(snapshot.timepoints);
  const index = ordered.findIndex((t) => t.id === timepointId);
  for (let k = (index < 0 ? ordered.length : index) - 1; k >= 0; k -= 1) {
    const found = annotationsAt(snapshot, ordered[k]!.id).find((a) => a.lesion.id === lesionId);
    if (found) return found;
  }
  return null;
}
