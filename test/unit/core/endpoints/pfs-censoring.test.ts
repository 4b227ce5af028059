import { describe, expect, it } from 'vitest';
import { progressionFreeSurvival, type SubjectCourse } from '../../../../src/core/endpoints';
import { day, evaluate } from '../recist/builders';

const course = (over: Partial<SubjectCourse>): SubjectCourse => ({
  enrollmentDate: day(0),
  deathDate: null,
  newAnticancerTherapyDate: null,
  progression: null,
  evaluableAssessmentDates: [day(42), day(84)],
  ...over,
});
const pd = (at: number, establishedAt = at) => ({ date: day(at), establishedOn: day(establishedAt) });

describe('PFS: event or censoring date - enrolment date + 1', () => {
  it.each<[string, Partial<SubjectCourse>, { days: number; event: boolean; date: string }]>([
    ['progression', { progression: pd(84) }, { days: 85, event: true, date: day(84) }],
    ['death without progression', { deathDate: day(100) }, { days: 101, event: true, date: day(100) }],
    [
      'death before progression: the earlier',
      { deathDate: day(60), progression: pd(84) },
      { days: 61, event: true, date: day(60) },
    ],
    [
      'progression before death: the earlier',
      { deathDate: day(120), progression: pd(84) },
      { days: 85, event: true, date: day(84) },
    ],
    ['no event: censored at the last evaluable assessment', {}, { days: 85, event: false, date: day(84) }],
    [
      'no evaluable assessment: censored at enrolment',
      { evaluableAssessmentDates: [] },
      { days: 1, event: false, date: day(0) },
    ],
    [
      'back-dated progression counts from its back-dated date',
      { progression: pd(42, 84) },
      { days: 43, event: true, date: day(42) },
    ],
    [
      'new therapy before progression: censored at the last evaluable assessment before it',
      { progression: pd(84), newAnticancerTherapyDate: day(70) },
      { days: 43, event: false, date: day(42) },
    ],
    [
      'progression on the day new therapy starts does not count',
      { progression: pd(84), newAnticancerTherapyDate: day(84) },
      { days: 43, event: false, date: day(42) },
    ],
    [
      'progression the day before new therapy counts',
      { progression: pd(84), newAnticancerTherapyDate: day(85) },
      { days: 85, event: true, date: day(84) },
    ],
    [
      'death after new therapy: censored before the therapy',
      { deathDate: day(200), newAnticancerTherapyDate: day(100) },
      { days: 85, event: false, date: day(84) },
    ],
    [
      'a progression established only after new therapy does not count, even back-dated before it',
      { progression: pd(42, 84), newAnticancerTherapyDate: day(70) },
      { days: 43, event: false, date: day(42) },
    ],
    [
      'new therapy before any evaluable assessment: censored at enrolment',
      { newAnticancerTherapyDate: day(10) },
      { days: 1, event: false, date: day(0) },
    ],
  ])('%s', (_name, over, expected) => {
    expect(progressionFreeSurvival(course(over))).toEqual(expected);
  });
});

describe('PFS through the engine', () => {
  it('is censored at the last non-NE overall response; missed assessments are not a censoring rule here', () => {
    // Contract rules win: the rule book's ">= 2 missed assessments" censoring has no schedule to work
    // from, so a PD after a long gap is still the event.
    const result = evaluate({
      targets: ['T1'],
      timepoints: [
        { day: -3, m: { T1: 40 } },
        { day: 42, m: { T1: 38 } },
        { day: 300, m: { T1: 60 } },
      ],
    });
    expect(result.pfs).toEqual({ days: 301, event: true, date: day(300) });
  });
});
