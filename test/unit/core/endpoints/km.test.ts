import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kaplanMeier, type KmConfType, type KmRow } from '../../../../src/core/endpoints';
import fixture from '../../../fixtures/km/km-reference.json';

type Value = number | null;
interface ReferenceFit {
  confType: KmConfType;
  n: number;
  events: number;
  steps: {
    time: number;
    nRisk: number;
    nEvent: number;
    nCensor: number;
    surv: number;
    stdErr: Value;
    lower: Value;
    upper: Value;
  }[];
  quantiles: { p: number; estimate: Value; lower: Value; upper: Value }[];
  atRisk: { time: number; nRisk: number; surv: number; lower: Value; upper: Value }[];
  rmst: { tau: number; estimate: number; stdErr: number };
}
interface ReferenceCohort {
  name: string;
  rows: KmRow[];
  times: number[];
  fits: ReferenceFit[];
}

const cohorts = (fixture as unknown as { cohorts: ReferenceCohort[] }).cohorts;

/** Relative difference <= 1e-9; a null (R's NA) only matches null. */
function expectClose(actual: Value | undefined, expected: Value, where: string): void {
  if (expected === null || actual === null || actual === undefined) {
    expect(actual, where).toBe(expected);
    return;
  }
  const scale = Math.max(Math.abs(actual), Math.abs(expected));
  expect(Math.abs(actual - expected), `${where}: ${actual} vs R ${expected}`).toBeLessThanOrEqual(
    1e-9 * scale,
  );
}

function expectRecordClose(actual: object, expected: object, where: string): void {
  for (const [key, value] of Object.entries(expected)) {
    expectClose((actual as Record<string, Value>)[key], value as Value, `${where}.${key}`);
  }
}

describe('kaplanMeier against R survival (test/fixtures/km/km-reference.R)', () => {
  it('the fixture holds the cohorts it was written for', () => {
    expect(cohorts.map((c) => c.name)).toEqual([
      'ties and unsorted rows',
      'median not reached',
      'S exactly 0.5 on a flat stretch',
      'S exactly 0.5 to the end',
      'all censored',
      'one subject, an event',
      'one subject, censored',
      'realistic 40 subjects',
    ]);
    expect(cohorts.every((c) => c.fits.map((f) => f.confType).join() === 'log-log,log,plain')).toBe(true);
  });

  for (const cohort of cohorts) {
    for (const fit of cohort.fits) {
      it(`${cohort.name}, ${fit.confType}`, () => {
        const km = kaplanMeier(cohort.rows, {
          confType: fit.confType,
          times: cohort.times,
          rmstTau: fit.rmst.tau,
        });
        expect(km.n).toBe(fit.n);
        expect(km.events).toBe(fit.events);
        expect(km.censored).toBe(fit.n - fit.events);
        expect(km.confType).toBe(fit.confType);
        expect(km.steps.length).toBe(fit.steps.length);
        fit.steps.forEach((step, i) => expectRecordClose(km.steps[i]!, step, `steps[${i}]`));
        expect(km.quantiles.length).toBe(3);
        fit.quantiles.forEach((q, i) => expectRecordClose(km.quantiles[i]!, q, `quantiles[${i}]`));
        const median = fit.quantiles.find((q) => q.p === 0.5)!;
        expectRecordClose(
          km.median,
          { estimate: median.estimate, lower: median.lower, upper: median.upper },
          'median',
        );
        expect(km.atRisk.length).toBe(fit.atRisk.length);
        fit.atRisk.forEach((row, i) => expectRecordClose(km.atRisk[i]!, row, `atRisk[${i}]`));
        expect(km.rmst).not.toBeNull();
        expectRecordClose(km.rmst!, fit.rmst, 'rmst');
      });
    }
  }

  it('the flat-stretch cohort takes the midpoints (R: quartile 15, median 35)', () => {
    const cohort = cohorts.find((c) => c.name === 'S exactly 0.5 on a flat stretch')!;
    const km = kaplanMeier(cohort.rows);
    expect(km.median.estimate).toBe(35);
    expect(km.quantiles[0]!.estimate).toBe(15);
  });
});

