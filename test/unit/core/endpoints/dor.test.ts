import { describe, expect, it } from 'vitest';
import { durationOfResponse, type SubjectCourse } from '../../../../src/core/endpoints';
import { day, evaluate } from '../recist/builders';

const course = (over: Partial<SubjectCourse>): SubjectCourse => ({
  enrollmentDate: day(0),
  deathDate: null,
  newAnticancerTherapyDate: null,
  progression: null,
  evaluableAssessmentDates: [day(42), day(84), day(126)],
  ...over,
});

describe('DOR: from the first date CR/PR was met to progression or death', () => {
  it.each<
    [
      string,
      Partial<SubjectCourse>,
      string | null,
      { days: number | null; event: boolean; date: string | null },
    ]
  >([
    ['non-responder: not applicable', {}, null, { days: null, event: false, date: null }],
    [
      'progression',
      { progression: { date: day(126), establishedOn: day(126) } },
      day(42),
      { days: 85, event: true, date: day(126) },
    ],
    ['death', { deathDate: day(150) }, day(42), { days: 109, event: true, date: day(150) }],
    [
      'no event: censored at the last evaluable assessment',
      {},
      day(42),
      { days: 85, event: false, date: day(126) },
    ],
    [
      'new therapy: censored at the last evaluable assessment before it',
      { newAnticancerTherapyDate: day(100), deathDate: day(150) },
      day(42),
      { days: 43, event: false, date: day(84) },
    ],
  ])('%s', (_name, over, start, expected) => {
    expect(durationOfResponse(course(over), start)).toEqual(expected);
  });
});

describe('DOR through the engine', () => {
  const timepoints = [
    { day: -3, m: { T1: 40 } },
    { day: 42, m: { T1: 20 } }, // PR, response starts here
    { day: 84, m: { T1: 18 } }, // PR: confirms (42 days later)
    { day: 126, m: { T1: 24 } }, // +6 mm and +33% over the nadir 18: PD
  ];

  it('starts at the first of the confirmed pair, not at the confirmation', () => {
    const result = evaluate({ targets: ['T1'], timepoints });
    expect(result.bestOverallResponse).toBe('PR');
    expect(result.responseStartDate).toBe(day(42));
    expect(result.progressionDate).toBe(day(126));
    expect(result.dor).toEqual({ days: 85, event: true, date: day(126) });
    expect(result.pfs).toEqual({ days: 127, event: true, date: day(126) });
  });

  it('is not applicable when the best response is not CR or PR', () => {
    const result = evaluate({
      targets: ['T1'],
      timepoints: [
        { day: -3, m: { T1: 40 } },
        { day: 42, m: { T1: 20 } }, // PR, never confirmed
        { day: 126, m: { T1: 26 } }, // +6 mm and +30% over the nadir 20: PD
      ],
    });
    expect(result.bestOverallResponse).toBe('SD');
    expect(result.dor).toEqual({ days: null, event: false, date: null });
  });
});
