import { describe, expect, it } from 'vitest';
import type { SubjectReadJson } from '../../../../src/core/reading/subjectRead';
import { DEFAULT_TRIGGERS, type ReaderRead } from '../../../../src/core/trial/adjudication';
import {
  readerAgreementReport,
  type AgreementRead,
  type AgreementReaderRead,
  type AgreementSubject,
} from '../../../../src/core/trial/agreementReport';
import {
  BASELINE,
  READER1_LESIONS,
  READER2_LESIONS,
  W8,
  agreeing,
  measurementThreshold,
  newLesion,
  reader,
  targetSelection,
} from './fixtures/reads';

// The app's export type must fit what the report reads, location codes and measurements included.
const fromApp = (json: SubjectReadJson): AgreementRead => json;
void fromApp;

type Pair = { read1: ReaderRead; read2: ReaderRead };

/** Both readers see an unequivocal new lesion at W8: PD on the same date. */
const bothProgressW8: Pair = {
  read1: reader(READER1_LESIONS, [
    { date: BASELINE, mm: { T1: 32, T2: 18 } },
    { date: W8, mm: { T1: 30, T2: 17 }, newLesion: true },
  ]),
  read2: reader(READER2_LESIONS, [
    { date: BASELINE, mm: { A: 32, B: 18 } },
    { date: W8, mm: { A: 31, B: 17 }, newLesion: true },
  ]),
};

/** Both progress by a new lesion, but reader 2 read the W8 visit on a scan 7 days later: PD dates 7 days
 *  apart, no visit read on the same scan after baseline, so none of the five causes can be shown. */
const progressWeekApart: Pair = {
  read1: bothProgressW8.read1,
  read2: reader(READER2_LESIONS, [
    { date: BASELINE, mm: { A: 32, B: 18 } },
    { date: '2026-03-09', mm: { A: 30, B: 17 }, newLesion: true },
  ]),
};

const subject = (
  subjectId: string,
  pair: { read1: AgreementReaderRead; read2: AgreementReaderRead },
  adjudicated = false,
  acceptedReader: 1 | 2 | null = null,
): AgreementSubject => ({
  subjectId,
  reader1: pair.read1,
  reader2: pair.read2,
  adjudicated,
  acceptedReader,
});

/**
 * Six subjects, worked by hand:
 *            best resp.  progression       triggers (defaults)  cause                   adjudication
 *   S1       SD / SD     none / none       -                    -                       -
 *   S2       PR / SD     none / none       best response        target-selection        reader 1
 *   S3       SD / SD     none / W16        progression date     new-lesion              reader 2
 *   S4       PR / SD     none / none       best response        measurement-threshold   reader 1
 *   S5       PD / PD     W8 / W8           -                    -                       -
 *   S6       PD / PD     W8 / W8 + 7 d     progression date     (none of the five)      not yet
 */
const cohort = [
  subject('S1', agreeing),
  subject('S2', targetSelection, true, 1),
  subject('S3', newLesion, true, 2),
  subject('S4', measurementThreshold, true, 1),
  subject('S5', bothProgressW8),
  subject('S6', progressWeekApart),
];
const report = readerAgreementReport({
  subjects: cohort,
  triggers: DEFAULT_TRIGGERS,
  progressionWindowDays: 14,
});

