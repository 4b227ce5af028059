import { describe, expect, it } from 'vitest';
import { evaluate, overalls, targets, type TpSpec } from './builders';

/**
 * iRECIST: an assessment earlier than confirmationMinDays (28) after an iUPD is disregarded for the reset
 * and for the nadir (Seymour 2017, RECIST committee FAQ: "should be disregarded and repeated 4-8 weeks
 * after the initial iUPD").
 */
const IUPD_DAY = 42;

/** One liver target, 100 mm at baseline, 125 mm at the iUPD (+25%), then the given sizes. */
function afterIupd(followUps: { after: number; t1: number; nl?: TpSpec['nl'] }[]) {
  return evaluate({
    criteria: 'iRECIST',
    targets: ['T1:liver'],
    timepoints: [
      { day: -3, m: { T1: 100 } },
      { day: IUPD_DAY, m: { T1: 125 } },
      ...followUps.map((f) => ({ day: IUPD_DAY + f.after, m: { T1: f.t1 }, nl: f.nl ?? [] })),
    ],
  });
}

const nadirs = (result: ReturnType<typeof evaluate>) => result.timepoints.slice(1).map((t) => t.nadirMm);

describe('iRECIST: an assessment < confirmationMinDays after the iUPD', () => {
  it('the case of issue 10: 60 mm after 14 days is disregarded, 75 mm after 35 days is judged against the nadir 100 mm', () => {
    const result = afterIupd([
      { after: 14, t1: 60 },
      { after: 35, t1: 75 },
    ]);
    // 14 days: iPR by its size, but too early to reset the iUPD. 35 days: -25% from baseline, and
    // 75 mm is below the nadir of 100 mm (baseline; the 60 mm are no nadir): iSD, the bar is reset.
    expect(overalls(result)).toEqual(['iUPD', 'iUPD', 'iSD']);
    expect(targets(result)).toEqual(['iUPD', 'iPR', 'iSD']);
    expect(nadirs(result)).toEqual([100, 100, 100]);
    expect(result.timepoints.slice(1).map((t) => t.pctFromNadir)).toEqual([25, -40, -25]);
    expect(result.timepoints[2]!.explanation).toContain(
      'only 14 days after the iUPD at D42: too early to confirm it (>= 28 days) except by another new lesion; disregarded for the reset and the nadir',
    );
    expect(result.timepoints[3]!.explanation).toContain(
      'the iUPD at D42 is not confirmed and the bar is reset',
    );
    expect(result.progressionDate).toBeNull();
    expect(result.bestOverallResponse).toBe('iSD');
  });

  it.each<[string, number, string[], (number | null)[]]>([
    // 27 days: disregarded; the next scan is judged against the nadir 100 mm.
    ['27 days after: disregarded', 27, ['iUPD', 'iUPD', 'iSD'], [100, 100, 100]],
    // 28 days: it counts; it resets (iPR) and its 60 mm become the nadir: 75 mm is +25% and +15 mm: iUPD.
    ['exactly 28 days after: counts', 28, ['iUPD', 'iPR', 'iUPD'], [100, 100, 60]],
  ])('%s', (_name, after, expected, expectedNadirs) => {
    const result = afterIupd([
      { after, t1: 60 },
      { after: after + 35, t1: 75 },
    ]);
    expect(overalls(result)).toEqual(expected);
    expect(nadirs(result)).toEqual(expectedNadirs);
  });

  it('an early scan cannot confirm by growth, but another new lesion confirms even early', () => {
    expect(overalls(afterIupd([{ after: 14, t1: 140 }]))).toEqual(['iUPD', 'iUPD']);
    const early = afterIupd([{ after: 14, t1: 125, nl: [{ id: 'N1', mm: 4 }] }]);
    expect(overalls(early)).toEqual(['iUPD', 'iCPD']);
    expect(early.progressionDate).toBe(early.timepoints[1]!.date);
  });

  it('the disregarded scan does not change what confirms later: growth is counted from the iUPD', () => {
    // 14 days: 60 mm (disregarded); 35 days: 130 mm, +5 mm over the 125 mm at the iUPD: iCPD.
    expect(
      overalls(
        afterIupd([
          { after: 14, t1: 60 },
          { after: 35, t1: 130 },
        ]),
      ),
    ).toEqual(['iUPD', 'iUPD', 'iCPD']);
  });

  it("uses the read's own confirmationMinDays", () => {
    const result = evaluate({
      criteria: 'iRECIST',
      options: { confirmationMinDays: 14 },
      targets: ['T1:liver'],
      timepoints: [
        { day: -3, m: { T1: 100 } },
        { day: 42, m: { T1: 125 } },
        { day: 56, m: { T1: 60 } },
      ],
    });
    expect(overalls(result)).toEqual(['iUPD', 'iPR']);
  });
});
