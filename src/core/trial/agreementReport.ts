/**
 * The reader agreement report of a BICR trial (issue 11, "Reader agreement"): the figures an administrator
 * or trial manager checks the central review with. Built from the subjects whose two BICR reads are both
 * complete; every figure that has too little data to be computed is null with a plain reason, never NaN.
 *
 * Measurement agreement pairs readers' sizes in two ways, because the lesions themselves cannot be matched
 * by id (each reader names their own lesions, T1 against A):
 * - by the sum of target diameters (SLD) at every visit both readers read on the same scan date, baseline
 *   included. This is the usual BICR measurement-agreement figure. It needs no lesion matching, and it
 *   keeps the effect of choosing other targets, which is part of how differently the readers measure.
 * - per lesion, when the reads carry each lesion's location code (the app's SubjectReadJson does): target
 *   lesions with the same location code, at a visit both readers read on the same scan date, both sized
 *   in mm. A code one reader gave to two targets (two liver.s7 lesions) cannot say which matches which,
 *   so that code is left out for that subject; statuses (too small, absent, merged) are not sizes.
 */
import {
  cohensKappa,
  limitsOfAgreement,
  progressionConcordance,
  type KappaResult,
  type LimitsOfAgreement,
  type ProgressionConcordance,
} from '../endpoints/agreement';
import { RESPONSE_CODES } from '../model/subject-result';
import type { SubjectResult } from '../model/subject-result';
import {
  DISCREPANCY_CAUSES,
  adjudicationTriggers,
  discrepancyCauses,
  visitLabel,
  type AdjudicationTriggers,
  type ComparedRead,
  type DiscrepancyCause,
  type DiscrepancyCauseKind,
  type FiredTrigger,
} from './adjudication';

// ---------------------------------------------------------------------------------------------------
// Input

/** A target's size or status at one visit, as both the engine's read and the app's export write it. */
export interface MeasuredValue {
  readonly mm?: number;
  readonly status?: string;
}

/**
 * A read as the comparison sees it (`ComparedRead`), with what per-lesion pairing needs where the read
 * has it: each lesion's id and location code, and each visit's measurements by lesion id.
 */
export interface AgreementRead extends ComparedRead {
  readonly lesions: readonly (ComparedRead['lesions'][number] & {
    readonly id?: string;
    readonly location?: string;
  })[];
  readonly timepoints: readonly (ComparedRead['timepoints'][number] & {
    readonly measurements?: Readonly<Record<string, MeasuredValue>>;
  })[];
}

export interface AgreementReaderRead {
  readonly read: AgreementRead;
  readonly result: SubjectResult;
}

/** One subject whose two BICR reads are both complete. */
export interface AgreementSubject {
  /** The subject's label (the trial's pseudonym, shown to the admin). */
  readonly subjectId: string;
  readonly reader1: AgreementReaderRead;
  readonly reader2: AgreementReaderRead;
  /** An adjudication task was opened for this subject. */
  readonly adjudicated: boolean;
  /** The read the adjudicator accepted; null while the adjudication is not decided (or none was held). */
  readonly acceptedReader: 1 | 2 | null;
}

export interface ReaderAgreementInput {
  readonly subjects: readonly AgreementSubject[];
  /** The trial's adjudication triggers: they say which subjects need adjudication. */
  readonly triggers: AdjudicationTriggers;
  /**
   * Two progression dates at most this many days apart are concordant "within the window". The trial's
   * visit window (protocol.schedule.windowDays) is the natural choice: two such scans can be one visit.
   */
  readonly progressionWindowDays: number;
}

// ---------------------------------------------------------------------------------------------------
// Output

/** `count` of `of`; `rate` is null when `of` is 0 (a rate of nothing is not 0%). */
export interface Rate {
  readonly count: number;
  readonly of: number;
  readonly rate: number | null;
}

export interface ProgressionAgreement {
  readonly windowDays: number;
  readonly counts: ProgressionConcordance;
  /** Subjects where at least one reader found progression: the denominator of the three rates. */
  readonly progressed: number;
  readonly sameDate: Rate;
  /** 1 to windowDays days apart (the same date is not counted here). */
  readonly withinWindow: Rate;
  /** More than windowDays apart, or progression by one reader only. */
  readonly discordant: Rate;
  readonly reason: string | null;
}

/** One pair of sizes: reader 1's `a` and reader 2's `b`, in mm. */
export interface PairedSize {
  readonly subjectId: string;
  readonly visitDate: string;
  /** The visit as blinded screens name it: "Day 57 (W8)". */
  readonly visit: string;
  /** The location code both lesions have; null for a sum of diameters. */
  readonly location: string | null;
  readonly a: number;
  readonly b: number;
}

export interface MeasurementAgreement extends LimitsOfAgreement {
  /** How many subjects gave at least one pair. */
  readonly subjects: number;
  readonly pairs: readonly PairedSize[];
}

