import { describe, expect, it } from 'vitest';
import { addDays } from '../../../../src/core/model/dates';
import { TrialProtocolSchema, type TrialProtocolInput } from '../../../../src/core/trial/protocol';
import { blindedVisitLabel, matchStudyToVisit, type VisitMatch } from '../../../../src/core/trial/schedule';

const ENROLLMENT = '2026-01-05';
const START = '2026-01-12'; // treatment starts a week after enrolment: study day = days since start + 8
const subject = { enrollmentDate: ENROLLMENT, treatmentStartDate: START };

const protocolInput = (over: Partial<TrialProtocolInput> = {}): TrialProtocolInput => ({
  protocolId: 'ONC-101',
  sponsor: 'Acme Oncology',
  criteria: 'RECIST1.1',
  schedule: { everyWeeks: 8, windowDays: 7 },
  ...over,
});
const protocol = (over: Partial<TrialProtocolInput> = {}) => TrialProtocolSchema.parse(protocolInput(over));

const scheduled = (week: number, day: number): VisitMatch => ({
  kind: 'scheduled',
  week,
  label: `W${week}`,
  day,
});
const unscheduled = (nearestWeek: number, daysOff: number): VisitMatch => ({
  kind: 'unscheduled',
  nearestWeek,
  daysOff,
});

describe('TrialProtocolSchema', () => {
  it('fills the defaults the issue gives', () => {
    expect(protocol()).toEqual({
      protocolId: 'ONC-101',
      sponsor: 'Acme Oncology',
      criteria: 'RECIST1.1',
      confirmationRequired: true,
      confirmationMinDays: 28,
      sdMinDays: 42,
      baselineWindowDays: 28,
      schedule: { everyWeeks: 8, windowDays: 7 },
      adjudication: {
        bestResponse: true,
        progressionDate: true,
        visitResponse: false,
        progressionDaysApart: null,
      },
      // The charter's usual rule: with no trigger, reader 1's read is the read of record.
      acceptedWithoutAdjudication: 1,
    });
  });

  it('keeps the other trigger defaults when only some triggers are given', () => {
    const parsed = protocol({ adjudication: { visitResponse: true, progressionDaysApart: 14 } });
    expect(parsed.adjudication).toEqual({
      bestResponse: true,
      progressionDate: true,
      visitResponse: true,
      progressionDaysApart: 14,
    });
  });

  it('accepts RECIST 1.1 with iRECIST beside it, a window of 0 days and a baseline window of 0', () => {
    const parsed = protocol({
      criteria: 'RECIST1.1+iRECIST',
      baselineWindowDays: 0,
      schedule: { everyWeeks: 1, windowDays: 0 },
    });
    expect(parsed.criteria).toBe('RECIST1.1+iRECIST');
    expect(parsed.schedule).toEqual({ everyWeeks: 1, windowDays: 0 });
    expect(parsed.baselineWindowDays).toBe(0);
  });

  it.each<[string, Partial<TrialProtocolInput> | Record<string, unknown>, string[], string]>([
    [
      'unknown criteria',
      { criteria: 'iRECIST' },
      ['criteria'],
      'expected criteria "RECIST1.1" or "RECIST1.1+iRECIST", got "iRECIST"',
    ],
    ['empty protocol ID', { protocolId: '  ' }, ['protocolId'], 'a protocol ID must not be empty'],
    ['no sponsor', { sponsor: undefined }, ['sponsor'], 'expected a sponsor (text), got nothing'],
    [
      'no schedule',
      { schedule: undefined },
      ['schedule'],
      'expected the visit schedule (every N weeks, +- N days), got nothing',
    ],
    [
      'interval of 0 weeks',
      { schedule: { everyWeeks: 0, windowDays: 7 } },
      ['schedule', 'everyWeeks'],
      'expected the visit interval as whole weeks >= 1, got 0',
    ],
    [
      'interval of 1.5 weeks',
      { schedule: { everyWeeks: 1.5, windowDays: 7 } },
      ['schedule', 'everyWeeks'],
      'expected the visit interval as whole weeks >= 1, got 1.5',
    ],
    [
      'negative window',
      { schedule: { everyWeeks: 8, windowDays: -1 } },
      ['schedule', 'windowDays'],
      'expected the visit window as whole days >= 0, got -1',
    ],
    [
      'baseline window as text',
      { baselineWindowDays: '28' },
      ['baselineWindowDays'],
      'expected the baseline window as whole days >= 0, got "28"',
    ],
    [
      'trigger as text',
      { adjudication: { bestResponse: 'yes' } },
      ['adjudication', 'bestResponse'],
      'expected the best-response trigger as true or false, got "yes"',
    ],
    [
      'negative PD gap',
      { adjudication: { progressionDaysApart: -3 } },
      ['adjudication', 'progressionDaysApart'],
      'expected the progression dates gap as whole days >= 0, got -3',
    ],
  ])('rejects %s, saying where and why', (_name, over, path, message) => {
    const result = TrialProtocolSchema.safeParse({ ...protocolInput(), ...over });
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.path).toEqual(path);
    expect(issue?.message).toBe(message);
  });
});

