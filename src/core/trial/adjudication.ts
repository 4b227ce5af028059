/**
 * Blinded independent central review: when do two reads of one subject need an adjudicator, and why do
 * they disagree? Both questions are answered from what the engine sees: each reader's subject read (the
 * contract input, ../shared/contracts/recist-case.md) and its result (`evaluateSubject`).
 *
 * Reader 1 is always the first argument, reader 2 the second. Every text a person sees names visits by
 * study day and week from enrolment ("Day 57 (W8)"), never by calendar date: the adjudicator is blinded
 * to real dates (issue 11, "Blinding"). The dates themselves are returned in separate fields, for the
 * app to match and sort by.
 */
import { AdjudicationTriggersSchema, type AdjudicationTriggers } from './protocol';
import { daysBetween } from '../model/dates';
import type { NewLesionStatus, NonTargetStatus } from '../model/subject-read';
import type { ResponseCode, SubjectResult } from '../model/subject-result';
import { blindedVisitLabel } from './schedule';
import { meetsPartialResponse, meetsProgression, toHundredths } from '../recist/arithmetic';
import { organGroup } from '../recist/selection';

// ---------------------------------------------------------------------------------------------------
// Inputs

/**
 * The fields of a subject read that the comparison uses. Both the validated `SubjectRead`
 * (src/core/model) and the app's `SubjectReadJson` (src/core/reading/subjectRead.ts) have this shape.
 */
export interface ComparedRead {
  readonly subject: { readonly enrollmentDate: string };
  readonly lesions: readonly {
    readonly kind: 'target' | 'non-target';
    readonly organ: string;
    readonly nodal: boolean;
  }[];
  readonly timepoints: readonly {
    readonly date: string;
    readonly nonTarget: Readonly<Record<string, NonTargetStatus>>;
    readonly newLesions: readonly { readonly status: NewLesionStatus }[];
  }[];
}

/** One reader's read of a subject as the engine sees it: what was recorded and what it gives. */
export interface ReaderRead {
  readonly read: ComparedRead;
  readonly result: SubjectResult;
}

// The triggers are part of the trial's protocol: one schema, in protocol.ts.
export { AdjudicationTriggersSchema, type AdjudicationTriggers };

/** Issue 11's defaults: best overall response differs, date of progression differs. */
export const DEFAULT_TRIGGERS: AdjudicationTriggers = AdjudicationTriggersSchema.parse({});

// ---------------------------------------------------------------------------------------------------
// Words

/** A visit as blinded screens name it: "Day 57 (W8)" (one formula for every blinded screen). */
export const visitLabel = blindedVisitLabel;

const RESPONSE_WORDS: Record<ResponseCode, string> = {
  CR: 'CR',
  PR: 'PR',
  SD: 'SD',
  PD: 'PD',
  NE: 'NE (not evaluable)',
  NON_CR_NON_PD: 'non-CR/non-PD',
  NA: 'not applicable',
  iCR: 'iCR',
  iPR: 'iPR',
  iSD: 'iSD',
  iUPD: 'iUPD',
  iCPD: 'iCPD',
};

