/**
 * Dates as a blinded reader (BICR reader, adjudicator) reads them: a study day from enrolment ("Day 57"),
 * never the calendar date. One formatter for every screen and, later, every export, so a date cannot be
 * shown one way in a panel and another way in a file.
 *
 * Dates also hide inside free text the reader sees: a series description "DERIVED FOLLOW-UP 20000226",
 * a visit named "Visit 2000-02-26", an engine message quoting a date. redactDates rewrites those.
 */
import { isIsoDate, studyDay } from '../model/dates';
import { blindedVisitLabel } from './schedule';

/** What a blinded reader sees for a date that cannot be put on the study's time line. */
export const DATE_HIDDEN = 'date hidden';
/** A date on a subject with no enrolment date: its place in the trial is unknown. */
export const DAY_UNKNOWN = 'Day ?';
/** What every formatter shows for a missing date. */
export const NO_DATE = 'no date';

/** "Day 57" (enrolment is day 1, no day 0); "Day ?" without an enrolment date; never the date itself. */
export function blindedDate(date: string, enrollmentDate: string | null): string {
  if (!isIsoDate(date)) return DATE_HIDDEN;
  if (enrollmentDate === null || !isIsoDate(enrollmentDate)) return DAY_UNKNOWN;
  return `Day ${studyDay(enrollmentDate, date)}`;
}

/** A study's name on a blinded visit list: "Day 57 (W8)"; "Day ?" without an enrolment date. */
export function blindedVisitDate(date: string, enrollmentDate: string | null): string {
  if (!isIsoDate(date)) return DATE_HIDDEN;
  if (enrollmentDate === null || !isIsoDate(enrollmentDate)) return DAY_UNKNOWN;
  return blindedVisitLabel(enrollmentDate, date);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
// A time of day after a date ("2000-02-26T10:31:07Z", "2000-02-26 10:31") goes with it: left behind it
// narrows the date down and looks like a broken date.
const TIME = '(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?';

/**
 * The date patterns looked for, each with how to read its year, month and day. Digits touching a match
 * on either side make it part of a longer number (a UID part, a count), which is left alone; letters may
 * touch it ("FOLLOWUP20000226"), as anonymisers and scanners glue them on.
 */
const PATTERNS: readonly {
  readonly re: RegExp;
  readonly ymd: (m: RegExpExecArray) => [string, string, string] | null;
}[] = [
  // ISO 2000-02-26 (the app's own dates), optionally with a time.
  {
    re: new RegExp(`(?<!\\d)(\\d{4})-(\\d{2})-(\\d{2})${TIME}(?!\\d)`, 'g'),
    ymd: (m) => [m[1]!, m[2]!, m[3]!],
  },
  // DICOM DA 20000226, or DT 20000226103107(.123456).
  {
    re: /(?<!\d)(\d{4})(\d{2})(\d{2})(?:\d{2}(?:\d{2}(?:\d{2}(?:\.\d{1,6})?)?)?)?(?!\d)/g,
    ymd: (m) => [m[1]!, m[2]!, m[3]!],
  },
  // 26/02/2000, 02/26/2000, 26.02.2000: day and month cannot always be told apart, so never computed.
  // Not inside a dotted UID ("1.2.840.1.2.2000.3").
  { re: /(?<![\d.])\d{1,2}[/.]\d{1,2}[/.]\d{4}(?!\.?\d)/g, ymd: () => null },
  // 26 Feb 2000, 26-FEB-2000.
  {
    re: new RegExp(`(?<![\\p{L}\\p{N}])(\\d{1,2})[ -]${MONTH}[ ,-]*(\\d{4})(?!\\d)`, 'giu'),
    ymd: (m) => [m[3]!, monthNumber(m[2]!), m[1]!.padStart(2, '0')],
  },
  // Feb 26, 2000.
  {
    re: new RegExp(`(?<![\\p{L}\\p{N}])${MONTH} (\\d{1,2}),? (\\d{4})(?!\\d)`, 'giu'),
    ymd: (m) => [m[3]!, monthNumber(m[1]!), m[2]!.padStart(2, '0')],
  },
];

function monthNumber(name: string): string {
  return String(MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1).padStart(2, '0');
}

// Eight digits are also serial numbers and counts: only a plausible calendar date is taken for one.
const PLAUSIBLE_YEARS = { from: 1850, to: 2199 };

/**
 * `text` with every date in it replaced by its study day ("Day 57") when the enrolment date is known,
 * else by "date hidden". Dates are recognised as ISO (2000-02-26, with or without a time), DICOM DA and
 * DT (20000226, 20000226103107), 26/02/2000, 02/26/2000, 26.02.2000 (always "date hidden": day and month
 * are ambiguous), 26 Feb 2000 and Feb 26, 2000. A run of digits that is not a real calendar date in
 * 1850-2199 is kept ("12345678" is not a date).
 */
export function redactDates(text: string, enrollmentDate: string | null = null): string {
  let out = text;
  for (const { re, ymd } of PATTERNS) {
    out = out.replace(re, (...args: unknown[]) => {
      const match = args.slice(0, -2) as unknown as RegExpExecArray;
      const whole = String(args[0]);
      const parts = ymd(match);
      if (parts === null) return DATE_HIDDEN;
      const iso = parts.join('-');
      const year = Number(parts[0]);
      if (!isIsoDate(iso) || year < PLAUSIBLE_YEARS.from || year > PLAUSIBLE_YEARS.to) return whole;
      return enrollmentDate !== null && isIsoDate(enrollmentDate)
        ? blindedDate(iso, enrollmentDate)
        : DATE_HIDDEN;
    });
  }
  return out;
}

/** How one screen writes dates: the blinded forms for a blinded reader, the dates as stored otherwise. */
export interface DateFormatter {
  readonly blinded: boolean;
  /** A single date: "2000-02-26", or blinded "Day 57"; "no date" for none. */
  formatDate(date: string | null): string;
  /** A visit's scan date: "2000-02-26", or blinded "Day 57 (W8)"; "no date" for none. */
  formatVisitDate(date: string | null): string;
  /** Free text with any date in it blinded; unchanged for readers who are not blinded. */
  redact(text: string): string;
}

export function dateFormatter(blinded: boolean, enrollmentDate: string | null): DateFormatter {
  if (!blinded)
    return {
      blinded,
      formatDate: (date) => date ?? NO_DATE,
      formatVisitDate: (date) => date ?? NO_DATE,
      redact: (text) => text,
    };
  return {
    blinded,
    formatDate: (date) => (date === null ? NO_DATE : blindedDate(date, enrollmentDate)),
    formatVisitDate: (date) => (date === null ? NO_DATE : blindedVisitDate(date, enrollmentDate)),
    redact: (text) => redactDates(text, enrollmentDate),
  };
}