describe('matchStudyToVisit: every 8 weeks +- 7 days, baseline window 28 days', () => {
  const p = protocol();
  it.each<[string, number, VisitMatch]>([
    // The baseline window: at most 28 days before treatment start, or on it.
    ['29 days before start: before the baseline window', -29, { kind: 'too-early' }],
    ['a year before start', -365, { kind: 'too-early' }],
    ['28 days before start: the baseline window edge, inside', -28, { kind: 'baseline' }],
    ['the day before start', -1, { kind: 'baseline' }],
    ['on treatment start', 0, { kind: 'baseline' }],
    // After start, before the first window opens.
    ['the day after start', 1, unscheduled(8, -55)],
    ['8 days before W8: one day outside', 48, unscheduled(8, -8)],
    // W8 is due 56 days after start; exactly windowDays off is inside.
    ['7 days before W8: window edge, inside', 49, scheduled(8, 57)],
    ['on W8', 56, scheduled(8, 64)],
    ['7 days after W8: window edge, inside', 63, scheduled(8, 71)],
    ['8 days after W8: one day outside', 64, unscheduled(8, 8)],
    // Halfway between W8 (56) and W16 (112): equally far from both, so the earlier visit is nearest.
    ['halfway between W8 and W16', 84, unscheduled(8, 28)],
    ['one day past halfway', 85, unscheduled(16, -27)],
    ['8 days before W16', 104, unscheduled(16, -8)],
    ['7 days before W16', 105, scheduled(16, 113)],
    ['late in the trial: 7 days after W104', 728 + 7, scheduled(104, 743)],
    ['late in the trial: 8 days after W104', 728 + 8, unscheduled(104, 8)],
  ])('%s (start %+d days)', (_name, offset, expected) => {
    expect(matchStudyToVisit(p, subject, addDays(START, offset))).toEqual(expected);
  });

  it('counts the study day from enrolment with no day 0, also when treatment starts before enrolment', () => {
    const early = { enrollmentDate: '2026-03-10', treatmentStartDate: '2026-01-12' };
    // W8 is 2026-03-09, the day before enrolment: study day -1, not 0.
    expect(matchStudyToVisit(p, early, '2026-03-09')).toEqual(scheduled(8, -1));
    expect(matchStudyToVisit(p, early, '2026-03-10')).toEqual(scheduled(8, 1));
  });
});

