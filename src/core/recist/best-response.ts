/**
 * Confirmation of responses and best overall response (RECIST 1.1 Table 3; iRECIST the same with
 * i-codes). Works on response kinds so both criteria share one implementation.
 */
import type { ResponseCode } from '../model';

/** A response stripped of its criterion: iCR -> CR, iUPD and iCPD -> PD. */
export type ResponseKind = 'CR' | 'PR' | 'SD' | 'NON_CR_NON_PD' | 'PD' | 'NE' | 'NA';

export function kindOf(code: ResponseCode): ResponseKind {
  switch (code) {
    case 'iCR':
      return 'CR';
    case 'iPR':
      return 'PR';
    case 'iSD':
      return 'SD';
    case 'iUPD':
    case 'iCPD':
      return 'PD';
    default:
      return code;
  }
}

export interface AssessmentPoint {
  readonly kind: ResponseKind;
  /** Day number of the assessment date. */
  readonly day: number;
  readonly date: string;
}

function isResponding(kind: ResponseKind, response: 'CR' | 'PR'): boolean {
  return kind === 'CR' || (response === 'PR' && kind === 'PR');
}

export interface ConfirmationRule {
  readonly confirmationMinDays: number;
}

/**
 * Whether the assessment at `j` confirms the response at `i` (both indexes into `points`, i < j).
 * Contract: a CR is confirmed by a later CR, a PR by a later CR or PR, at least `confirmationMinDays`
 * after the first, with no PD and no SD (nor non-CR/non-PD) between them and at most one NE between.
 * Decision: a CR followed by a PR confirms a PR (Table 3 note: the "CR" is then re-labelled PR; both
 * assessments met at least the PR criteria), with the response starting at the CR.
 */
export function confirms(
  points: readonly AssessmentPoint[],
  i: number,
  j: number,
  response: 'CR' | 'PR',
  rule: ConfirmationRule,
): boolean {
  const first = points[i];
  const second = points[j];
  if (!first || !second || j <= i) return false;
  if (!isResponding(first.kind, response) || !isResponding(second.kind, response)) return false;
  if (second.day - first.day < rule.confirmationMinDays) return false;
  let notEvaluable = 0;
  for (let k = i + 1; k < j; k++) {
    const between = points[k]!.kind;
    if (between === 'PD' || between === 'SD' || between === 'NON_CR_NON_PD') return false;
    if (between === 'NE' && ++notEvaluable > 1) return false;
  }
  return true;
}

/** Index of the earliest assessment whose response (`response`) is confirmed within `points`, or -1. */
export function firstConfirmed(
  points: readonly AssessmentPoint[],
  response: 'CR' | 'PR',
  rule: ConfirmationRule,
): number {
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      if (confirms(points, i, j, response, rule)) return i;
    }
  }
  return -1;
}

export interface BestResponseRules extends ConfirmationRule {
  readonly confirmationRequired: boolean;
  readonly sdMinDays: number;
  readonly enrollmentDay: number;
  /** Target disease at baseline: the stable category is SD (iSD); non-target only: NON_CR_NON_PD. */
  readonly hasTargets: boolean;
  readonly criteria: 'RECIST1.1' | 'iRECIST';
}

export interface BestResponseInput {
  /** Follow-up assessments that may count: before any (back-dated) progression and before new therapy. */
  readonly eligible: readonly AssessmentPoint[];
  /** Progression counts (RECIST 1.1 PD, iRECIST iCPD) within the window. */
  readonly progression: boolean;
  /** iRECIST: an unconfirmed progression (iUPD) within the window. */
  readonly unconfirmedProgression: boolean;
}

export interface BestResponse {
  readonly code: ResponseCode;
  /** First date CR/PR was met for a (confirmed, where required) responder, else null. */
  readonly responseStartDate: string | null;
}

function code(
  kind: 'CR' | 'PR' | 'SD' | 'NON_CR_NON_PD',
  criteria: BestResponseRules['criteria'],
): ResponseCode {
  if (criteria === 'RECIST1.1' || kind === 'NON_CR_NON_PD') return kind;
  return kind === 'CR' ? 'iCR' : kind === 'PR' ? 'iPR' : 'iSD';
}

/**
 * Best overall response. Order: confirmed CR, confirmed PR (without confirmation: any CR, any PR), then
 * SD (NON_CR_NON_PD) if a CR/PR/SD assessment was at least `sdMinDays` after enrolment, then PD
 * (iRECIST: iCPD, else iUPD), else NE. The response starts at the first of the earliest confirmed pair
 * (without confirmation: the first CR/PR).
 */
export function bestOverallResponse(
  input: BestResponseInput,
  rules: BestResponseRules,
  withConfirmation: boolean,
): BestResponse {
  const { eligible } = input;
  const criteria = rules.criteria;
  if (withConfirmation) {
    const cr = firstConfirmed(eligible, 'CR', rules);
    const pr = firstConfirmed(eligible, 'PR', rules);
    if (cr >= 0 || pr >= 0) {
      // A confirmed CR pair is also a confirmed PR pair, so `pr` is the earliest responding assessment.
      return { code: code(cr >= 0 ? 'CR' : 'PR', criteria), responseStartDate: eligible[pr]!.date };
    }
  } else {
    const firstResponse = eligible.findIndex((p) => p.kind === 'CR' || p.kind === 'PR');
    if (firstResponse >= 0) {
      const best = eligible.some((p) => p.kind === 'CR') ? 'CR' : 'PR';
      return { code: code(best, criteria), responseStartDate: eligible[firstResponse]!.date };
    }
  }
  const stable = eligible.some(
    (p) =>
      (p.kind === 'CR' || p.kind === 'PR' || p.kind === 'SD' || p.kind === 'NON_CR_NON_PD') &&
      p.day - rules.enrollmentDay >= rules.sdMinDays,
  );
  if (stable)
    return { code: code(rules.hasTargets ? 'SD' : 'NON_CR_NON_PD', criteria), responseStartDate: null };
  if (input.progression) return { code: criteria === 'iRECIST' ? 'iCPD' : 'PD', responseStartDate: null };
  if (input.unconfirmedProgression) return { code: 'iUPD', responseStartDate: null };
  return { code: 'NE', responseStartDate: null };
}