describe('readerAgreementReport on six subjects', () => {
  it('best response kappa: table PR/SD/PD, po = 4/6, pe = 12/36, kappa = 0.5', () => {
    const k = report.bestResponse;
    expect(k.n).toBe(6);
    expect(k.categories).toEqual(['PR', 'SD', 'PD']);
    // Rows reader 1, columns reader 2.
    expect(k.table).toEqual([
      [0, 2, 0],
      [0, 2, 0],
      [0, 0, 2],
    ]);
    expect(k.observed).toBeCloseTo(2 / 3, 12);
    expect(k.expected).toBeCloseTo(1 / 3, 12);
    expect(k.kappa).toBeCloseTo(0.5, 12);
    // Fleiss-Cohen-Everitt by hand: diagonal 25/243, off-diagonal (1/9)(1/27) = 1/243, last term
    // (2/9)^2 = 12/243; variance = (14/243) / (6 (2/3)^4) = 7/144, so se = sqrt(7)/12.
    expect(k.se).toBeCloseTo(Math.sqrt(7) / 12, 12);
    expect(k.ci95![0]).toBeCloseTo(0.5 - (1.96 * Math.sqrt(7)) / 12, 12);
    expect(k.ci95![1]).toBeCloseTo(0.5 + (1.96 * Math.sqrt(7)) / 12, 12);
  });

  it('progression: of the 3 subjects anyone progressed, 1 same date, 1 within 14 days, 1 discordant', () => {
    const p = report.progression;
    expect(p.progressed).toBe(3);
    expect(p.counts.bothNone).toBe(3);
    expect(p.sameDate).toEqual({ count: 1, of: 3, rate: 1 / 3 });
    expect(p.withinWindow).toEqual({ count: 1, of: 3, rate: 1 / 3 });
    expect(p.discordant).toEqual({ count: 1, of: 3, rate: 1 / 3 });
    expect(p.counts.readerBOnly).toBe(1);
    expect(p.reason).toBeNull();
  });

  it('a window shorter than 7 days turns S6 discordant', () => {
    const narrow = readerAgreementReport({
      subjects: cohort,
      triggers: DEFAULT_TRIGGERS,
      progressionWindowDays: 6,
    });
    expect(narrow.progression.withinWindow.count).toBe(0);
    expect(narrow.progression.discordant).toEqual({ count: 2, of: 3, rate: 2 / 3 });
  });

  it('sum of diameters: 16 visits read on the same scan, mean -1.625 mm, SD sqrt(85.75/15)', () => {
    const sld = report.measurements.sld;
    // Reader 1 - reader 2 per visit: S1 -1 -1 -1 -1, S2 -2 -7 -8, S3 0 0 0, S4 -1 -1 -2, S5 0 -1,
    // S6 0 (its W8 scans differ). Sum -26; sum of squares 128; 128 - 16 * 1.625^2 = 85.75.
    expect(sld.n).toBe(16);
    expect(sld.subjects).toBe(6);
    expect(sld.pairs.map((p) => p.a - p.b)).toEqual([
      -1, -1, -1, -1, -2, -7, -8, 0, 0, 0, -1, -1, -2, 0, -1, 0,
    ]);
    expect(sld.meanDifference).toBeCloseTo(-1.625, 12);
    const sd = Math.sqrt(85.75 / 15);
    expect(sld.sd).toBeCloseTo(sd, 12);
    expect(sld.limits![0]).toBeCloseTo(-1.625 - 1.96 * sd, 12);
    expect(sld.limits![1]).toBeCloseTo(-1.625 + 1.96 * sd, 12);
    expect(sld.pairs[1]).toEqual({
      subjectId: 'S1',
      visitDate: W8,
      visit: 'Day 57 (W8)',
      location: null,
      a: 44,
      b: 45,
    });
  });

  it('per lesion: nothing to pair when the reads carry no location codes, and says so', () => {
    const lesions = report.measurements.lesions;
    expect(lesions.n).toBe(0);
    expect(lesions.meanDifference).toBeNull();
    expect(lesions.reason).toMatch(/location code/);
  });

  it('adjudication: 4 of 6 need it, 3 of 6 adjudicated, 1 waiting', () => {
    expect(report.adjudication.needed).toEqual({ count: 4, of: 6, rate: 4 / 6 });
    expect(report.adjudication.adjudicated).toEqual({ count: 3, of: 6, rate: 0.5 });
    expect(report.adjudication.waiting).toBe(1);
  });

  it('acceptance: reader 1 in 2 of 3 adjudications, reader 2 in 1 of 3', () => {
    expect(report.acceptance.reader1).toEqual({ count: 2, of: 3, rate: 2 / 3 });
    expect(report.acceptance.reader2).toEqual({ count: 1, of: 3, rate: 1 / 3 });
    expect(report.acceptance.undecided).toBe(0);
  });

  it('lists each discrepant subject with its triggers and causes', () => {
    expect(
      report.discrepant.map((d) => [
        d.subjectId,
        d.triggers.map((t) => t.trigger),
        d.causes.map((c) => c.cause),
        d.acceptedReader,
      ]),
    ).toEqual([
      ['S2', ['bestResponse'], ['target-selection'], 1],
      ['S3', ['progressionDate'], ['new-lesion'], 2],
      ['S4', ['bestResponse'], ['measurement-threshold'], 1],
      ['S6', ['progressionDate'], [], null],
    ]);
    expect(report.discrepant[1]!.causes[0]!.visit).toBe('Day 113 (W16)');
  });

  it('counts each cause over the 4 discrepant subjects, in Beaumont order, and the unexplained one', () => {
    expect(report.causes.map((c) => [c.cause, c.subjects.count, c.main.count, c.subjects.of])).toEqual([
      ['baseline-scan', 0, 0, 4],
      ['target-selection', 1, 1, 4],
      ['new-lesion', 1, 1, 4],
      ['measurement-threshold', 1, 1, 4],
      ['non-target-progression', 0, 0, 4],
    ]);
    expect(report.unexplained).toEqual({ count: 1, of: 4, rate: 0.25 });
  });

  it("uses the trial's triggers: with every trigger off, no subject is discrepant", () => {
    const off = readerAgreementReport({
      subjects: cohort,
      triggers: {
        bestResponse: false,
        progressionDate: false,
        visitResponse: false,
        progressionDaysApart: null,
      },
      progressionWindowDays: 14,
    });
    expect(off.discrepant).toEqual([]);
    expect(off.adjudication.needed).toEqual({ count: 0, of: 6, rate: 0 });
    // Adjudications held still count, whatever the triggers say now.
    expect(off.adjudication.adjudicated.count).toBe(3);
    expect(off.causes.every((c) => c.subjects.rate === null)).toBe(true);
  });
});

