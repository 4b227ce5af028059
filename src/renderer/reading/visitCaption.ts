import { daysBetween } from '../../core/model/dates';

export interface VisitFacts {
  readonly visitName: string;
  /** The study's own date (YYYY-MM-DD), null when the study has none. */
  readonly studyDate: string | null;
  /** The subject's enrolment date, null until the reader enters it. */
  readonly enrollmentDate: string | null;
}

/**
 * The visit line on a viewport: "Week 8 · 2000-02-26 · day 54", the day counted from enrolment (day 0).
 * Blinded, the calendar date is left out ("Week 8 · day 54"): a central reader sees the study's place
 * in the trial, not when it happened.
 */
export function visitCaption(facts: VisitFacts, { blinded }: { blinded: boolean }): string {
  const parts = [facts.visitName];
  if (facts.studyDate && !blinded) parts.push(facts.studyDate);
  if (facts.studyDate && facts.enrollmentDate)
    parts.push(`day ${daysBetween(facts.enrollmentDate, facts.studyDate)}`);
  return parts.join(' · ');
}

/** The hover text: every description the corner cuts short, and what "day" counts from. */
export function visitCaptionDetail(
  facts: VisitFacts & { readonly seriesDescription: string; readonly studyDescription: string | null },
  { blinded }: { blinded: boolean },
): string {
  const lines = [
    `Series: ${facts.seriesDescription || '(no description)'}`,
    `Study: ${facts.studyDescription || '(no description)'}`,
    `Visit: ${visitCaption(facts, { blinded })}`,
  ];
  if (facts.studyDate && facts.enrollmentDate)
    lines.push(
      blinded
        ? 'Day counted from enrolment (day 0)'
        : `Day counted from enrolment on ${facts.enrollmentDate} (day 0)`,
    );
  else if (!facts.enrollmentDate) lines.push('Enter the enrolment date to see the study day');
  return lines.join('\n');
}
