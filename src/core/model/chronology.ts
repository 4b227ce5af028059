/**
 * Dates that cannot all be true of one subject. The engine refuses a read with such dates (a PFS of
 * -104 days is not a result), and the app refuses the edit that would make them.
 *
 * What is NOT impossible: a baseline scan before enrolment (screening scans are taken within the
 * window before enrolment), so with the baseline alone any later enrolment, scans out of date order (reported as DATES_OUT_OF_ORDER, not refused),
 * death or new therapy on the day of a scan.
 */
import { isIsoDate } from './dates';

export type SubjectDateField = 'enrollmentDate' | 'deathDate' | 'newAnticancerTherapyDate';

export type ChronologyRule =
  | 'DEATH_BEFORE_ENROLMENT'
  | 'DEATH_BEFORE_LAST_SCAN'
  | 'ENROLMENT_AFTER_LAST_SCAN'
  | 'THERAPY_BEFORE_BASELINE';

export interface ChronologyProblem {
  readonly rule: ChronologyRule;
  /** The date the problem is reported at (the other date of the pair is named in the message). */
  readonly field: SubjectDateField;
  /** A sentence for the reader or the file's author: both dates and the rule they break. */
  readonly message: string;
}

export interface SubjectDates {
  /** null in the app until the reader enters it. */
  readonly enrollmentDate: string | null;
  readonly deathDate: string | null;
  readonly newAnticancerTherapyDate: string | null;
}

const usable = (date: string | null | undefined): date is string =>
  typeof date === 'string' && isIsoDate(date);

/**
 * `scanDates`: the subject's timepoint dates, the baseline first (the contract's order). ISO dates
 * compare correctly as strings. Dates that are not ISO dates are left to the schema to report.
 */
export function chronologyProblems(subject: SubjectDates, scanDates: readonly string[]): ChronologyProblem[] {
  const problems: ChronologyProblem[] = [];
  const scans = scanDates.filter(usable);
  const baseline = usable(scanDates[0]) ? scanDates[0] : null;
  const lastScan = scans.length === 0 ? null : scans.reduce((a, b) => (b > a ? b : a));
  const { enrollmentDate: enrolment, deathDate: death, newAnticancerTherapyDate: therapy } = subject;

  if (usable(death) && usable(enrolment) && death < enrolment)
    problems.push({
      rule: 'DEATH_BEFORE_ENROLMENT',
      field: 'deathDate',
      message: `Death (${death}) is before enrolment (${enrolment}): death must be on or after enrolment`,
    });
  if (usable(death) && lastScan !== null && death < lastScan)
    problems.push({
      rule: 'DEATH_BEFORE_LAST_SCAN',
      field: 'deathDate',
      message: `Death (${death}) is before the last scan (${lastScan}): death must be on or after the last scan`,
    });
  // With the baseline alone, enrolment after it is the normal course (screening scan, then enrolment);
  // once there are follow-ups, at least the last scan is on or after enrolment.
  if (usable(enrolment) && scans.length > 1 && lastScan !== null && enrolment > lastScan)
    problems.push({
      rule: 'ENROLMENT_AFTER_LAST_SCAN',
      field: 'enrollmentDate',
      message:
        `Enrolment (${enrolment}) is after the last scan (${lastScan}): enrolment must be on or before ` +
        'the last scan (a baseline scan may come before enrolment, not every scan)',
    });
  if (usable(therapy) && baseline !== null && therapy < baseline)
    problems.push({
      rule: 'THERAPY_BEFORE_BASELINE',
      field: 'newAnticancerTherapyDate',
      message:
        `New anticancer therapy (${therapy}) starts before the baseline scan (${baseline}): ` +
        'it must start on or after the baseline scan',
    });
  return problems;
}
