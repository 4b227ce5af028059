/**
 * Building blocks of a timepoint row shared by RECIST 1.1 and iRECIST: sums and percent changes, the
 * findings of the three categories, and the sentence that explains the overall response.
 */
import type { ResponseCode, TimepointResult } from '../model';
import { percentChange, toMm } from './arithmetic';
import { baselineExplanation, type SubjectContext } from './context';
import {
  newLesionFinding,
  nonTargetResponse,
  targetResponse,
  type Finding,
  type NadirRef,
  type NewLesionCode,
  type NonTargetCode,
  type TargetCode,
  type TargetHistory,
} from './findings';

type SumFields = Pick<
  TimepointResult,
  'sumMm' | 'baselineSumMm' | 'nadirMm' | 'pctFromBaseline' | 'pctFromNadir'
>;

/** `nadir`: the one the criteria compare with (iRECIST leaves some assessments out of it). */
export function sumFields(
  ctx: SubjectContext,
  k: number,
  nadir: NadirRef | null = k === 0 ? null : (ctx.nadirs[k] ?? null),
): SumFields {
  const reading = ctx.readings?.[k];
  const sum = reading?.complete ? reading.measuredSum : null;
  const base = ctx.baselineSum;
  return {
    sumMm: sum === null ? null : toMm(sum),
    baselineSumMm: base === null ? null : toMm(base),
    nadirMm: nadir === null ? null : toMm(nadir.sum),
    pctFromBaseline: k === 0 || sum === null || base === null ? null : percentChange(sum, base),
    pctFromNadir: sum === null || nadir === null ? null : percentChange(sum, nadir.sum),
  };
}

export function baselineRow(ctx: SubjectContext): TimepointResult {
  const tp = ctx.read.timepoints[0]!;
  return {
    id: tp.id,
    date: tp.date,
    ...sumFields(ctx, 0),
    target: 'NA',
    nonTarget: 'NA',
    newLesions: 'NO',
    overall: 'NA',
    explanation: baselineExplanation(ctx),
  };
}

export interface CategoryFindings {
  readonly target: Finding<TargetCode> | null;
  readonly nonTarget: Finding<NonTargetCode>;
  readonly newLesions: Finding<NewLesionCode>;
}

/** The three categories at follow-up `k` under RECIST 1.1 rules, targets compared with `nadir`. */
export function categoryFindings(
  ctx: SubjectContext,
  k: number,
  history: TargetHistory,
  nadir: NadirRef | null = ctx.nadirs[k] ?? null,
): CategoryFindings {
  const tp = ctx.read.timepoints[k]!;
  const reading = ctx.readings?.[k];
  const newLesions = ctx.newLesions[k]!;
  return {
    target: reading ? targetResponse(ctx.targets, reading, ctx.baselineSum, nadir, history) : null,
    nonTarget: nonTargetResponse(ctx.nonTargetIds, tp.nonTarget, history.afterCR),
    newLesions: newLesionFinding(newLesions.evaluated, newLesions.notEvaluated),
  };
}

/**
 * The reasons, decisive ones first: for a progression, the categories that progressed lead; otherwise
 * target, non-target, new lesions in that order.
 */
export function reasons(f: CategoryFindings, progression: boolean): string[] {
  const decisive: string[] = [];
  const others: string[] = [];
  if (f.target) (progression && f.target.code === 'PD' ? decisive : others).push(f.target.text);
  else if (f.nonTarget.code === 'NA') others.push('no target or non-target disease at baseline');
  if (f.nonTarget.text) (progression && f.nonTarget.code === 'PD' ? decisive : others).push(f.nonTarget.text);
  (progression && f.newLesions.code === 'YES' ? decisive : others).push(f.newLesions.text);
  for (const text of others) decisive.push(text);
  return decisive;
}

export function explanation(code: ResponseCode, parts: readonly string[]): string {
  return `${code}: ${parts.join('; ')}`;
}
