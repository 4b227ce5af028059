import { describe, expect, it } from 'vitest';
import {
  formatMm,
  formatPercentChange,
  meetsPartialResponse,
  meetsProgression,
  percentChange,
  toHundredths,
} from '../../../../src/core/recist';

const mm = toHundredths;

describe('sizes enter as exact hundredths of a millimetre', () => {
  it.each([
    [23.3, 2330],
    [11.7, 1170],
    [0.1 + 0.2, 30],
    [12.345, 1235],
    [12.344, 1234],
    [0.285, 29],
    [0, 0],
    [150.05, 15005],
  ])('%d mm -> %i hundredths', (input, expected) => {
    expect(toHundredths(input)).toBe(expected);
  });

  it('23.3 + 11.7 is exactly 35.0 (no drift)', () => {
    expect(mm(23.3) + mm(11.7)).toBe(mm(35));
    expect(formatMm(mm(23.3) + mm(11.7))).toBe('35.0');
  });
});

describe('PR threshold: a decrease of at least 30% from baseline', () => {
  it.each([
    ['exactly -30.0%', 35, 50, true],
    ['-29.98% (one hundredth of a mm short)', 35.01, 50, false],
    ['-30.02%', 34.99, 50, true],
    ['-30.0% built from decimals (23.3 + 11.7 vs 50)', 23.3 + 11.7, 50, true],
    ['-30% of an odd baseline (70.7 -> 49.49)', 49.49, 70.7, true],
    ['-29.99% of an odd baseline (70.7 -> 49.5)', 49.5, 70.7, false],
    ['no change', 50, 50, false],
    ['zero baseline never gives PR', 0, 0, false],
  ])('%s', (_name, sum, baseline, expected) => {
    expect(meetsPartialResponse(mm(sum), mm(baseline))).toBe(expected);
  });
});

describe('PD threshold: at least +20% over the nadir AND at least +5 mm', () => {
  it.each([
    ['+20% and +5.0 mm', 30, 25, true],
    ['+20% but only +4.9 mm', 29.4, 24.5, false],
    ['+5.0 mm but only +19.9%', 30.1, 25.1, false],
    ['+20.0% and +5.0 mm from decimals', 35.1, 29.25, true],
    ['+19.99% and +11.0 mm', 66, 55.01, false],
    ['+22% and +11 mm', 61, 50, true],
    ['from a nadir of 0: +5 mm is PD', 5, 0, true],
    ['from a nadir of 0: +4.99 mm is not', 4.99, 0, false],
    ['shrinking', 20, 25, false],
  ])('%s', (_name, sum, nadir, expected) => {
    expect(meetsProgression(mm(sum), mm(nadir))).toBe(expected);
  });
});

describe('percent change for the report', () => {
  // 49.975 mm rounds half-up to 49.98 mm: -0.04% reports as 0 (never -0).
  it.each([
    [35, 50, -30],
    [61, 50, 22],
    [35.01, 50, -30],
    [33.333, 50, -33.3],
    [50.025, 50, 0.1],
    [49.97, 50, -0.1],
    [49.975, 50, 0],
    [14, 50, -72],
  ])('%s vs %s -> %s%%', (value, ref, pct) => {
    expect(percentChange(mm(value), mm(ref))).toBe(pct);
  });

  it('is null from a zero reference', () => {
    expect(percentChange(mm(5), 0)).toBeNull();
  });

  it('never prints a threshold the exact value does not reach', () => {
    // -29.98% rounds to -30.0%, which would contradict an SD next to it.
    expect(formatPercentChange(mm(35.01), mm(50), -300, false)).toBe('-29.98%');
    expect(formatPercentChange(mm(35), mm(50), -300, true)).toBe('-30.0%');
    // +19.99% rounds to +20.0%.
    expect(formatPercentChange(mm(66), mm(55.01), 200, false)).toBe('+19.97%');
    expect(formatPercentChange(mm(61), mm(50), 200, true)).toBe('+22.0%');
    expect(formatPercentChange(mm(50), mm(50))).toBe('+0.0%');
  });

  it('formats sizes with one decimal, two only when needed', () => {
    expect(formatMm(6100)).toBe('61.0');
    expect(formatMm(2335)).toBe('23.35');
    expect(formatMm(5)).toBe('0.05');
    expect(formatMm(-490)).toBe('-4.9');
  });
});
