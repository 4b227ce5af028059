import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clopperPearson, responseRate } from '../../../../src/core/endpoints/orr';
import reference from '../../../fixtures/orr/orr-reference.json';

const relativeDifference = (actual: number, expected: number): number =>
  expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);

describe('Clopper-Pearson interval against R binom.test', () => {
  it('covers the designed cases', () => {
    expect(reference.cases.length).toBeGreaterThanOrEqual(15);
  });
  it.each(reference.cases)('$x of $n at level $level', ({ x, n, level, lower, upper }) => {
    const ci = clopperPearson(x, n, level);
    expect(relativeDifference(ci.lower, lower)).toBeLessThanOrEqual(1e-9);
    expect(relativeDifference(ci.upper, upper)).toBeLessThanOrEqual(1e-9);
  });
});

describe('Clopper-Pearson edges fixed by the contract', () => {
  it('lower is exactly 0 with no responder and upper exactly 1 when all respond', () => {
    expect(clopperPearson(0, 24).lower).toBe(0);
    expect(clopperPearson(24, 24).upper).toBe(1);
    expect(clopperPearson(0, 24).upper).toBeGreaterThan(0);
    expect(clopperPearson(24, 24).lower).toBeLessThan(1);
  });
  it('refuses counts that are not a proportion', () => {
    expect(() => clopperPearson(3, 2)).toThrow(RangeError);
    expect(() => clopperPearson(-1, 2)).toThrow(RangeError);
    expect(() => clopperPearson(1.5, 2)).toThrow(RangeError);
    expect(() => clopperPearson(0, 0)).toThrow(RangeError);
    expect(() => clopperPearson(1, 2, 1)).toThrow(RangeError);
  });
});

describe('responseRate', () => {
  it('gives the contract example 6 of 24', () => {
    const orr = responseRate(6, 24, 'all subjects with a baseline read (ITT)');
    expect(orr).toMatchObject({
      responders: 6,
      n: 24,
      rate: 0.25,
      population: 'all subjects with a baseline read (ITT)',
    });
    expect(orr.lower).toBeCloseTo(0.0977, 4);
    expect(orr.upper).toBeCloseTo(0.4671, 4);
  });
  it('has no rate for an empty population', () => {
    expect(responseRate(0, 0, 'none')).toEqual({
      responders: 0,
      n: 0,
      rate: null,
      lower: null,
      upper: null,
      population: 'none',
    });
  });
  it('property: the interval lies in [0, 1], is ordered and contains the rate', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5000 })
          .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        fc.constantFrom(0.8, 0.9, 0.95, 0.99),
        ([x, n], level) => {
          const r = responseRate(x, n, 'p', level);
          expect(r.lower).not.toBeNull();
          const lower = r.lower!;
          const upper = r.upper!;
          expect(lower).toBeGreaterThanOrEqual(0);
          expect(upper).toBeLessThanOrEqual(1);
          expect(lower).toBeLessThanOrEqual(upper);
          expect(lower).toBeLessThanOrEqual(r.rate!);
          expect(upper).toBeGreaterThanOrEqual(r.rate!);
        },
      ),
      { numRuns: 300 },
    );
  });
});
