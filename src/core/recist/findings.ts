/**
 * Per-timepoint findings of each disease category (target, non-target, new lesions) with the reason in
 * words. Criterion-neutral: RECIST 1.1 and iRECIST both build on them.
 */
import type { Measurement, NewLesion, NonTargetStatus } from '../model';
import {
  formatMm,
  formatPercentChange,
  formatSignedMm,
  meetsPartialResponse,
  meetsProgression,
  TEN_MM,
  toHundredths,
  type Hundredths,
} from './arithmetic';
import { isUnequivocal, type UnevaluatedLesion } from './new-lesion-course';

export interface TargetLesion {
  readonly id: string;
  readonly nodal: boolean;
}

export interface TargetReading {
  /** Per target, in declaration order; null when not evaluated. */
  readonly values: readonly (Hundredths | null)[];
  /** Sum over the evaluated targets (the full sum when `complete`). */
  readonly measuredSum: Hundredths;
  readonly notEvaluated: readonly string[];
  readonly complete: boolean;
}

/** too-small counts `tooSmall`; absent and merged count 0 (a merged lesion's size is on the lesion it
 *  merged into); not-evaluated or no entry leaves the target unknown. */
export function measurementValue(m: Measurement | undefined, tooSmall: Hundredths): Hundredths | null {
  if (m === undefined) return null;
  if ('mm' in m && m.mm !== undefined) return toHundredths(m.mm);
  switch (m.status) {
    case 'too-small':
      return tooSmall;
    case 'absent':
    case 'merged':
      return 0;
    default:
      return null;
  }
}

export function readTargets(
  targets: readonly TargetLesion[],
  measurements: Readonly<Record<string, Measurement>>,
  tooSmall: Hundredths,
): TargetReading {
  const values: (Hundredths | null)[] = [];
  const notEvaluated: string[] = [];
  let measuredSum = 0;
  for (const t of targets) {
    const v = measurementValue(measurements[t.id], tooSmall);
    values.push(v);
    if (v === null) notEvaluated.push(t.id);
    else measuredSum += v;
  }
  return { values, measuredSum, notEvaluated, complete: notEvaluated.length === 0 };
}

export interface NadirRef {
  readonly sum: Hundredths;
  readonly timepointId: string;
}

export type TargetCode = 'CR' | 'PR' | 'SD' | 'PD' | 'NE';

export interface TargetHistory {
  /** The previous assessment's overall response was CR (this timepoint id): any reappearing lesion is PD. */
  readonly afterCR: string | null;
  /** A confirmed (or, without confirmation, any) response since this timepoint id keeps PR. */
  readonly keptSince: string | null;
}

export interface Finding<C extends string> {
  readonly code: C;
  readonly text: string;
}

/** A target meets complete response: non-nodal gone, node below 10 mm short axis. */
function targetInCR(t: TargetLesion, value: Hundredths): boolean {
  return t.nodal ? value < TEN_MM : value === 0;
}

function notEvaluatedText(ids: readonly string[]): string {
  return `${ids.join(', ')} not evaluated`;
}

function nadirText(nadir: NadirRef): string {
  return `the nadir ${formatMm(nadir.sum)} mm (${nadir.timepointId})`;
}

function growthText(sum: Hundredths, nadir: NadirRef): string {
  const met = meetsProgression(sum, nadir.sum);
  return `${formatPercentChange(sum, nadir.sum, 200, met)} and ${formatSignedMm(sum - nadir.sum)} over ${nadirText(nadir)}`;
}

function fromBaselineText(sum: Hundredths, baselineSum: Hundredths): string {
  const met = meetsPartialResponse(sum, baselineSum);
  return `${formatPercentChange(sum, baselineSum, -300, met)} from baseline ${formatMm(baselineSum)} mm`;
}

