import { describe, expect, it } from 'vitest';
import type { SubjectReadJson } from '../../../../src/core/reading/subjectRead';
import {
  AdjudicationTriggersSchema,
  DEFAULT_TRIGGERS,
  DISCREPANCY_CAUSES,
  adjudicationTriggers,
  discrepancyCauses,
  visitLabel,
  type AdjudicationTriggers,
  type ComparedRead,
  type ReaderRead,
} from '../../../../src/core/trial/adjudication';
import {
  BASELINE,
  ENROLLMENT,
  READER1_LESIONS,
  READER2_LESIONS,
  W16,
  W24,
  W8,
  agreeing,
  baselineScan,
  measurementThreshold,
  newLesion,
  nonTargetProgression,
  reader,
  targetSelection,
} from './fixtures/reads';

// The app passes its own export type: it must fit what the comparison reads (checked by tsc).
const fromApp = (json: SubjectReadJson): ComparedRead => json;
void fromApp;

const ALL: AdjudicationTriggers = {
  bestResponse: true,
  progressionDate: true,
  visitResponse: true,
  progressionDaysApart: 0,
};
const NONE: AdjudicationTriggers = {
  bestResponse: false,
  progressionDate: false,
  visitResponse: false,
  progressionDaysApart: null,
};

const kinds = (fired: { trigger: string }[]) => fired.map((f) => f.trigger);
const causeKinds = (causes: { cause: string }[]) => causes.map((c) => c.cause);
const ISO_DATE = /\d{4}-\d{2}-\d{2}/;

describe('the fixtures are what they say (real engine)', () => {
  it.each([
    ['agreeing', agreeing, 'SD', 'SD', null, null],
    ['baseline scan', baselineScan, 'PR', 'SD', null, null],
    ['target selection', targetSelection, 'PR', 'SD', null, null],
    ['new lesion', newLesion, 'SD', 'SD', null, W16],
    ['measurement threshold', measurementThreshold, 'PR', 'SD', null, null],
    ['non-target progression', nonTargetProgression, 'SD', 'SD', W16, null],
  ] as const)('%s: best %s / %s, progression %s / %s', (_, pair, best1, best2, pd1, pd2) => {
    expect(pair.read1.result.bestOverallResponse).toBe(best1);
    expect(pair.read2.result.bestOverallResponse).toBe(best2);
    expect(pair.read1.result.progressionDate).toBe(pd1);
    expect(pair.read2.result.progressionDate).toBe(pd2);
    expect(pair.read1.result.violations).toEqual([]);
    expect(pair.read2.result.violations).toEqual([]);
  });
});

describe('visitLabel: blinded visit names', () => {
  it('gives the study day and the nearest week from enrolment', () => {
    expect(visitLabel(ENROLLMENT, ENROLLMENT)).toBe('Day 1 (W0)');
    expect(visitLabel(ENROLLMENT, W8)).toBe('Day 57 (W8)');
    // 3 days before enrolment: no day 0, and no "W-0".
    expect(visitLabel(ENROLLMENT, BASELINE)).toBe('Day -3 (W0)');
    expect(visitLabel(ENROLLMENT, '2025-12-15')).toBe('Day -21 (W-3)');
  });
});

