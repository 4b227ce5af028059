import { describe, expect, it } from 'vitest';
import { cohortEndpoints } from '../../../../src/core/endpoints/cohort';
import type { SubjectResult } from '../../../../src/core/model';
import { day, evaluate, type ReadSpec } from '../recist/builders';

const subject = (id: string, spec: ReadSpec, over: Partial<NonNullable<ReadSpec['subject']>> = {}) =>
  evaluate({ ...spec, subject: { id, ...over } });

const t1 = (...mm: [number, ...(number | 'absent')[]]) => ({
  targets: ['T1'],
  timepoints: mm.map((m, i) => ({ day: [0, 42, 84, 126][i]!, m: { T1: m } })),
});

/** Hand-worked cohort (RECIST 1.1, confirmation required, SD minimum 42 days). */
function cohort(): SubjectResult[] {
  return [
    // Confirmed PR from day 42, no event: PFS censored at day 84 (85 days), DOR 43 days censored.
    subject('S1', t1(50, 30, 30)),
    // PR at day 42 not confirmed (PD at day 84): best SD (day 42 meets the 42-day minimum); PFS event 85.
    subject('S2', t1(50, 30, 50)),
    // PD at the first assessment: PFS event at day 42 (43 days).
    subject('S3', t1(50, 70)),
    // Stable at day 35 only, before the minimum: NE; PFS censored at day 35 (36 days).
    subject('S4', {
      targets: ['T1'],
      timepoints: [
        { day: 0, m: { T1: 50 } },
        { day: 35, m: { T1: 48 } },
      ],
    }),
    // Non-target disease only: non-CR/non-PD, not measurable at baseline; PFS censored at 51 days.
    subject('S5', {
      nonTargets: ['N1'],
      timepoints: [
        { day: 0, nt: { N1: 'present' } },
        { day: 50, nt: { N1: 'present' } },
      ],
    }),
    // Confirmed CR from day 42, death at day 150: PFS 151 and DOR 109 days, both events.
    subject('S6', t1(50, 'absent', 'absent'), { deathDate: day(150) }),
  ];
}

const relative = (a: number | null, b: number) => Math.abs(a! - b) / b;