/**
 * Target response at one follow-up. Order of the rules, and why:
 * 1. After an overall CR at the previous assessment, any reappearing target (non-nodal > 0 mm, node back
 *    to >= 10 mm) is PD (RECIST committee FAQ "Does a new lesion always result in PD?").
 * 2. PD from the measured targets, even when another target is not evaluated: the missing sizes can
 *    only add to the sum, so growth already >= 20% and >= 5 mm over the nadir stands. Except when every
 *    measured target meets CR (nodes below 10 mm are normal): normal-sized nodes fluctuating is not
 *    progression, so CR takes precedence over the sum.
 * 3. A target not evaluated (and no PD): NE.
 * 4. CR, then PR (>= 30% below baseline), then PR kept after a confirmed response, else SD.
 */
export function targetResponse(
  targets: readonly TargetLesion[],
  reading: TargetReading,
  baselineSum: Hundredths | null,
  nadir: NadirRef | null,
  history: TargetHistory,
): Finding<TargetCode> {
  const { values, measuredSum, complete } = reading;

  if (history.afterCR !== null) {
    const back: string[] = [];
    targets.forEach((t, i) => {
      const v = values[i];
      if (v !== null && v !== undefined && !targetInCR(t, v)) {
        back.push(`${t.id} ${formatMm(v)} mm${t.nodal ? ' short axis' : ''}`);
      }
    });
    if (back.length > 0) {
      return {
        code: 'PD',
        text: `reappeared after the CR at ${history.afterCR}: ${back.join(', ')} (if ${history.afterCR} was not a true CR, re-read it)`,
      };
    }
  }

  const allMeasuredInCR = targets.every((t, i) => {
    const v = values[i];
    return v === null || v === undefined || targetInCR(t, v);
  });

  if (nadir !== null && meetsProgression(measuredSum, nadir.sum) && !allMeasuredInCR) {
    return {
      code: 'PD',
      text: complete
        ? `sum ${formatMm(measuredSum)} mm is ${growthText(measuredSum, nadir)}`
        : `the measured targets alone sum ${formatMm(measuredSum)} mm (${notEvaluatedText(reading.notEvaluated)}): ${growthText(measuredSum, nadir)}`,
    };
  }

  if (!complete) {
    return {
      code: 'NE',
      text: `${notEvaluatedText(reading.notEvaluated)}${nadir !== null && values.some((v) => v !== null && v !== undefined) ? ` (the measured ${formatMm(measuredSum)} mm do not reach PD)` : ''}`,
    };
  }

  if (allMeasuredInCR) {
    const nodes = targets.some((t) => t.nodal);
    const grew = nadir !== null && meetsProgression(measuredSum, nadir.sum);
    return {
      code: 'CR',
      text: nodes
        ? `every non-nodal target gone and every nodal target < 10 mm short axis (sum ${formatMm(measuredSum)} mm${grew ? '; nodes of normal size: their growth is not PD' : ''})`
        : 'every target gone',
    };
  }

  if (baselineSum === null) {
    return {
      code: 'NE',
      text: `sum ${formatMm(measuredSum)} mm but no complete baseline sum to compare with`,
    };
  }

  const sumText = `sum ${formatMm(measuredSum)} mm is ${fromBaselineText(measuredSum, baselineSum)}`;
  if (meetsPartialResponse(measuredSum, baselineSum)) return { code: 'PR', text: sumText };

  // Growth over the nadir matters only when there is growth; below the nadir it is a new nadir.
  const nadirPart = nadir !== null && measuredSum > nadir.sum ? `, ${growthText(measuredSum, nadir)}` : '';
  if (history.keptSince !== null) {
    return {
      code: 'PR',
      text: `${sumText}${nadirPart}: no PD, so the response confirmed at ${history.keptSince} stays PR`,
    };
  }
  return { code: 'SD', text: `${sumText}${nadirPart}` };
}

export type NonTargetCode = 'CR' | 'NON_CR_NON_PD' | 'PD' | 'NE' | 'NA';

/**
 * Non-target response. Unequivocal progression of any: PD. After an overall CR at the previous assessment,
 * a non-target seen again is PD (the same FAQ as for targets). Not all assessed: NE. All gone: CR.
 */