/** A read with a location code per lesion id (as the app's export carries them). */
function located(read: ReaderRead, codes: Record<string, string>): AgreementReaderRead {
  // The fixtures are engine reads: their lesions have ids, which ComparedRead does not name.
  const withIds = read.read as AgreementRead;
  return {
    result: read.result,
    read: { ...withIds, lesions: withIds.lesions.map((l) => ({ ...l, location: codes[l.id!] ?? '' })) },
  };
}

describe('per-lesion pairs by location code', () => {
  const pairOf = (codes1: Record<string, string>, codes2: Record<string, string>, pair: Pair = agreeing) => ({
    read1: located(pair.read1, codes1),
    read2: located(pair.read2, codes2),
  });
  const lesionsOf = (...subjects: AgreementSubject[]) =>
    readerAgreementReport({ subjects, triggers: DEFAULT_TRIGGERS, progressionWindowDays: 14 }).measurements
      .lesions;

  it('pairs the liver and the node target at every visit: mean -0.5 mm, SD sqrt(2/7)', () => {
    const lesions = lesionsOf(
      subject('S1', pairOf({ T1: 'liver.s7', T2: 'ln.celiac' }, { A: 'liver.s7', B: 'ln.celiac' })),
    );
    // liver 32/33 28/29 29/29 30/30, node 18/18 16/16 16/17 16/17: differences -1 0 -1 0 0 -1 0 -1.
    expect(lesions.pairs.map((p) => [p.visit, p.location, p.a, p.b])).toEqual([
      ['Day -3 (W0)', 'liver.s7', 32, 33],
      ['Day -3 (W0)', 'ln.celiac', 18, 18],
      ['Day 57 (W8)', 'liver.s7', 28, 29],
      ['Day 57 (W8)', 'ln.celiac', 16, 16],
      ['Day 113 (W16)', 'liver.s7', 29, 29],
      ['Day 113 (W16)', 'ln.celiac', 16, 17],
      ['Day 169 (W24)', 'liver.s7', 30, 30],
      ['Day 169 (W24)', 'ln.celiac', 16, 17],
    ]);
    expect(lesions.n).toBe(8);
    expect(lesions.subjects).toBe(1);
    expect(lesions.meanDifference).toBeCloseTo(-0.5, 12);
    expect(lesions.sd).toBeCloseTo(Math.sqrt(2 / 7), 12);
    expect(lesions.reason).toBeNull();
  });

  it('leaves out lesions whose codes differ between the readers', () => {
    const lesions = lesionsOf(
      subject('S1', pairOf({ T1: 'liver.s7', T2: 'ln.celiac' }, { A: 'liver.s7', B: 'ln.portocaval' })),
    );
    expect(new Set(lesions.pairs.map((p) => p.location))).toEqual(new Set(['liver.s7']));
    expect(lesions.n).toBe(4);
  });

  it('leaves out a code one reader gave to two targets (which would match which?)', () => {
    const lesions = lesionsOf(
      subject('S1', pairOf({ T1: 'liver.s7', T2: 'ln.celiac' }, { A: 'liver.s7', B: 'liver.s7' })),
    );
    expect(lesions.n).toBe(0);
    expect(lesions.reason).toMatch(/location code/);
  });

  it('pairs sizes only: a target recorded "too small" at a visit is not a pair', () => {
    const pair = pairOf({ T1: 'liver.s7', T2: 'ln.celiac' }, { A: 'liver.s7', B: 'ln.celiac' });
    const read2: AgreementReaderRead = {
      result: pair.read2.result,
      read: {
        ...pair.read2.read,
        timepoints: pair.read2.read.timepoints.map((t) =>
          t.date === W8 ? { ...t, measurements: { ...t.measurements, A: { status: 'too-small' } } } : t,
        ),
      },
    };
    const lesions = lesionsOf(subject('S1', { read1: pair.read1, read2 }));
    expect(lesions.n).toBe(7);
    expect(lesions.pairs.some((p) => p.visitDate === W8 && p.location === 'liver.s7')).toBe(false);
  });

  it('matches visits by scan date only (S6 reader 2 read W8 on another scan)', () => {
    const lesions = lesionsOf(
      subject(
        'S6',
        pairOf({ T1: 'liver.s7', T2: 'ln.celiac' }, { A: 'liver.s7', B: 'ln.celiac' }, progressWeekApart),
      ),
    );
    expect(lesions.pairs.map((p) => p.visitDate)).toEqual([BASELINE, BASELINE]);
  });
});

