import { annotationsAt, type StoredAnnotation } from '../../core/reading/annotations';
import type { AssessmentValue, Marker, Measurement, Timepoint } from '../../core/reading/model';
import type { ReadSnapshot } from '../../core/reading/subjectRead';
import type { ViewerAnnotation } from '../viewer/types';

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
  if ((value.status === 'equivocal' || value.status === 'unequivocal') && part === 0)
    return { ...value, measurement };
  return null;
}
