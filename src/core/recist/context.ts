/**
 * What both criteria need from a read, computed once: targets, day numbers, target readings, the
 * baseline sum and the nadir before each timepoint.
 */
import { dayNumber, type SubjectRead } from '../model';
import { formatMm, toHundredths, type Hundredths } from './arithmetic';
import { readTargets, type NadirRef, type TargetLesion, type TargetReading } from './findings';
import { newLesionCourse, type NewLesionsAt } from './new-lesion-course';

export interface SubjectContext {
  readonly read: SubjectRead;
  readonly targets: readonly TargetLesion[];
  readonly nonTargetIds: readonly string[];
  readonly tooSmall: Hundredths;
  readonly days: readonly number[];
  readonly enrollmentDay: number;
  /** Per timepoint; null when the subject has no target lesions. */
  readonly readings: readonly TargetReading[] | null;
  /** Null when there are no targets or a target was not measured at baseline. */
  readonly baselineSum: Hundredths | null;
  /** Per timepoint: the smallest complete sum at an EARLIER timepoint (baseline included). */
  readonly nadirs: readonly (NadirRef | null)[];
  /** Per timepoint: the new lesions, each read with its own earlier course. */
  readonly newLesions: readonly NewLesionsAt[];
}

export function prepareSubject(read: SubjectRead): SubjectContext {
  const targets: TargetLesion[] = [];
  const nonTargetIds: string[] = [];
  for (const l of read.lesions) {
    if (l.kind === 'target') targets.push({ id: l.id, nodal: l.nodal });
    else nonTargetIds.push(l.id);
  }
  const tooSmall = toHundredths(read.options.tooSmallMm);
  const days = read.timepoints.map((tp) => dayNumber(tp.date));
  const readings =
    targets.length > 0 ? read.timepoints.map((tp) => readTargets(targets, tp.measurements, tooSmall)) : null;
  const baselineReading = readings?.[0];
  const baselineSum = baselineReading?.complete ? baselineReading.measuredSum : null;

  // The nadir counts only timepoints where every target was evaluated: a partial sum is not a sum.
  const nadirs: (NadirRef | null)[] = [];
  let nadir: NadirRef | null = null;
  for (let k = 0; k < read.timepoints.length; k++) {
    nadirs.push(nadir);
    const reading = readings?.[k];
    if (reading?.complete && (nadir === null || reading.measuredSum < nadir.sum)) {
      nadir = { sum: reading.measuredSum, timepointId: read.timepoints[k]!.id };
    }
  }

  return {
    read,
    targets,
    nonTargetIds,
    tooSmall,
    days,
    enrollmentDay: dayNumber(read.subject.enrollmentDate),
    readings,
    baselineSum,
    nadirs,
    newLesions: newLesionCourse(read.timepoints),
  };
}

/** The baseline row's explanation. */
export function baselineExplanation(ctx: SubjectContext): string {
  const parts: string[] = [];
  const reading = ctx.readings?.[0];
  if (!reading) parts.push('no target lesions');
  else if (!reading.complete) parts.push(`${reading.notEvaluated.join(', ')} not measured: no baseline sum`);
  else {
    const sizes = ctx.targets.map((t, i) => `${t.id} ${formatMm(reading.values[i] ?? 0)}`).join(', ');
    parts.push(
      `sum ${formatMm(reading.measuredSum)} mm over ${ctx.targets.length} target${ctx.targets.length > 1 ? 's' : ''} (${sizes})`,
    );
  }
  const n = ctx.nonTargetIds.length;
  parts.push(n === 0 ? 'no non-target lesions' : `${n} non-target lesion${n > 1 ? 's' : ''}`);
  return `Baseline: ${parts.join('; ')}`;
}