describe('edge cases', () => {
  it('no subjects: every figure is "not enough data" with a reason, never NaN', () => {
    const empty = readerAgreementReport({
      subjects: [],
      triggers: DEFAULT_TRIGGERS,
      progressionWindowDays: 14,
    });
    expect(empty.subjects).toBe(0);
    expect(empty.bestResponse.kappa).toBeNull();
    expect(empty.bestResponse.reason).toMatch(/No subject/);
    expect(empty.progression.sameDate).toEqual({ count: 0, of: 0, rate: null });
    expect(empty.progression.reason).toMatch(/No subject/);
    expect(empty.measurements.sld.meanDifference).toBeNull();
    expect(empty.measurements.sld.reason).toMatch(/No subject/);
    expect(empty.measurements.lesions.reason).toMatch(/No subject/);
    expect(empty.adjudication.needed.rate).toBeNull();
    expect(empty.adjudication.adjudicated.rate).toBeNull();
    expect(empty.acceptance.reader1.rate).toBeNull();
    expect(empty.acceptance.reader2.rate).toBeNull();
    expect(empty.discrepant).toEqual([]);
    expect(empty.unexplained.rate).toBeNull();
    expect(JSON.stringify(empty)).not.toMatch(/NaN|null,"of":0,"rate":0/);
  });

  it('all agree: kappa 1 with a zero-width interval, no adjudication, no acceptance rate', () => {
    const all = readerAgreementReport({
      subjects: [subject('S1', agreeing), subject('S5', bothProgressW8)],
      triggers: DEFAULT_TRIGGERS,
      progressionWindowDays: 14,
    });
    expect(all.bestResponse.kappa).toBeCloseTo(1, 12);
    expect(all.bestResponse.ci95).toEqual([1, 1]);
    expect(all.progression.sameDate).toEqual({ count: 1, of: 1, rate: 1 });
    expect(all.adjudication.needed).toEqual({ count: 0, of: 2, rate: 0 });
    expect(all.acceptance.reader1).toEqual({ count: 0, of: 0, rate: null });
    expect(all.discrepant).toEqual([]);
    expect(all.causes.every((c) => c.subjects.count === 0)).toBe(true);
  });

  it('every subject SD by both: kappa cannot be measured, and the reason says why', () => {
    const sd = readerAgreementReport({
      subjects: [subject('S1', agreeing), subject('S3', newLesion)],
      triggers: DEFAULT_TRIGGERS,
      progressionWindowDays: 14,
    });
    expect(sd.bestResponse.kappa).toBeNull();
    expect(sd.bestResponse.observed).toBe(1);
    expect(sd.bestResponse.reason).toMatch(/same category \(SD\)/);
  });

  it('nobody progressed: no progression rates, and the reason says so', () => {
    const none = readerAgreementReport({
      subjects: [subject('S1', agreeing), subject('S2', targetSelection)],
      triggers: DEFAULT_TRIGGERS,
      progressionWindowDays: 14,
    });
    expect(none.progression.progressed).toBe(0);
    expect(none.progression.discordant.rate).toBeNull();
    expect(none.progression.reason).toMatch(/Neither reader found progression/);
  });

  it('an adjudication not decided yet counts as adjudicated but not in the acceptance rates', () => {
    const open = readerAgreementReport({
      subjects: [subject('S2', targetSelection, true, null), subject('S4', measurementThreshold, true, 2)],
      triggers: DEFAULT_TRIGGERS,
      progressionWindowDays: 14,
    });
    expect(open.adjudication.adjudicated).toEqual({ count: 2, of: 2, rate: 1 });
    expect(open.adjudication.waiting).toBe(0);
    expect(open.acceptance.undecided).toBe(1);
    expect(open.acceptance.reader2).toEqual({ count: 1, of: 1, rate: 1 });
    expect(open.acceptance.reader1).toEqual({ count: 0, of: 1, rate: 0 });
  });

  it('refuses a subject listed twice, and an accepted reader without adjudication', () => {
    const run = (subjects: AgreementSubject[]) =>
      readerAgreementReport({ subjects, triggers: DEFAULT_TRIGGERS, progressionWindowDays: 14 });
    expect(() => run([subject('S1', agreeing), subject('S1', newLesion)])).toThrow(/S1 is listed twice/);
    expect(() => run([subject('S1', agreeing, false, 1)])).toThrow(/accepted reader but no adjudication/);
  });
});