describe('cohortEndpoints on a hand-worked cohort', () => {
  const endpoints = cohortEndpoints(cohort());

  it('counts best responses', () => {
    expect(endpoints.subjects).toBe(6);
    expect(endpoints.criteria).toBe('RECIST 1.1');
    expect(endpoints.bestResponse).toEqual({ CR: 1, PR: 1, SD: 1, NON_CR_NON_PD: 1, PD: 1, NE: 1 });
  });

  it('ORR (ITT) is 2 of 6 with the exact interval from R binom.test(2, 6)', () => {
    expect(endpoints.orr).toMatchObject({ responders: 2, n: 6, rate: 2 / 6 });
    expect(endpoints.orr.population).toBe('all subjects with a baseline read (ITT)');
    expect(relative(endpoints.orr.lower, 0.043271868292741711)).toBeLessThan(1e-9);
    expect(relative(endpoints.orr.upper, 0.77722190449648787)).toBeLessThan(1e-9);
  });

  it('ORR per protocol leaves out the subject without measurable disease: 2 of 5', () => {
    expect(endpoints.orrPerProtocol).toMatchObject({ responders: 2, n: 5, rate: 0.4 });
    expect(relative(endpoints.orrPerProtocol.lower, 0.052744950526316912)).toBeLessThan(1e-9);
    expect(relative(endpoints.orrPerProtocol.upper, 0.85336720036532676)).toBeLessThan(1e-9);
  });

  it('DCR counts CR, PR, SD and non-CR/non-PD but not SD shorter than the minimum: 4 of 6', () => {
    expect(endpoints.dcr).toMatchObject({ responders: 4, n: 6 });
    expect(relative(endpoints.dcr.lower, 0.22277809550351219)).toBeLessThan(1e-9);
    expect(relative(endpoints.dcr.upper, 0.95672813170725823)).toBeLessThan(1e-9);
  });

  it('lists each subject', () => {
    expect(endpoints.perSubject.map((s) => [s.subjectId, s.bestResponse, s.confirmed])).toEqual([
      ['S1', 'PR', true],
      ['S2', 'SD', false],
      ['S3', 'PD', false],
      ['S4', 'NE', false],
      ['S5', 'NON_CR_NON_PD', false],
      ['S6', 'CR', true],
    ]);
    expect(endpoints.perSubject[0]).toMatchObject({
      pfsDays: 85,
      pfsEvent: false,
      dorDays: 43,
      dorEvent: false,
    });
    expect(endpoints.perSubject[1]).toMatchObject({ pfsDays: 85, pfsEvent: true, dorDays: null });
    expect(endpoints.perSubject[5]).toMatchObject({
      pfsDays: 151,
      pfsEvent: true,
      dorDays: 109,
      dorEvent: true,
    });
    expect(endpoints.perSubject.map((s) => s.measurableAtBaseline)).toEqual([
      true,
      true,
      true,
      true,
      false,
      true,
    ]);
  });

  it('PFS Kaplan-Meier over every subject: 0.8 after day 43, 0.8 x 2/3 after day 85, median 151', () => {
    const { pfs } = endpoints;
    expect([pfs.n, pfs.events, pfs.censored]).toEqual([6, 3, 3]);
    expect(pfs.steps.map((s) => [s.time, s.nRisk, s.nEvent, s.nCensor])).toEqual([
      [36, 6, 0, 1],
      [43, 5, 1, 0],
      [51, 4, 0, 1],
      [85, 3, 1, 1],
      [151, 1, 1, 0],
    ]);
    expect(pfs.steps[3]!.surv).toBeCloseTo(0.8 * (2 / 3), 12);
    expect(pfs.median.estimate).toBe(151);
  });

  it('DOR Kaplan-Meier over the responders only', () => {
    const { dor } = endpoints;
    expect([dor.n, dor.events, dor.censored]).toEqual([2, 1, 1]);
    expect(dor.steps.map((s) => [s.time, s.nRisk, s.surv])).toEqual([
      [43, 2, 1],
      [109, 1, 0],
    ]);
  });
});

describe('cohortEndpoints choices', () => {
  it('uses the unconfirmed best response when the read does not require confirmation', () => {
    const result = evaluate({
      ...t1(50, 30, 50),
      options: { confirmationRequired: false },
      subject: { id: 'S2' },
    });
    const endpoints = cohortEndpoints([result]);
    expect(endpoints.bestResponse.PR).toBe(1);
    expect(endpoints.orr).toMatchObject({ responders: 1, n: 1, rate: 1, upper: 1 });
    expect(endpoints.perSubject[0]).toMatchObject({ bestResponse: 'PR', confirmed: false, dorDays: 43 });
  });

  it('an empty cohort has no rates and empty curves', () => {
    const endpoints = cohortEndpoints([]);
    expect(endpoints.subjects).toBe(0);
    expect(endpoints.orr).toMatchObject({ n: 0, rate: null, lower: null, upper: null });
    expect(endpoints.pfs.n).toBe(0);
    expect(endpoints.pfs.median.estimate).toBeNull();
  });

  it('refuses a cohort mixing RECIST 1.1 and iRECIST reads, naming the subjects', () => {
    const recist = subject('S1', t1(50, 30, 30));
    const irecist = evaluate({ ...t1(50, 30, 30), criteria: 'iRECIST', subject: { id: 'S9' } });
    expect(() => cohortEndpoints([recist, irecist])).toThrow(/S1 is read with RECIST 1\.1, S9 with iRECIST/);
  });

  it('counts iRECIST best responses with their i-codes', () => {
    const irecist = evaluate({ ...t1(50, 30, 30), criteria: 'iRECIST', subject: { id: 'S9' } });
    const endpoints = cohortEndpoints([irecist]);
    expect(endpoints.criteria).toBe('iRECIST');
    expect(endpoints.bestResponse).toMatchObject({ iPR: 1, iCR: 0, iUPD: 0, iCPD: 0 });
    expect(endpoints.orr.responders).toBe(1);
  });
});
