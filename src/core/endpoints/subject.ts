/**
 * Per-subject time-to-event endpoints: progression-free survival and duration of response.
 * Inputs are plain dates so the same functions serve the engine, the app and a cohort analysis
 * (ORR and Kaplan-Meier will sit beside this file and consume its TimeToEvent values).
 *
 * Rules (../shared/contracts/recist-case.md, which wins over the rule book's configurable extras):
 * - Event: progression or death, whichever comes first. Day counts: end - start + 1 (ADaM).
 * - No event: censored at the last assessment with an evaluable overall response (not NE), or at the
 *   start date when there is none.
 * - New anticancer therapy: an event or an assessment on or after its start date does not count; the
 *   subject is censored at the last evaluable assessment before it. A progression counts only when the
 *   assessment that established it (RECIST 1.1: the PD; iRECIST: the iCPD) is before that date.
 * - The rule book's "event after >= 2 missed assessments" censoring is NOT applied: the contract has no
 *   visit schedule to tell a missed assessment from a late one.
 */
import { durationDays, type TimeToEvent } from '../model';

export interface ProgressionEvent {
  /** The date progression is dated to (back-dated for equivocal new lesions; iRECIST: the iUPD). */
  readonly date: string;
  /** The date of the assessment that established it. */
  readonly establishedOn: string;
}

export interface SubjectCourse {
  readonly enrollmentDate: string;
  readonly deathDate: string | null;
  readonly newAnticancerTherapyDate: string | null;
  readonly progression: ProgressionEvent | null;
  /** Dates of the post-baseline assessments whose overall response is evaluable (not NE). */
  readonly evaluableAssessmentDates: readonly string[];
}

export const NOT_APPLICABLE: TimeToEvent = { days: null, event: false, date: null };

function beforeTherapy(course: SubjectCourse, date: string): boolean {
  // ISO dates compare correctly as strings.
  return course.newAnticancerTherapyDate === null || date < course.newAnticancerTherapyDate;
}

/** The earliest progression or death that counts, or null. */
export function eventDate(course: SubjectCourse): string | null {
  const events: string[] = [];
  if (course.progression && beforeTherapy(course, course.progression.establishedOn)) {
    events.push(course.progression.date);
  }
  if (course.deathDate !== null && beforeTherapy(course, course.deathDate)) events.push(course.deathDate);
  return events.length === 0 ? null : events.reduce((a, b) => (b < a ? b : a));
}

/** The last evaluable assessment that counts, not before `notBefore`; `notBefore` when there is none. */
export function censoringDate(course: SubjectCourse, notBefore: string): string {
  let last = notBefore;
  for (const date of course.evaluableAssessmentDates) {
    if (date > last && beforeTherapy(course, date)) last = date;
  }
  return last;
}

/** PFS from enrolment. */
export function progressionFreeSurvival(course: SubjectCourse): TimeToEvent {
  const event = eventDate(course);
  const end = event ?? censoringDate(course, course.enrollmentDate);
  return { days: durationDays(course.enrollmentDate, end), event: event !== null, date: end };
}

/** DOR from the first date CR/PR was met; not applicable (days null) for a non-responder. */
export function durationOfResponse(course: SubjectCourse, responseStartDate: string | null): TimeToEvent {
  if (responseStartDate === null) return NOT_APPLICABLE;
  const event = eventDate(course);
  const end = event ?? censoringDate(course, responseStartDate);
  return { days: durationDays(responseStartDate, end), event: event !== null, date: end };
}