describe('matchStudyToVisit: windows of 0 days and a baseline window of 0', () => {
  const p = protocol({ baselineWindowDays: 0, schedule: { everyWeeks: 6, windowDays: 0 } });
  it.each<[number, VisitMatch]>([
    [-1, { kind: 'too-early' }],
    [0, { kind: 'baseline' }],
    [41, unscheduled(6, -1)],
    [42, scheduled(6, 50)],
    [43, unscheduled(6, 1)],
    [84, scheduled(12, 92)],
  ])('start %+d days', (offset, expected) => {
    expect(matchStudyToVisit(p, subject, addDays(START, offset))).toEqual(expected);
  });
});

describe('matchStudyToVisit: overlapping windows go to the nearer visit, ties to the earlier', () => {
  it.each<[string, { everyWeeks: number; windowDays: number }, number, VisitMatch]>([
    // Weekly visits with +-4 days: W1 (7) and W2 (14) both accept days 10 and 11.
    ['weekly +-4, day 10: 3 from W1, 4 from W2', { everyWeeks: 1, windowDays: 4 }, 10, scheduled(1, 18)],
    ['weekly +-4, day 11: 4 from W1, 3 from W2', { everyWeeks: 1, windowDays: 4 }, 11, scheduled(2, 19)],
    // Every 2 weeks with +-7 days (exactly half the interval): day 21 is 7 from both W2 and W4.
    ['2-weekly +-7, day 21: a tie, the earlier wins', { everyWeeks: 2, windowDays: 7 }, 21, scheduled(2, 29)],
    ['2-weekly +-7, day 22: W4 is nearer', { everyWeeks: 2, windowDays: 7 }, 22, scheduled(4, 30)],
    // A window wider than the interval reaches back past treatment start, but baseline wins there.
    ['2-weekly +-14, the day after start: W2', { everyWeeks: 2, windowDays: 14 }, 1, scheduled(2, 9)],
    ['2-weekly +-14, on start: baseline wins', { everyWeeks: 2, windowDays: 14 }, 0, { kind: 'baseline' }],
  ])('%s', (_name, schedule, offset, expected) => {
    expect(matchStudyToVisit(protocol({ schedule }), subject, addDays(START, offset))).toEqual(expected);
  });
});

describe('matchStudyToVisit: leap years and year ends', () => {
  const every4 = protocol({ schedule: { everyWeeks: 4, windowDays: 0 } });
  it.each<[string, { enrollmentDate: string; treatmentStartDate: string }, string, VisitMatch]>([
    // 28 days before 1 March is 2 February in a leap year, 1 February otherwise.
    [
      'leap year: 2 Feb is the baseline window edge',
      { enrollmentDate: '2024-01-20', treatmentStartDate: '2024-03-01' },
      '2024-02-02',
      { kind: 'baseline' },
    ],
    [
      'leap year: 1 Feb is one day too early',
      { enrollmentDate: '2024-01-20', treatmentStartDate: '2024-03-01' },
      '2024-02-01',
      { kind: 'too-early' },
    ],
    [
      'common year: 1 Feb is the baseline window edge',
      { enrollmentDate: '2023-01-20', treatmentStartDate: '2023-03-01' },
      '2023-02-01',
      { kind: 'baseline' },
    ],
    [
      'common year: 31 Jan is one day too early',
      { enrollmentDate: '2023-01-20', treatmentStartDate: '2023-03-01' },
      '2023-01-31',
      { kind: 'too-early' },
    ],
    // 4 weeks after 1 February.
    [
      'leap year: W4 falls on 29 Feb',
      { enrollmentDate: '2024-01-25', treatmentStartDate: '2024-02-01' },
      '2024-02-29',
      scheduled(4, 36),
    ],
    [
      'leap year: 1 Mar is a day after W4',
      { enrollmentDate: '2024-01-25', treatmentStartDate: '2024-02-01' },
      '2024-03-01',
      unscheduled(4, 1),
    ],
    [
      'common year: W4 falls on 1 Mar',
      { enrollmentDate: '2023-01-25', treatmentStartDate: '2023-02-01' },
      '2023-03-01',
      scheduled(4, 36),
    ],
    [
      '2000 is a leap year: W4 on 29 Feb',
      { enrollmentDate: '2000-02-01', treatmentStartDate: '2000-02-01' },
      '2000-02-29',
      scheduled(4, 29),
    ],
    [
      '2100 is not: W4 on 1 Mar',
      { enrollmentDate: '2100-02-01', treatmentStartDate: '2100-02-01' },
      '2100-03-01',
      scheduled(4, 29),
    ],
    [
      'across the year end: W4 of a mid-December start',
      { enrollmentDate: '2024-12-16', treatmentStartDate: '2024-12-16' },
      '2025-01-13',
      scheduled(4, 29),
    ],
  ])('%s', (_name, dates, studyDate, expected) => {
    expect(matchStudyToVisit(every4, dates, studyDate)).toEqual(expected);
  });
});

