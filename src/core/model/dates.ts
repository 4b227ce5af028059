/**
 * Calendar dates as ISO `YYYY-MM-DD` strings and whole-day arithmetic on them.
 * Day numbers are counted in the proleptic Gregorian calendar (days since 1970-01-01), computed with
 * integers only, so no time zone or daylight-saving shift can move a date by a day.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True for a real calendar date written `YYYY-MM-DD` (2026-02-29 is not one). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The number written by `length` ASCII digits from `start` (the engine computes day numbers for every
 *  timepoint of every subject: no substring allocation). */
function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) value = value * 10 + (text.charCodeAt(i) - 48);
  return value;
}

/** Days since 1970-01-01 of a valid ISO date (days-from-civil, H. Hinnant's algorithm). */
export function dayNumber(isoDate: string): number {
  let year = digits(isoDate, 0, 4);
  const month = digits(isoDate, 5, 2);
  const day = digits(isoDate, 8, 2);
  year -= month <= 2 ? 1 : 0;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** `to - from` in whole days (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Duration counted the ADaM way, both ends included: end - start + 1. */
export function durationDays(start: string, end: string): number {
  return daysBetween(start, end) + 1;
}

/**
 * Study day the SDTM way (--DY): the reference date is day 1, the day before it day -1; there is no
 * day 0. The overlays and the sponsor's tables count the same days.
 */
export function studyDay(referenceDate: string, date: string): number {
  const difference = daysBetween(referenceDate, date);
  return difference >= 0 ? difference + 1 : difference;
}

/** The ISO date of a day number (days since 1970-01-01): civil-from-days, H. Hinnant's algorithm. */
export function isoDateOfDay(dayNumberValue: number): string {
  const z = dayNumberValue + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The date `days` days after `isoDate` (before, when negative). */
export function addDays(isoDate: string, days: number): string {
  return isoDateOfDay(dayNumber(isoDate) + days);
}
