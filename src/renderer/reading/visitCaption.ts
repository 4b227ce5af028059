import { studyDay } from '../../core/model/dates';

export interface VisitFacts {
  readonly visitName: string;
  /** The study's own date (YYYY-MM-DD), null when the study has none. */
  readonly studyDate: string | null;
  /** The subject's enrolment date, null until the reader enters it. */
  readonly enrollmentDate: string | null;
}

/**
 * The visit line on a viewport: "Week 8 · 2000-02-26 · day 55": the study day, enrolment being day 1
 * (no day 0), as the SDTM tables count it.
 * Blinded, the calendar date is left out ("Week 8 · day 55"): a central reader sees the study's place
 * in the trial, not when it happened.
 */
export function visitCaption(facts: VisitFacts, { blinded }: { blinded: boolean }): string {
  const parts = [facts.visitName];
  if (facts.studyDate && !blinded) parts.push(facts.studyDate);
  if (facts.studyDate && facts.enrollmentDate)
    parts.push(`day ${studyDay(facts.enrollmentDate, facts.studyDate)}`);
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
      blinded ? 'Study day: enrolment is day 1' : `Study day: enrolment on ${facts.enrollmentDate} is day 1`,
    );
  else if (!facts.enrollmentDate) lines.push('Enter the enrolment date to see the study day');
  return lines.join('\n');
}
