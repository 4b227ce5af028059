/**
 * Which visit of a trial's schedule a study belongs to, and how a visit is named on blinded screens.
 *
 * The schedule counts from treatment start: visit k (k >= 1) is due on treatment start + k * everyWeeks
 * weeks and accepts studies up to `windowDays` either side, both ends included. A study on treatment start
 * or at most `baselineWindowDays` before it is the baseline. Decisions taken here:
 * - Baseline wins over any scheduled window: a study on or before treatment start is never a follow-up
 *   (a window wider than the interval could otherwise reach back before treatment start).
 * - When two scheduled windows overlap (windowDays >= half the interval), the study goes to the nearer
 *   visit; a study exactly halfway goes to the earlier one, so every date has exactly one visit.
 * - A study after treatment start but outside every window is unscheduled; it still names the nearest
 *   visit (same nearer/earlier rule) and how far off it is, so the admin can reassign it.
 * Study days count from enrolment the SDTM way (enrolment is day 1, the day before is day -1, no day 0),
 * the same days the reading overlays show.
 */
import { daysBetween, isIsoDate, studyDay } from '../model/dates';
import type { TrialProtocol } from './protocol';

export interface TrialSubjectDates {
  enrollmentDate: string;
  treatmentStartDate: string;
}

export type VisitMatch =
  | { kind: 'too-early' }
  | { kind: 'baseline' }
  /** `week` is the visit's week from treatment start, `label` its name ("W8"), `day` the study day. */
  | { kind: 'scheduled'; week: number; label: string; day: number }
  /** `daysOff` is signed: negative when the study came before the nearest visit's due date. */
  | { kind: 'unscheduled'; nearestWeek: number; daysOff: number };

function requireDate(value: string, what: string): void {
  if (!isIsoDate(value)) throw new RangeError(`${what} must be a date written YYYY-MM-DD, got "${value}"`);
}

/** The visit a study date belongs to, under the protocol's baseline window and visit schedule. */
export function matchStudyToVisit(
  protocol: Pick<TrialProtocol, 'baselineWindowDays' | 'schedule'>,
  subject: TrialSubjectDates,
  studyDate: string,
): VisitMatch {
  requireDate(subject.enrollmentDate, 'The enrolment date');
  requireDate(subject.treatmentStartDate, 'The treatment start date');
  requireDate(studyDate, 'The study date');

  const sinceStart = daysBetween(subject.treatmentStartDate, studyDate);
  if (sinceStart <= 0) {
    return sinceStart >= -protocol.baselineWindowDays ? { kind: 'baseline' } : { kind: 'too-early' };
  }

  const { everyWeeks, windowDays } = protocol.schedule;
  const interval = everyWeeks * 7;
  // The visits on either side of the study (visit 1 at the least); the later one only if strictly nearer.
  const before = Math.max(1, Math.floor(sinceStart / interval));
  const after = before + 1;
  const visit =
    Math.abs(after * interval - sinceStart) < Math.abs(sinceStart - before * interval) ? after : before;
  const daysOff = sinceStart - visit * interval;
  const week = visit * everyWeeks;

  if (Math.abs(daysOff) <= windowDays) {
    return { kind: 'scheduled', week, label: `W${week}`, day: studyDay(subject.enrollmentDate, studyDate) };
  }
  return { kind: 'unscheduled', nearestWeek: week, daysOff };
}

/**
 * A study's name on blinded screens, "Day 57 (W8)": the study day from enrolment and the nearest whole
 * week from enrolment. It holds no real date, so a reader cannot work the calendar back from it.
 */
export function blindedVisitLabel(enrollmentDate: string, studyDate: string): string {
  requireDate(enrollmentDate, 'The enrolment date');
  requireDate(studyDate, 'The study date');
  const days = daysBetween(enrollmentDate, studyDate);
  // Rounded on the magnitude so that days before enrolment mirror days after it (and no "-0" appears);
  // a whole number of days is never exactly half a week, so there is no tie to break.
  const weeks = Math.sign(days) * Math.round(Math.abs(days) / 7);
  return `Day ${studyDay(enrollmentDate, studyDate)} (W${weeks === 0 ? 0 : weeks})`;
}
