/**
 * The reading rule for a subject's dates: an edit that would give the subject dates no subject can have
 * (core/model/chronology.ts) is refused, so the engine never sees them. Dates already impossible before
 * the edit (a scan imported after the recorded death) do not block fixing another date.
 */
import { chronologyProblems, type SubjectDateField } from '../model/chronology';
import { ReadingError } from './errors';
import { orderTimepoints, timepointScanDate } from './grouping';
import type { Subject, Timepoint } from './model';

type Dates = Pick<Subject, SubjectDateField>;

/** The subject's scan dates, the baseline first, undated visits left out (as the engine's input). */
export function subjectScanDates(timepoints: readonly Timepoint[]): string[] {
  return orderTimepoints(timepoints)
    .map(timepointScanDate)
    .filter((date) => date !== null);
}

/** The problems of the subject's dates as stored (the RECIST panel names them). */
export function subjectDateProblems(subject: Dates, timepoints: readonly Timepoint[]): string[] {
  return chronologyProblems(subject, subjectScanDates(timepoints)).map((p) => p.message);
}

export function assertSubjectDatesPossible(
  before: Dates,
  after: Dates,
  timepoints: readonly Timepoint[],
): void {
  const scans = subjectScanDates(timepoints);
  const known = new Set(chronologyProblems(before, scans).map((p) => p.rule));
  const added = chronologyProblems(after, scans).filter((p) => !known.has(p.rule));
  if (added.length === 0) return;
  const edited = (['enrollmentDate', 'deathDate', 'newAnticancerTherapyDate'] as const).filter(
    (field) => before[field] !== after[field],
  );
  // One reason at the field: the first rule broken is the most basic (death before enrolment is also
  // before the last scan).
  throw new ReadingError('INVALID', added[0]!.message, edited.length === 1 ? edited[0]! : added[0]!.field);
}
