/**
 * Which assessments make sense for which lesion at which timepoint. These are reading rules (what a
 * reader may record), not RECIST checks: the engine's violations (too many targets, too small at
 * baseline...) are reported, never refused, because the reader may override them when signing.
 */
import { ReadingError } from './errors';
import { statusesByKind, type AssessmentValue, type Lesion } from './model';
import { measurementsOf, nodalMeasurementProblem } from './size';

export interface AssessmentContext {
  /** 0 for the baseline, in date order. */
  readonly timepointIndex: number;
  /** For new lesions: the index of the timepoint where it was first seen. */
  readonly firstSeenIndex: number | null;
  readonly nodal: boolean;
  /** The read's live target lesions (for "merged into"). */
  readonly liveTargets: readonly Pick<Lesion, 'id' | 'label'>[];
}

/** The statuses that compare a new lesion with an earlier sighting, as the lesion panel labels them. */
const LATER_NEW_LESION_WORDS: Partial<Record<AssessmentValue['status'], string>> = {
  absent: 'Absent',
  'not-evaluated': 'Not evaluable',
  increased: 'Increased',
};

export function assertAssessmentValid(
  lesion: Pick<Lesion, 'id' | 'label' | 'kind'>,
  value: AssessmentValue,
  context: AssessmentContext,
): void {
  const fail = (message: string) => {
    throw new ReadingError('INVALID', `${lesion.label}: ${message}`);
  };
  if (!statusesByKind[lesion.kind].includes(value.status))
    fail(
      `"${value.status}" is not an assessment of a ${lesion.kind} lesion (${statusesByKind[lesion.kind].join(', ')})`,
    );

  const atBaseline = context.timepointIndex === 0;
  if (lesion.kind === 'target' && atBaseline && value.status !== 'measured')
    fail('a target lesion is defined by its baseline measurement');
  if (lesion.kind === 'non-target' && atBaseline && value.status !== 'present')
    fail('a non-target lesion is recorded as present at baseline');
  if (lesion.kind === 'new') {
    if (atBaseline) fail('there are no new lesions at baseline: record it as a target or non-target lesion');
    // A lesion without a first sighting yet is being seen for the first time here.
    const firstSeen = context.firstSeenIndex ?? context.timepointIndex;
    if (context.timepointIndex < firstSeen)
      fail('a new lesion cannot be assessed before the timepoint where it was first seen');
    const later = LATER_NEW_LESION_WORDS[value.status];
    if (context.timepointIndex === firstSeen && later)
      fail(
        `"${later}" describes a new lesion at a visit after the one where it was first seen: here, where it is first seen, record it as equivocal or unequivocal`,
      );
  }
  if (value.status === 'merged') {
    if (value.intoLesionId === lesion.id) fail('a lesion cannot be merged into itself');
    if (!context.liveTargets.some((t) => t.id === value.intoLesionId))
      fail('merged lesions are merged into another target lesion of this read');
  }
  if (context.nodal) {
    const problem = nodalMeasurementProblem(measurementsOf(value));
    if (problem) fail(problem);
  }
}