describe('adjudicationTriggers', () => {
  it('fires nothing for reads that agree, whatever triggers are on', () => {
    expect(adjudicationTriggers(ALL, agreeing.read1, agreeing.read2)).toEqual([]);
  });

  it('fires nothing when every trigger is off, however much the reads differ', () => {
    expect(adjudicationTriggers(NONE, newLesion.read1, newLesion.read2)).toEqual([]);
    expect(adjudicationTriggers(NONE, targetSelection.read1, targetSelection.read2)).toEqual([]);
  });

  it('best response: PR against SD, with both codes in the reason', () => {
    const fired = adjudicationTriggers(DEFAULT_TRIGGERS, targetSelection.read1, targetSelection.read2);
    expect(fired).toEqual([
      { trigger: 'bestResponse', reason: 'The best overall responses differ: reader 1 PR, reader 2 SD.' },
    ]);
  });

  it('progression date: one read progressed and the other did not counts as different', () => {
    const fired = adjudicationTriggers(DEFAULT_TRIGGERS, newLesion.read1, newLesion.read2);
    // Both best responses are SD (W8 meets the SD minimum before reader 2's PD): only the date fires.
    expect(fired).toEqual([
      {
        trigger: 'progressionDate',
        reason: 'The dates of progression differ: reader 1 no progression, reader 2 Day 113 (W16).',
      },
    ]);
  });

  it('visit response (optional): names every visit that differs, matched by scan date', () => {
    const off = adjudicationTriggers(
      DEFAULT_TRIGGERS,
      measurementThreshold.read1,
      measurementThreshold.read2,
    );
    expect(kinds(off)).toEqual(['bestResponse']);
    const on = adjudicationTriggers(
      { ...DEFAULT_TRIGGERS, visitResponse: true },
      measurementThreshold.read1,
      measurementThreshold.read2,
    );
    expect(kinds(on)).toEqual(['bestResponse', 'visitResponse']);
    expect(on[1]!.reason).toBe(
      'The response differs at 2 visits: Day 57 (W8): reader 1 PR, reader 2 SD; Day 113 (W16): reader 1 PR, reader 2 SD.',
    );
  });

  it('visit response: a visit only one reader read is not compared', () => {
    const read1 = reader(READER1_LESIONS, [
      { date: BASELINE, mm: { T1: 32, T2: 18 } },
      { date: W8, mm: { T1: 30, T2: 17 } },
      { date: W16, mm: { T1: 30, T2: 17 }, newLesion: true },
    ]);
    const read2 = reader(READER2_LESIONS, [
      { date: BASELINE, mm: { A: 32, B: 18 } },
      { date: W8, mm: { A: 30, B: 17 } },
    ]);
    const fired = adjudicationTriggers({ ...NONE, visitResponse: true }, read1, read2);
    expect(fired).toEqual([]);
  });

  describe('progression dates more than N days apart (optional)', () => {
    // Reader 1 progresses at W16 by a new lesion, reader 2 at W24 (56 days later).
    const early = reader(READER1_LESIONS, [
      { date: BASELINE, mm: { T1: 32, T2: 18 } },
      { date: W8, mm: { T1: 30, T2: 17 } },
      { date: W16, mm: { T1: 31, T2: 17 }, newLesion: true },
    ]);
    const late = reader(READER2_LESIONS, [
      { date: BASELINE, mm: { A: 32, B: 18 } },
      { date: W8, mm: { A: 30, B: 17 } },
      { date: W16, mm: { A: 31, B: 17 } },
      { date: W24, mm: { A: 31, B: 17 }, newLesion: true },
    ]);
    const apart = (n: number | null, a: ReaderRead = early, b: ReaderRead = late) =>
      kinds(adjudicationTriggers({ ...NONE, progressionDaysApart: n }, a, b));

    it('fires above N, not at exactly N days', () => {
      expect(apart(55)).toEqual(['progressionDaysApart']);
      expect(apart(56)).toEqual([]);
      expect(apart(null)).toEqual([]);
    });

    it('is symmetric in the readers', () => {
      expect(apart(55, late, early)).toEqual(['progressionDaysApart']);
    });

    it('needs both reads to have progressed (one progression is the date trigger)', () => {
      expect(apart(0, early, newLesion.read1)).toEqual([]);
    });

    it('says how far apart, in days and study days', () => {
      const [fired] = adjudicationTriggers({ ...NONE, progressionDaysApart: 28 }, early, late);
      expect(fired!.reason).toBe(
        'The progression dates are 56 days apart (more than the 28 days allowed): reader 1 Day 113 (W16), reader 2 Day 169 (W24).',
      );
    });
  });

  it('lists the triggers in a fixed order', () => {
    const fired = adjudicationTriggers(ALL, nonTargetProgression.read1, nonTargetProgression.read2);
    // Best responses are both SD; the progression date and the W16 response differ; 0 days apart does
    // not apply (reader 2 did not progress).
    expect(kinds(fired)).toEqual(['progressionDate', 'visitResponse']);
  });

  it('never shows a calendar date (the adjudicator is blinded to dates)', () => {
    for (const pair of [
      baselineScan,
      targetSelection,
      newLesion,
      measurementThreshold,
      nonTargetProgression,
    ]) {
      for (const f of adjudicationTriggers(ALL, pair.read1, pair.read2))
        expect(f.reason).not.toMatch(ISO_DATE);
    }
  });
});