export interface DiscrepantSubject {
  readonly subjectId: string;
  /** Why the subject needs adjudication (the trial's triggers that fired). */
  readonly triggers: readonly FiredTrigger[];
  /** Why the reads disagree, main cause first; empty when none of the five classes explains it. */
  readonly causes: readonly DiscrepancyCause[];
  readonly adjudicated: boolean;
  readonly acceptedReader: 1 | 2 | null;
}

export interface CauseCount {
  readonly cause: DiscrepancyCauseKind;
  /** Discrepant subjects with this cause among theirs. */
  readonly subjects: Rate;
  /** Discrepant subjects with this as their main (first) cause. */
  readonly main: Rate;
}

export interface ReaderAgreementReport {
  /** Subjects with both reads complete. */
  readonly subjects: number;
  /** Best overall response, reader 1 against reader 2. */
  readonly bestResponse: KappaResult;
  readonly progression: ProgressionAgreement;
  readonly measurements: {
    /** Sum of target diameters per visit (reader 1 - reader 2). */
    readonly sld: MeasurementAgreement;
    /** Target lesions matched by location code per visit (reader 1 - reader 2). */
    readonly lesions: MeasurementAgreement;
  };
  readonly adjudication: {
    /** Subjects for which a trigger fires, of the subjects with both reads complete. */
    readonly needed: Rate;
    /** Subjects adjudicated, of the subjects with both reads complete. */
    readonly adjudicated: Rate;
    /** Subjects needing adjudication that have not been adjudicated yet. */
    readonly waiting: number;
  };
  readonly acceptance: {
    /** Adjudicated subjects where reader 1's read was accepted, of those decided. */
    readonly reader1: Rate;
    readonly reader2: Rate;
    /** Adjudicated subjects without a decision yet. */
    readonly undecided: number;
  };
  /** Subjects for which a trigger fires, in input order. */
  readonly discrepant: readonly DiscrepantSubject[];
  /** One row per cause, in Beaumont's order (`DISCREPANCY_CAUSES`), over the discrepant subjects. */
  readonly causes: readonly CauseCount[];
  /** Discrepant subjects none of the five causes explains. */
  readonly unexplained: Rate;
}

// ---------------------------------------------------------------------------------------------------

const rate = (count: number, of: number): Rate => ({ count, of, rate: of === 0 ? null : count / of });

function progressionAgreement(
  subjects: readonly AgreementSubject[],
  windowDays: number,
): ProgressionAgreement {
  const counts = progressionConcordance(
    subjects.map((s) => ({ a: s.reader1.result.progressionDate, b: s.reader2.result.progressionDate })),
    windowDays,
  );
  const progressed = counts.n - counts.bothNone;
  const reason =
    counts.n === 0
      ? 'No subject has two complete reads yet.'
      : progressed === 0
        ? 'Neither reader found progression in any subject, so there are no dates to compare.'
        : null;
  return {
    windowDays,
    counts,
    progressed,
    sameDate: rate(counts.sameDate, progressed),
    withinWindow: rate(counts.withinWindow, progressed),
    discordant: rate(counts.beyondWindow + counts.oneReaderOnly, progressed),
    reason,
  };
}

/** Visits both readers read on the same scan date, in reader 1's order. */
function sameScanVisits<T extends { readonly date: string }>(
  first: readonly T[],
  second: readonly T[],
): [T, T][] {
  const byDate = new Map(second.map((t) => [t.date, t]));
  return first.flatMap((t): [T, T][] => {
    const other = byDate.get(t.date);
    return other === undefined ? [] : [[t, other]];
  });
}

function sldPairs(subject: AgreementSubject): PairedSize[] {
  const enrollment = subject.reader1.read.subject.enrollmentDate;
  return sameScanVisits(subject.reader1.result.timepoints, subject.reader2.result.timepoints).flatMap(
    ([t1, t2]) =>
      t1.sumMm === null || t2.sumMm === null
        ? []
        : [
            {
              subjectId: subject.subjectId,
              visitDate: t1.date,
              visit: visitLabel(enrollment, t1.date),
              location: null,
              a: t1.sumMm,
              b: t2.sumMm,
            },
          ],
  );
}

/** Target lesion ids by location code, for the codes this read gave to exactly one target. */
function targetsByLocation(read: AgreementRead): Map<string, string> {
  const ids = new Map<string, string[]>();
  for (const lesion of read.lesions) {
    if (lesion.kind !== 'target' || !lesion.location || lesion.id === undefined) continue;
    ids.set(lesion.location, [...(ids.get(lesion.location) ?? []), lesion.id]);
  }
  return new Map([...ids].filter(([, list]) => list.length === 1).map(([code, [id]]) => [code, id!]));
}