describe('kaplanMeier defaults and edge cases', () => {
  it('defaults to log-log, 95%, the contract times and no RMST', () => {
    const km = kaplanMeier([{ subject: 'A', timeDays: 100, event: true }]);
    expect(km.confType).toBe('log-log');
    expect(km.confLevel).toBe(0.95);
    expect(km.atRisk.map((r) => r.time)).toEqual([0, 90, 180, 270, 360]);
    expect(km.atRisk.map((r) => r.nRisk)).toEqual([1, 1, 0, 0, 0]);
    expect(km.rmst).toBeNull();
  });

  it('an empty cohort has no steps, no median and S = 1 in the at-risk table', () => {
    const km = kaplanMeier([], { rmstTau: 100 });
    expect(km).toMatchObject({ n: 0, events: 0, censored: 0, steps: [], rmst: null });
    expect(km.median).toEqual({ estimate: null, lower: null, upper: null });
    expect(km.atRisk.every((r) => r.nRisk === 0 && r.surv === 1)).toBe(true);
  });
});

const rowsArbitrary = fc.array(
  fc.record({ timeDays: fc.integer({ min: 0, max: 400 }), event: fc.boolean() }),
  { minLength: 1, maxLength: 80 },
);
const confTypeArbitrary = fc.constantFrom<KmConfType>('log-log', 'log', 'plain');

function toRows(raw: readonly { timeDays: number; event: boolean }[]): KmRow[] {
  return raw.map((r, i) => ({ subject: `S${i}`, ...r }));
}

describe('kaplanMeier properties', () => {
  it('S is non-increasing, within [0, 1], and one row per distinct time in order', () => {
    fc.assert(
      fc.property(rowsArbitrary, confTypeArbitrary, (raw, confType) => {
        const km = kaplanMeier(toRows(raw), { confType });
        expect(km.steps.map((s) => s.time)).toEqual(
          [...new Set(raw.map((r) => r.timeDays))].sort((a, b) => a - b),
        );
        let previous = 1;
        for (const step of km.steps) {
          expect(step.surv).toBeLessThanOrEqual(previous);
          expect(step.surv).toBeGreaterThanOrEqual(0);
          previous = step.surv;
        }
      }),
    );
  });

  it('the numbers at risk, events and censorings add up', () => {
    fc.assert(
      fc.property(rowsArbitrary, (raw) => {
        const km = kaplanMeier(toRows(raw));
        expect(km.steps[0]!.nRisk).toBe(raw.length);
        km.steps.forEach((step, i) => {
          const next = km.steps[i + 1];
          if (next) expect(next.nRisk).toBe(step.nRisk - step.nEvent - step.nCensor);
          else expect(step.nRisk).toBe(step.nEvent + step.nCensor);
        });
        expect(km.steps.reduce((sum, s) => sum + s.nEvent, 0)).toBe(km.events);
        expect(km.events + km.censored).toBe(raw.length);
        for (const row of km.atRisk) {
          expect(row.nRisk).toBe(raw.filter((r) => r.timeDays >= row.time).length);
        }
      }),
    );
  });

  it('each confidence interval contains S where it is defined', () => {
    fc.assert(
      fc.property(rowsArbitrary, confTypeArbitrary, (raw, confType) => {
        const km = kaplanMeier(toRows(raw), { confType, times: [0, 50, 150, 300, 500] });
        for (const row of [...km.steps, ...km.atRisk]) {
          if (row.lower !== null) expect(row.lower).toBeLessThanOrEqual(row.surv + 1e-12);
          if (row.upper !== null) expect(row.upper).toBeGreaterThanOrEqual(row.surv - 1e-12);
          if (row.surv > 0 && row.surv < 1) {
            expect(row.lower).not.toBeNull();
            expect(row.upper).not.toBeNull();
          }
        }
      }),
    );
  });
});