function progressionWords(read: ReaderRead): string {
  const date = read.result.progressionDate;
  return date === null ? 'no progression' : visitLabel(read.read.subject.enrollmentDate, date);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

// ---------------------------------------------------------------------------------------------------
// Triggers

export type TriggerKind = 'bestResponse' | 'progressionDate' | 'visitResponse' | 'progressionDaysApart';

export interface FiredTrigger {
  readonly trigger: TriggerKind;
  /** Why it fired, in words the adjudicator reads (study days, never dates). */
  readonly reason: string;
}

/** Follow-up visits of both reads on the same scan date, in date order. Baseline rows are left out:
 *  their response is always "not applicable", and a baseline taken on different scans is a cause
 *  (`baseline-scan`), not a visit response. */
function matchedFollowUps(read1: ReaderRead, read2: ReaderRead) {
  const second = new Map(read2.result.timepoints.slice(1).map((t) => [t.date, t]));
  const pairs = [];
  for (const first of read1.result.timepoints.slice(1)) {
    const other = second.get(first.date);
    if (other !== undefined) pairs.push({ date: first.date, first, second: other });
  }
  return pairs.sort((a, b) => daysBetween(b.date, a.date));
}

/**
 * The triggers that fire for this pair of reads, in the order of `AdjudicationTriggers`' fields; an
 * empty list means no adjudication (the charter's rule picks the accepted read).
 * - `visitResponse` compares only visits both readers read (same scan date).
 * - `progressionDaysApart` needs both reads to have progressed: one progression against none is the
 *   `progressionDate` trigger's case. Exactly N days apart does not fire ("more than N days").
 */
export function adjudicationTriggers(
  triggers: AdjudicationTriggers,
  read1: ReaderRead,
  read2: ReaderRead,
): FiredTrigger[] {
  const fired: FiredTrigger[] = [];
  const r1 = read1.result;
  const r2 = read2.result;
  if (triggers.bestResponse && r1.bestOverallResponse !== r2.bestOverallResponse) {
    fired.push({
      trigger: 'bestResponse',
      reason: `The best overall responses differ: reader 1 ${RESPONSE_WORDS[r1.bestOverallResponse]}, reader 2 ${RESPONSE_WORDS[r2.bestOverallResponse]}.`,
    });
  }
  if (triggers.progressionDate && r1.progressionDate !== r2.progressionDate) {
    fired.push({
      trigger: 'progressionDate',
      reason: `The dates of progression differ: reader 1 ${progressionWords(read1)}, reader 2 ${progressionWords(read2)}.`,
    });
  }
  if (triggers.visitResponse) {
    const enrollment = read1.read.subject.enrollmentDate;
    const differing = matchedFollowUps(read1, read2)
      .filter((p) => p.first.overall !== p.second.overall)
      .map(
        (p) =>
          `${visitLabel(enrollment, p.date)}: reader 1 ${RESPONSE_WORDS[p.first.overall]}, reader 2 ${RESPONSE_WORDS[p.second.overall]}`,
      );
    if (differing.length > 0) {
      fired.push({
        trigger: 'visitResponse',
        reason: `The response differs at ${plural(differing.length, 'visit')}: ${differing.join('; ')}.`,
      });
    }
  }
  const limit = triggers.progressionDaysApart;
  if (limit !== null && r1.progressionDate !== null && r2.progressionDate !== null) {
    const apart = Math.abs(daysBetween(r1.progressionDate, r2.progressionDate));
    if (apart > limit) {
      fired.push({
        trigger: 'progressionDaysApart',
        reason: `The progression dates are ${plural(apart, 'day')} apart (more than the ${plural(limit, 'day')} allowed): reader 1 ${progressionWords(read1)}, reader 2 ${progressionWords(read2)}.`,
      });
    }
  }
  return fired;
}

// ---------------------------------------------------------------------------------------------------
// Causes

/**
 * Causes of disagreement, after Beaumont et al., "Discrepancies of assessments in a RECIST 1.1 phase II
 * clinical trial", Cancer Imaging 2019 (Table 1's risk factors), and in its order: a different baseline
 * scan, different target lesions, a new lesion, a measurement difference, a non-target progression.
 * That order is also the order of the reading: what comes first in the read shapes everything after it
 * (other targets make other sums), so the first cause found is reported as the main one.
 */
export const DISCREPANCY_CAUSES = [
  'baseline-scan',
  'target-selection',
  'new-lesion',
  'measurement-threshold',
  'non-target-progression',
] as const;
export type DiscrepancyCauseKind = (typeof DISCREPANCY_CAUSES)[number];

export interface DiscrepancyCause {
  readonly cause: DiscrepancyCauseKind;
  /** The scan date of the visit the cause shows at (for matching and sorting; never shown blinded). */
  readonly visitDate: string;
  /** That visit as blinded screens name it: "Day 57 (W8)". */
  readonly visit: string;
  /** What differs, in plain words (study days, never dates). */
  readonly detail: string;
}

const SEEN_NEW_LESION: readonly NewLesionStatus[] = ['equivocal', 'unequivocal', 'increased'];

/** Target lesions per organ (organs grouped as the per-organ rule groups them), sorted by organ. Lesion
 *  ids are each reader's own, so the selections are compared by where the targets are and how many. */
function targetsByOrgan(read: ComparedRead): Map<string, number> {
  const counts = new Map<string, number>();
  for (const l of read.lesions) {
    if (l.kind !== 'target') continue;
    const organ = organGroup(l.organ, l.nodal);
    counts.set(organ, (counts.get(organ) ?? 0) + 1);
  }
  return new Map([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function selectionWords(counts: Map<string, number>): string {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return 'no target lesions';
  return `${plural(total, 'target')} (${[...counts].map(([organ, n]) => `${organ} ${n}`).join(', ')})`;
}

function sameSelection(a: Map<string, number>, b: Map<string, number>): boolean {
  return a.size === b.size && [...a].every(([organ, n]) => b.get(organ) === n);
}

/** The first follow-up (scan date) at which `seen` holds for a timepoint of this read, or null. */
function firstFollowUp(read: ComparedRead, seen: (tp: ComparedRead['timepoints'][number]) => boolean) {
  return read.timepoints.slice(1).find(seen)?.date ?? null;
}

/**
 * A finding one reader made first: found at a follow-up the other reader also read, where the other
 * had not (yet) made it. Returns the reader (1 or 2) and the date, or null when both made it at the
 * same visit, neither made it, or the other reader has no read of that visit (nothing to compare).
 */
function firstByOneReader(
  read1: ComparedRead,
  read2: ComparedRead,
  seen: (tp: ComparedRead['timepoints'][number]) => boolean,
): { readonly reader: 1 | 2; readonly date: string } | null {
  const d1 = firstFollowUp(read1, seen);
  const d2 = firstFollowUp(read2, seen);
  if (d1 === d2) return null;
  const reader: 1 | 2 = d2 === null || (d1 !== null && daysBetween(d1, d2) > 0) ? 1 : 2;
  const date = (reader === 1 ? d1 : d2)!;
  const other = reader === 1 ? read2 : read1;
  return other.timepoints.slice(1).some((t) => t.date === date) ? { reader, date } : null;
}

/** Where the sums stand against the response thresholds: PR (-30% from baseline) and PD (+20% and
 *  +5 mm over the nadir); null when the visit has no sum (a target not evaluated). */
function thresholdSide(t: SubjectResult['timepoints'][number]) {
  if (t.sumMm === null || t.baselineSumMm === null) return null;
  const sum = toHundredths(t.sumMm);
  return {
    pr: meetsPartialResponse(sum, toHundredths(t.baselineSumMm)),
    pd: t.nadirMm !== null && meetsProgression(sum, toHundredths(t.nadirMm)),
  };
}

function thresholdWords(t: SubjectResult['timepoints'][number], side: { pr: boolean; pd: boolean }) {
  const change = (pct: number | null) => (pct === null ? 'n/a' : `${pct > 0 ? '+' : ''}${pct}%`);
  const where = side.pd
    ? 'progression by size'
    : side.pr
      ? 'a partial response by size'
      : 'neither response nor progression by size';
  return `sum ${t.sumMm} mm (${change(t.pctFromBaseline)} from baseline, ${change(t.pctFromNadir)} from nadir): ${where}`;
}

/**
 * Why two reads of one subject disagree: every cause that applies, in Beaumont's order
 * (`DISCREPANCY_CAUSES`); the first is the main cause. Each cause is reported once, at the first visit
 * it shows at. An empty list: nothing in these five classes differs.
 * - `baseline-scan`: the baselines are different scans (different dates).
 * - `target-selection`: the targets differ in organ or number.
 * - `new-lesion`: one reader saw a new lesion (equivocal included) at a visit where the other saw none
 *   (and had seen none before).
 * - `measurement-threshold`: same targets (organ and number) on the same baseline scan, but at a visit
 *   the sums put one read past the PR or the PD threshold and the other not. With other targets or
 *   another baseline the sums are not comparable: the selection or the scan is the cause.
 * - `non-target-progression`: one reader called unequivocal non-target progression at a visit where
 *   the other had not.
 */
export function discrepancyCauses(read1: ReaderRead, read2: ReaderRead): DiscrepancyCause[] {
  const enrollment = read1.read.subject.enrollmentDate;
  const at = (cause: DiscrepancyCauseKind, date: string, detail: string): DiscrepancyCause => ({
    cause,
    visitDate: date,
    visit: visitLabel(enrollment, date),
    detail,
  });
  const causes: DiscrepancyCause[] = [];

  const baseline1 = read1.read.timepoints[0]?.date;
  const baseline2 = read2.read.timepoints[0]?.date;
  if (baseline1 !== undefined && baseline2 !== undefined && baseline1 !== baseline2) {
    const earlier = daysBetween(baseline1, baseline2) >= 0 ? baseline1 : baseline2;
    causes.push(
      at(
        'baseline-scan',
        earlier,
        `The readers used different baseline scans: reader 1 ${visitLabel(enrollment, baseline1)}, reader 2 ${visitLabel(enrollment, baseline2)}.`,
      ),
    );
  }

  const targets1 = targetsByOrgan(read1.read);
  const targets2 = targetsByOrgan(read2.read);
  const sameTargets = sameSelection(targets1, targets2);
  if (!sameTargets && baseline1 !== undefined) {
    causes.push(
      at(
        'target-selection',
        baseline1,
        `The readers selected different target lesions: reader 1 ${selectionWords(targets1)}, reader 2 ${selectionWords(targets2)}.`,
      ),
    );
  }

  const newLesion = firstByOneReader(read1.read, read2.read, (t) =>
    t.newLesions.some((l) => SEEN_NEW_LESION.includes(l.status)),
  );
  if (newLesion !== null) {
    const other = newLesion.reader === 1 ? 2 : 1;
    causes.push(
      at(
        'new-lesion',
        newLesion.date,
        `Reader ${newLesion.reader} saw a new lesion at ${visitLabel(enrollment, newLesion.date)}; reader ${other} saw none there.`,
      ),
    );
  }

  // Sums compare only when both readers measured the same things from the same scan.
  if (sameTargets && baseline1 === baseline2) {
    for (const pair of matchedFollowUps(read1, read2)) {
      const side1 = thresholdSide(pair.first);
      const side2 = thresholdSide(pair.second);
      if (side1 === null || side2 === null) continue;
      if (side1.pr === side2.pr && side1.pd === side2.pd) continue;
      const crossed =
        side1.pd !== side2.pd
          ? 'the progression threshold (+20% and +5 mm from the nadir)'
          : 'the partial response threshold (-30% from baseline)';
      causes.push(
        at(
          'measurement-threshold',
          pair.date,
          `Same targets, but the measurements fall on different sides of ${crossed} at ${visitLabel(enrollment, pair.date)}: reader 1 ${thresholdWords(pair.first, side1)}; reader 2 ${thresholdWords(pair.second, side2)}.`,
        ),
      );
      break;
    }
  }

  const nonTarget = firstByOneReader(read1.read, read2.read, (t) =>
    Object.values(t.nonTarget).includes('unequivocal-progression'),
  );
  if (nonTarget !== null) {
    const other = nonTarget.reader === 1 ? 2 : 1;
    causes.push(
      at(
        'non-target-progression',
        nonTarget.date,
        `Reader ${nonTarget.reader} called unequivocal progression of non-target disease at ${visitLabel(enrollment, nonTarget.date)}; reader ${other} did not.`,
      ),
    );
  }
  return causes;
}
