/**
 * Exactness rule: every size enters the engine once, rounded half-up to a whole number of hundredths of
 * a millimetre; from then on sums, differences and threshold tests are integer arithmetic. Percent
 * thresholds are compared by cross-multiplying (100 x sum vs 70 x baseline), never by dividing, so
 * -30.0% is PR and -29.99% is not, and 23.3 + 11.7 is exactly 35.0. Sizes stay far below 2^53 / 1000,
 * where integer arithmetic on JavaScript numbers is exact.
 */

/** Integer hundredths of a millimetre. */
export type Hundredths = number;

/** Half-up rounding to 0.01 mm. The tiny offset absorbs binary representation error: 12.345 is stored
 *  as 12.3449999..., and 12.345 x 100 must still round to 1235. */
export function toHundredths(mm: number): Hundredths {
  return Math.round(mm * 100 + 1e-6);
}

export function toMm(value: Hundredths): number {
  return value / 100;
}

export const FIVE_MM: Hundredths = 500;
export const TEN_MM: Hundredths = 1000;
export const FIFTEEN_MM: Hundredths = 1500;

/** PR: the sum decreased by at least 30% from the baseline sum. */
export function meetsPartialResponse(sum: Hundredths, baselineSum: Hundredths): boolean {
  return baselineSum > 0 && sum * 100 <= baselineSum * 70;
}

/** PD by size: at least +20% over the nadir AND at least +5 mm in absolute terms. */
export function meetsProgression(sum: Hundredths, nadir: Hundredths): boolean {
  const growth = sum - nadir;
  return growth >= FIVE_MM && growth * 100 >= nadir * 20;
}

/** Integer division rounded half away from zero (the usual "round to 1 decimal" of a report). */
function divideRounded(numerator: number, denominator: number): number {
  const magnitude = Math.floor((2 * Math.abs(numerator) + denominator) / (2 * denominator));
  return numerator < 0 && magnitude !== 0 ? -magnitude : magnitude;
}

/** Percent change from `reference`, in tenths of a percent, rounded half away from zero; null when the
 *  reference is zero (no percent change from nothing). */
export function percentChangeTenths(value: Hundredths, reference: Hundredths): number | null {
  if (reference <= 0) return null;
  return divideRounded((value - reference) * 1000, reference);
}

/** Percent change rounded to 1 decimal, as the contract's pctFrom* fields. */
export function percentChange(value: Hundredths, reference: Hundredths): number | null {
  const tenths = percentChangeTenths(value, reference);
  return tenths === null ? null : tenths / 10;
}

/** `61.0`, `23.35`: one decimal always, the second only when it carries information. */
export function formatMm(value: Hundredths): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const whole = Math.floor(abs / 100);
  const cents = abs % 100;
  return cents % 10 === 0
    ? `${sign}${whole}.${cents / 10}`
    : `${sign}${whole}.${String(cents).padStart(2, '0')}`;
}

/** `+11.0 mm`, `-4.9 mm`. */
export function formatSignedMm(value: Hundredths): string {
  return `${value >= 0 ? '+' : ''}${formatMm(value)} mm`;
}

/**
 * Percent change for a sentence, e.g. `+22.0%`. Rounded to 1 decimal, except where that rounding would
 * show a threshold the exact value does not reach (-29.96% printed as -30.0% next to "SD"): then two
 * decimals truncated toward zero, which can never cross the threshold.
 * `thresholdTenths` is -300 for PR or 200 for PD; `met` says whether the exact value reached it.
 */
export function formatPercentChange(
  value: Hundredths,
  reference: Hundredths,
  thresholdTenths?: number,
  met?: boolean,
): string {
  const tenths = percentChangeTenths(value, reference);
  if (tenths === null) return 'n/a';
  let text = (tenths / 10).toFixed(1);
  if (thresholdTenths !== undefined && met === false) {
    const looksMet = thresholdTenths < 0 ? tenths <= thresholdTenths : tenths >= thresholdTenths;
    if (looksMet) {
      const hundredthsOfPct = Math.trunc(((value - reference) * 10000) / reference);
      text = (hundredthsOfPct / 100).toFixed(2);
    }
  }
  return `${text.startsWith('-') ? text : `+${text}`}%`;
}