describe('AdjudicationTriggersSchema (protocol settings come from outside)', () => {
  it('accepts the defaults and a day limit', () => {
    expect(AdjudicationTriggersSchema.parse(DEFAULT_TRIGGERS)).toEqual(DEFAULT_TRIGGERS);
    expect(AdjudicationTriggersSchema.parse({ ...DEFAULT_TRIGGERS, progressionDaysApart: 0 })).toEqual({
      ...DEFAULT_TRIGGERS,
      progressionDaysApart: 0,
    });
  });

  it.each([
    [{ ...DEFAULT_TRIGGERS, progressionDaysApart: -1 }, 'progressionDaysApart', 'whole days'],
    [{ ...DEFAULT_TRIGGERS, progressionDaysApart: 7.5 }, 'progressionDaysApart', 'whole days'],
    [{ ...DEFAULT_TRIGGERS, bestResponse: 'yes' }, 'bestResponse', 'true or false'],
  ])('refuses %j with a plain message', (input, field, words) => {
    const parsed = AdjudicationTriggersSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path).toEqual([field]);
    expect(parsed.error!.issues[0]!.message).toContain(words);
  });
});

describe('discrepancyCauses', () => {
  it('finds no cause for reads that agree (different lesion ids, 1 mm differences)', () => {
    expect(discrepancyCauses(agreeing.read1, agreeing.read2)).toEqual([]);
  });

  it('baseline scan: different baseline dates; the sums on them are not compared', () => {
    expect(discrepancyCauses(baselineScan.read1, baselineScan.read2)).toEqual([
      {
        cause: 'baseline-scan',
        visitDate: '2025-12-15',
        visit: 'Day -21 (W-3)',
        detail: 'The readers used different baseline scans: reader 1 Day -3 (W0), reader 2 Day -21 (W-3).',
      },
    ]);
  });

  it("target selection: compared by organ and number, not by the readers' own ids", () => {
    expect(discrepancyCauses(targetSelection.read1, targetSelection.read2)).toEqual([
      {
        cause: 'target-selection',
        visitDate: BASELINE,
        visit: 'Day -3 (W0)',
        detail:
          'The readers selected different target lesions: reader 1 2 targets (liver 1, lymph node 1), reader 2 2 targets (liver 1, lung 1).',
      },
    ]);
  });

  it('target selection: a different number in the same organ counts', () => {
    const three = reader(
      [{ id: 'X', organ: 'liver' }, ...READER2_LESIONS],
      [
        { date: BASELINE, mm: { X: 15, A: 32, B: 18 } },
        { date: W8, mm: { X: 14, A: 28, B: 16 } },
      ],
    );
    const [cause] = discrepancyCauses(agreeing.read1, three);
    expect(cause!.detail).toBe(
      'The readers selected different target lesions: reader 1 2 targets (liver 1, lymph node 1), reader 2 3 targets (liver 2, lymph node 1).',
    );
  });

  it('new lesion: seen by one reader only, at the visit it was seen', () => {
    expect(discrepancyCauses(newLesion.read1, newLesion.read2)).toEqual([
      {
        cause: 'new-lesion',
        visitDate: W16,
        visit: 'Day 113 (W16)',
        detail: 'Reader 2 saw a new lesion at Day 113 (W16); reader 1 saw none there.',
      },
    ]);
  });

  it('new lesion: seen by both at the same visit is no cause; at different visits, the earlier counts', () => {
    const both = reader(READER1_LESIONS, [
      { date: BASELINE, mm: { T1: 32, T2: 18 } },
      { date: W8, mm: { T1: 30, T2: 17 } },
      { date: W16, mm: { T1: 31, T2: 17 }, newLesion: true },
    ]);
    expect(discrepancyCauses(both, newLesion.read2)).toEqual([]);
    const earlier = reader(READER1_LESIONS, [
      { date: BASELINE, mm: { T1: 32, T2: 18 } },
      { date: W8, mm: { T1: 30, T2: 17 }, newLesion: true },
      { date: W16, mm: { T1: 31, T2: 17 } },
    ]);
    const causes = discrepancyCauses(earlier, newLesion.read2);
    expect(causes.map((c) => [c.cause, c.visitDate])).toEqual([['new-lesion', W8]]);
    expect(causes[0]!.detail).toBe('Reader 1 saw a new lesion at Day 57 (W8); reader 2 saw none there.');
  });

  it('measurement threshold: -30.0% (PR) against -29.4% (not PR) on the same targets', () => {
    expect(discrepancyCauses(measurementThreshold.read1, measurementThreshold.read2)).toEqual([
      {
        cause: 'measurement-threshold',
        visitDate: W8,
        visit: 'Day 57 (W8)',
        detail:
          'Same targets, but the measurements fall on different sides of the partial response threshold (-30% from baseline) at Day 57 (W8): reader 1 sum 35 mm (-30% from baseline, -30% from nadir): a partial response by size; reader 2 sum 36 mm (-29.4% from baseline, -29.4% from nadir): neither response nor progression by size.',
      },
    ]);
  });

  describe('measurement threshold: progression needs +20% and +5 mm over the nadir', () => {
    // Nadir 40 mm at W8. Reader 1 grows to 48 mm (+20%, +8 mm): PD. Reader 2 grows to 47 mm (+17.5%).
    const grows = (lesions: typeof READER1_LESIONS, [t, n]: [string, string], w16: number) =>
      reader(lesions, [
        { date: BASELINE, mm: { [t]: 32, [n]: 18 } },
        { date: W8, mm: { [t]: 25, [n]: 15 } },
        { date: W16, mm: { [t]: w16 - 15, [n]: 15 } },
      ]);

    it('one read at +20% and the other below: the progression threshold', () => {
      const causes = discrepancyCauses(
        grows(READER1_LESIONS, ['T1', 'T2'], 48),
        grows(READER2_LESIONS, ['A', 'B'], 47),
      );
      expect(causes.map((c) => [c.cause, c.visitDate])).toEqual([['measurement-threshold', W16]]);
      expect(causes[0]!.detail).toContain('the progression threshold (+20% and +5 mm from the nadir)');
      expect(causes[0]!.detail).toContain(
        'reader 1 sum 48 mm (-4% from baseline, +20% from nadir): progression by size',
      );
    });

    it('both below it: no cause', () => {
      expect(
        discrepancyCauses(grows(READER1_LESIONS, ['T1', 'T2'], 47), grows(READER2_LESIONS, ['A', 'B'], 46)),
      ).toEqual([]);
    });
  });

  it('non-target progression: called by one reader only', () => {
    expect(discrepancyCauses(nonTargetProgression.read1, nonTargetProgression.read2)).toEqual([
      {
        cause: 'non-target-progression',
        visitDate: W16,
        visit: 'Day 113 (W16)',
        detail:
          'Reader 1 called unequivocal progression of non-target disease at Day 113 (W16); reader 2 did not.',
      },
    ]);
  });

  it("several causes: all reported, in Beaumont's order, the first being the main one", () => {
    // Reader 2 chose a lung target, saw a new lesion at W8 and called non-target progression at W16.
    const read2 = reader(
      [{ id: 'A', organ: 'liver' }, { id: 'B', organ: 'lung' }, READER2_LESIONS[2]!],
      [
        { date: BASELINE, mm: { A: 32, B: 20 } },
        { date: W8, mm: { A: 20, B: 19 }, newLesion: true },
        { date: W16, mm: { A: 20, B: 18 }, nonTarget: 'unequivocal-progression' },
      ],
    );
    const causes = discrepancyCauses(targetSelection.read1, read2);
    expect(causeKinds(causes)).toEqual(['target-selection', 'new-lesion', 'non-target-progression']);
    // The order is the declared one, whatever the visits.
    expect(DISCREPANCY_CAUSES.filter((c) => causeKinds(causes).includes(c))).toEqual(causeKinds(causes));
  });

  it('is the same either way round, with the readers named accordingly', () => {
    const swapped = discrepancyCauses(newLesion.read2, newLesion.read1);
    expect(causeKinds(swapped)).toEqual(['new-lesion']);
    expect(swapped[0]!.detail).toBe('Reader 1 saw a new lesion at Day 113 (W16); reader 2 saw none there.');
  });

  it('never shows a calendar date', () => {
    for (const pair of [
      baselineScan,
      targetSelection,
      newLesion,
      measurementThreshold,
      nonTargetProgression,
    ]) {
      for (const c of discrepancyCauses(pair.read1, pair.read2)) {
        expect(c.detail).not.toMatch(ISO_DATE);
        expect(c.visit).not.toMatch(ISO_DATE);
      }
    }
  });
});