describe('matchStudyToVisit: dates that are not dates', () => {
  const p = protocol();
  it.each<[string, { enrollmentDate: string; treatmentStartDate: string }, string, string]>([
    [
      'study date',
      subject,
      '2026-02-30',
      'The study date must be a date written YYYY-MM-DD, got "2026-02-30"',
    ],
    [
      'treatment start',
      { ...subject, treatmentStartDate: '12/01/2026' },
      '2026-03-09',
      'The treatment start date must be a date written YYYY-MM-DD, got "12/01/2026"',
    ],
    [
      'enrolment',
      { ...subject, enrollmentDate: '' },
      '2026-03-09',
      'The enrolment date must be a date written YYYY-MM-DD, got ""',
    ],
  ])('refuses a bad %s in plain words', (_name, dates, studyDate, message) => {
    expect(() => matchStudyToVisit(p, dates, studyDate)).toThrow(message);
  });
});

describe('blindedVisitLabel: study day and nearest week from enrolment, no real date', () => {
  it.each<[string, string, string, string]>([
    ['8 weeks after enrolment', ENROLLMENT, addDays(ENROLLMENT, 56), 'Day 57 (W8)'],
    ['on enrolment', ENROLLMENT, ENROLLMENT, 'Day 1 (W0)'],
    ['the day before enrolment (no day 0)', ENROLLMENT, addDays(ENROLLMENT, -1), 'Day -1 (W0)'],
    ['3 days after: still nearer week 0', ENROLLMENT, addDays(ENROLLMENT, 3), 'Day 4 (W0)'],
    ['4 days after: nearer week 1', ENROLLMENT, addDays(ENROLLMENT, 4), 'Day 5 (W1)'],
    ['3 days before: week 0, not "-0"', ENROLLMENT, addDays(ENROLLMENT, -3), 'Day -3 (W0)'],
    ['4 days before: week -1', ENROLLMENT, addDays(ENROLLMENT, -4), 'Day -4 (W-1)'],
    ['59 days after: 8.4 weeks', ENROLLMENT, addDays(ENROLLMENT, 59), 'Day 60 (W8)'],
    ['60 days after: 8.6 weeks', ENROLLMENT, addDays(ENROLLMENT, 60), 'Day 61 (W9)'],
    ['over 29 Feb of a leap year', '2024-02-28', '2024-03-01', 'Day 3 (W0)'],
    ['over the end of February of a common year', '2023-02-28', '2023-03-01', 'Day 2 (W0)'],
    ['a year of 366 days', '2024-01-01', '2025-01-01', 'Day 367 (W52)'],
  ])('%s', (_name, enrollmentDate, studyDate, expected) => {
    const label = blindedVisitLabel(enrollmentDate, studyDate);
    expect(label).toBe(expected);
    expect(label).not.toMatch(/\d{4}-\d{2}|\d{1,2}\/\d{1,2}/);
  });

  it('refuses a study date that is not a date', () => {
    expect(() => blindedVisitLabel(ENROLLMENT, '2026-13-01')).toThrow(
      'The study date must be a date written YYYY-MM-DD, got "2026-13-01"',
    );
  });
});