function lesionPairs(subject: AgreementSubject): PairedSize[] {
  const read1 = subject.reader1.read;
  const read2 = subject.reader2.read;
  const targets1 = targetsByLocation(read1);
  const targets2 = targetsByLocation(read2);
  const codes = [...targets1.keys()].filter((code) => targets2.has(code)).sort();
  const enrollment = read1.subject.enrollmentDate;
  const pairs: PairedSize[] = [];
  for (const [t1, t2] of sameScanVisits(read1.timepoints, read2.timepoints)) {
    for (const code of codes) {
      const a = t1.measurements?.[targets1.get(code)!]?.mm;
      const b = t2.measurements?.[targets2.get(code)!]?.mm;
      if (a === undefined || b === undefined) continue;
      pairs.push({
        subjectId: subject.subjectId,
        visitDate: t1.date,
        visit: visitLabel(enrollment, t1.date),
        location: code,
        a,
        b,
      });
    }
  }
  return pairs;
}

function measurementAgreement(pairs: readonly PairedSize[], none: string): MeasurementAgreement {
  const limits = limitsOfAgreement(pairs);
  return {
    ...limits,
    reason: pairs.length === 0 ? none : limits.reason,
    subjects: new Set(pairs.map((p) => p.subjectId)).size,
    pairs,
  };
}

/** The categories of the kappa table in a fixed clinical order, limited to those either reader used. */
function responseCategories(subjects: readonly AgreementSubject[]): string[] {
  const used = new Set(
    subjects.flatMap((s) => [s.reader1.result.bestOverallResponse, s.reader2.result.bestOverallResponse]),
  );
  return RESPONSE_CODES.filter((code) => used.has(code));
}

/**
 * The reader agreement figures of a trial's central review. Subjects must have distinct labels; each
 * subject's reads come reader 1 first.
 */
export function readerAgreementReport(input: ReaderAgreementInput): ReaderAgreementReport {
  const { subjects, triggers } = input;
  const labels = new Set<string>();
  for (const s of subjects) {
    if (labels.has(s.subjectId)) {
      throw new RangeError(`Subject ${s.subjectId} is listed twice in the agreement report.`);
    }
    labels.add(s.subjectId);
    if (s.acceptedReader !== null && !s.adjudicated) {
      throw new RangeError(
        `Subject ${s.subjectId} has an accepted reader but no adjudication: acceptance counts adjudicated subjects only.`,
      );
    }
  }
  const n = subjects.length;

  const bestResponse = cohensKappa(
    subjects.map((s) => ({
      a: s.reader1.result.bestOverallResponse,
      b: s.reader2.result.bestOverallResponse,
    })),
    responseCategories(subjects),
  );

  const discrepant: DiscrepantSubject[] = subjects.flatMap((s) => {
    const fired = adjudicationTriggers(triggers, s.reader1, s.reader2);
    if (fired.length === 0) return [];
    return [
      {
        subjectId: s.subjectId,
        triggers: fired,
        causes: discrepancyCauses(s.reader1, s.reader2),
        adjudicated: s.adjudicated,
        acceptedReader: s.acceptedReader,
      },
    ];
  });
  const d = discrepant.length;
  const causes: CauseCount[] = DISCREPANCY_CAUSES.map((cause) => ({
    cause,
    subjects: rate(discrepant.filter((s) => s.causes.some((c) => c.cause === cause)).length, d),
    main: rate(discrepant.filter((s) => s.causes[0]?.cause === cause).length, d),
  }));

  const adjudicated = subjects.filter((s) => s.adjudicated);
  const decided = adjudicated.filter((s) => s.acceptedReader !== null).length;
  const acceptedBy = (reader: 1 | 2) => adjudicated.filter((s) => s.acceptedReader === reader).length;

  const noLesions =
    n === 0
      ? 'No subject has two complete reads yet.'
      : 'No target lesion could be matched between the readers by its location code at a visit both read.';
  return {
    subjects: n,
    bestResponse,
    progression: progressionAgreement(subjects, input.progressionWindowDays),
    measurements: {
      sld: measurementAgreement(
        subjects.flatMap(sldPairs),
        n === 0
          ? 'No subject has two complete reads yet.'
          : 'No visit was read by both readers on the same scan with a sum of diameters from each.',
      ),
      lesions: measurementAgreement(subjects.flatMap(lesionPairs), noLesions),
    },
    adjudication: {
      needed: rate(d, n),
      adjudicated: rate(adjudicated.length, n),
      waiting: discrepant.filter((s) => !s.adjudicated).length,
    },
    acceptance: {
      reader1: rate(acceptedBy(1), decided),
      reader2: rate(acceptedBy(2), decided),
      undecided: adjudicated.length - decided,
    },
    discrepant,
    causes,
    unexplained: rate(discrepant.filter((s) => s.causes.length === 0).length, d),
  };
}
