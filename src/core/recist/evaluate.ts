/**
 * One subject read in, the contract's result out: timepoint responses, best overall response (with and
 * without confirmation), progression date, DOR, PFS and violations. Pure and total on schema-valid input.
 */
import {
  dayNumber,
  parseSubjectRead,
  type SubjectRead,
  type SubjectResult,
  type ValidationError,
} from '../model';
// Only the per-subject endpoints: the cohort ones bring in a statistics library the renderer does not need.
import { durationOfResponse, progressionFreeSurvival, type SubjectCourse } from '../endpoints/subject';
import { bestOverallResponse, kindOf, type AssessmentPoint, type BestResponseRules } from './best-response';
import { prepareSubject } from './context';
import { irecistTimeline } from './irecist';
import { backDateProgression } from './progression';
import { recist11Timeline } from './recist11';
import { checkRead } from './selection';

interface Progression {
  /** The assessment that establishes it: RECIST 1.1 the first PD, iRECIST the first iCPD. */
  readonly established: number;
  /** The assessment it is dated to, after back-dating. */
  readonly dated: number;
}

function timeline(read: SubjectRead, ctx: ReturnType<typeof prepareSubject>) {
  if (read.criteria === 'iRECIST') {
    const it = irecistTimeline(ctx);
    it.rows[0] = { ...it.rows[0]!, newLesionTargetSumMm: null, newLesionTargetIds: [] };
    return { rows: it.rows, established: it.confirmedAt, episodeStart: it.confirmedIupd };
  }
  const rows = recist11Timeline(ctx);
  const first = rows.findIndex((r, k) => k > 0 && r.overall === 'PD');
  return { rows, established: first, episodeStart: first };
}

export function evaluateSubject(read: SubjectRead): SubjectResult {
  const ctx = prepareSubject(read);
  const { rows, established, episodeStart } = timeline(read, ctx);
  const { subject, options } = read;

  let progression: Progression | null = null;
  if (established > 0) {
    const back = backDateProgression(read, episodeStart);
    progression = { established, dated: back.index };
    if (back.lesionId !== null) {
      const row = rows[back.index]!;
      rows[back.index] = {
        ...row,
        explanation: `${row.explanation} [new lesion ${back.lesionId}, equivocal here, was confirmed later: progression is dated to this assessment]`,
      };
    }
  }

  // Best response: assessments before the (back-dated) progression and before new anticancer therapy.
  // Without a therapy date every assessment is before it.
  const therapyDay =
    subject.newAnticancerTherapyDate === null ? Infinity : dayNumber(subject.newAnticancerTherapyDate);
  const cutoff = progression?.dated ?? rows.length;
  const eligible: AssessmentPoint[] = [];
  for (let k = 1; k < cutoff; k++) {
    if (ctx.days[k]! < therapyDay)
      eligible.push({ kind: kindOf(rows[k]!.overall), day: ctx.days[k]!, date: rows[k]!.date });
  }
  const progressionCounts = progression !== null && ctx.days[progression.established]! < therapyDay;
  const lastForUnconfirmed = established > 0 ? established : rows.length;
  let unconfirmedProgression = false;
  for (let k = 1; k < lastForUnconfirmed; k++) {
    if (rows[k]!.overall === 'iUPD' && ctx.days[k]! < therapyDay) unconfirmedProgression = true;
  }
  const rules: BestResponseRules = {
    confirmationRequired: options.confirmationRequired,
    confirmationMinDays: options.confirmationMinDays,
    sdMinDays: options.sdMinDays,
    enrollmentDay: ctx.enrollmentDay,
    hasTargets: ctx.targets.length > 0,
    criteria: read.criteria,
  };
  const input = { eligible, progression: progressionCounts, unconfirmedProgression };
  const withConfirmation = bestOverallResponse(input, rules, true);
  const withoutConfirmation = bestOverallResponse(input, rules, false);
  const best = options.confirmationRequired ? withConfirmation : withoutConfirmation;

  const progressionDate = progression === null ? null : rows[progression.dated]!.date;
  const course: SubjectCourse = {
    enrollmentDate: subject.enrollmentDate,
    deathDate: subject.deathDate,
    newAnticancerTherapyDate: subject.newAnticancerTherapyDate,
    progression:
      progression === null || progressionDate === null
        ? null
        : { date: progressionDate, establishedOn: rows[progression.established]!.date },
    evaluableAssessmentDates: rows.filter((r, k) => k > 0 && r.overall !== 'NE').map((r) => r.date),
  };

  return {
    subjectId: subject.id,
    criteria: read.criteria,
    timepoints: rows,
    bestOverallResponse: best.code,
    bestOverallResponseWithConfirmation: withConfirmation.code,
    bestOverallResponseWithoutConfirmation: withoutConfirmation.code,
    responseStartDate: best.responseStartDate,
    progressionDate,
    dor: durationOfResponse(course, best.responseStartDate),
    pfs: progressionFreeSurvival(course),
    violations: checkRead(read),
  };
}

export type EvaluationOutcome =
  | { readonly ok: true; readonly result: SubjectResult }
  | { readonly ok: false; readonly errors: readonly ValidationError[] };

/** Validates unknown input (e.g. parsed JSON) against the contract, then evaluates it. */
export function evaluateInput(input: unknown): EvaluationOutcome {
  const parsed = parseSubjectRead(input);
  return parsed.ok ? { ok: true, result: evaluateSubject(parsed.read) } : parsed;
}