export function nonTargetResponse(
  nonTargetIds: readonly string[],
  statuses: Readonly<Record<string, NonTargetStatus>>,
  afterCR: string | null,
): Finding<NonTargetCode> {
  if (nonTargetIds.length === 0) return { code: 'NA', text: '' };
  const progressing: string[] = [];
  const present: string[] = [];
  const missing: string[] = [];
  for (const id of nonTargetIds) {
    const status = statuses[id];
    if (status === 'unequivocal-progression') progressing.push(id);
    else if (status === 'present') present.push(id);
    else if (status === undefined || status === 'not-evaluated') missing.push(id);
  }
  if (progressing.length > 0) {
    return { code: 'PD', text: `unequivocal progression of non-target ${progressing.join(', ')}` };
  }
  if (afterCR !== null && present.length > 0) {
    return {
      code: 'PD',
      text: `non-target ${present.join(', ')} seen again after the CR at ${afterCR} (if ${afterCR} was not a true CR, re-read it)`,
    };
  }
  if (missing.length > 0) return { code: 'NE', text: `non-target ${notEvaluatedText(missing)}` };
  if (present.length === 0) return { code: 'CR', text: 'every non-target gone' };
  return { code: 'NON_CR_NON_PD', text: `non-target ${present.join(', ')} present` };
}

export type NewLesionCode = 'NO' | 'EQUIVOCAL' | 'YES';

function lesionList(lesions: readonly NewLesion[]): string {
  return lesions
    .map((l) => {
      const details = [
        l.organ,
        ...(l.mm !== undefined ? [`${formatMm(toHundredths(l.mm))} mm`] : []),
        ...(l.status === 'increased' ? ['increased'] : []),
      ];
      return `${l.id} (${details.join(', ')})`;
    })
    .join(', ');
}

function carriedText(lesions: readonly UnevaluatedLesion[], what: string): string {
  return lesions
    .map((l) => `${what} ${l.id} not evaluated here (${l.last} at ${l.lastEvaluatedAt})`)
    .join(', ');
}

/**
 * Unequivocal new lesion ("increased" included): YES (PD). Equivocal only: EQUIVOCAL (carry on; PD only
 * once confirmed). A lesion seen earlier and not evaluated here counts as it was when last evaluated:
 * an unequivocal one stays unequivocal, an equivocal one stays equivocal, one last seen absent is gone.
 */
export function newLesionFinding(
  listed: readonly NewLesion[],
  notEvaluated: readonly UnevaluatedLesion[] = [],
): Finding<NewLesionCode> {
  const unequivocal = listed.filter(isUnequivocal);
  const equivocal = listed.filter((l) => l.status === 'equivocal');
  const absent = listed.filter((l) => l.status === 'absent').map((l) => l.id);
  const carriedUnequivocal = notEvaluated.filter((l) => l.last === 'unequivocal');
  const carriedEquivocal = notEvaluated.filter((l) => l.last === 'equivocal');
  const parts: string[] = [];
  if (unequivocal.length > 0)
    parts.push(`new lesion${unequivocal.length > 1 ? 's' : ''} ${lesionList(unequivocal)}`);
  if (carriedUnequivocal.length > 0) parts.push(carriedText(carriedUnequivocal, 'new lesion'));
  if (equivocal.length > 0)
    parts.push(
      `equivocal new lesion${equivocal.length > 1 ? 's' : ''} ${lesionList(equivocal)}: not PD unless a later scan confirms ${equivocal.length > 1 ? 'them' : 'it'}`,
    );
  if (carriedEquivocal.length > 0) parts.push(carriedText(carriedEquivocal, 'equivocal new lesion'));
  const code: NewLesionCode =
    unequivocal.length + carriedUnequivocal.length > 0
      ? 'YES'
      : equivocal.length + carriedEquivocal.length > 0
        ? 'EQUIVOCAL'
        : 'NO';
  if (code === 'NO')
    parts.push(absent.length > 0 ? `no new lesion (${absent.join(', ')} absent)` : 'no new lesion');
  return { code, text: parts.join('; ') };
}
