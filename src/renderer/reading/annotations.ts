import { annotationsAt, type StoredAnnotation } from '../../core/reading/annotations';
import { nextLesionLabel } from '../../core/reading/labels';
import type {
  AssessmentValue,
  Lesion,
  LesionKind,
  Marker,
  Measurement,
  Timepoint,
} from '../../core/reading/model';
import { liveLesions } from '../../core/reading/subjectRead';
import type { ReadSnapshot } from '../../core/reading/subjectRead';
import type { MeasuredEvent, ViewerAnnotation } from '../viewer/types';

/** Annotation ids say what they draw: lesion, timepoint, and which fragment (or the arrow). */
export function annotationId(a: StoredAnnotation): string {
  return `${a.lesion.id}|${a.timepointId}|${a.kind === 'marker' ? 'marker' : a.fragmentIndex}`;
}

export function parseAnnotationId(
  id: string,
): { lesionId: string; timepointId: string; part: 'marker' | number } | null {
  const [lesionId, timepointId, part] = id.split('|');
  if (!lesionId || !timepointId || part === undefined) return null;
  if (part === 'marker') return { lesionId, timepointId, part };
  const index = Number(part);
  return Number.isInteger(index) && index >= 0 ? { lesionId, timepointId, part: index } : null;
}

/** The stored measurements and arrows of a timepoint, as the viewer draws them. */
export function viewerAnnotations(
  snapshot: ReadSnapshot,
  timepoint: Timepoint | null,
  locked: boolean,
  selectedLesionId: string | null,
): ViewerAnnotation[] {
  if (!timepoint) return [];
  return annotationsAt(snapshot, timepoint.id).map((a) => {
    const common = {
      id: annotationId(a),
      lesionId: a.lesion.id,
      label: a.lesion.label,
      kind: a.lesion.kind,
      locked,
      highlighted: a.lesion.id === selectedLesionId,
    };
    if (a.kind === 'marker')
      return { ...common, tool: 'ArrowAnnotate' as const, image: a.marker.image, arrow: a.marker.points };
    return {
      ...common,
      tool: a.measurement.tool,
      image: a.measurement.image,
      longAxis: a.measurement.longAxis,
      shortAxis: a.measurement.shortAxis,
    };
  });
}

/** The assessment after one fragment (or the arrow) of it was redrawn. */
export function withEditedPart(
  value: AssessmentValue,
  part: 'marker' | number,
  measurement: Measurement | null,
  marker: Marker | null,
): AssessmentValue | null {
  if (part === 'marker') {
    if (!marker || !('marker' in value)) return null;
    return { ...value, marker };
  }
  if (!measurement) return null;
  if (value.status === 'measured') {
    if (part >= value.fragments.length) return null;
    return { ...value, fragments: value.fragments.map((f, i) => (i === part ? measurement : f)) };
  }
  // A new lesion's single measurement (equivocal, unequivocal or increased).
  if ('measurement' in value && part === 0) return { ...value, measurement };
  return null;
}

/** Ids of drawings not stored yet start with this (they belong to no lesion until the reader says where). */
export const PENDING_ANNOTATION_ID = 'pending|';

/**
 * The drawing the reader just made, shown as drawn while they choose its location: without it the
 * callipers vanish from the image before the lesion exists, just when the reader looks at them.
 */
export function pendingAnnotations(
  pending: {
    readonly kind: LesionKind;
    readonly drawn: Pick<MeasuredEvent, 'tool' | 'image' | 'longAxis' | 'shortAxis' | 'arrow'>;
  } | null,
  lesions: readonly Lesion[],
): ViewerAnnotation[] {
  if (!pending) return [];
  // The label the lesion will get: the reader sees it while choosing, and a key image captured
  // before the stored lesion is drawn carries it too.
  const label = nextLesionLabel(
    pending.kind,
    liveLesions(lesions).map((l) => l.label),
  );
  const { drawn } = pending;
  return [
    {
      id: `${PENDING_ANNOTATION_ID}${pending.kind}`,
      lesionId: '',
      label,
      kind: pending.kind,
      tool: drawn.tool,
      image: drawn.image,
      longAxis: drawn.longAxis,
      shortAxis: drawn.shortAxis,
      arrow: drawn.arrow,
      locked: true,
      highlighted: true,
    },
  ];
}
