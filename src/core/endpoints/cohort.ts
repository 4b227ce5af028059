/**
 * The cohort's efficacy endpoints from the engine's per-subject results
 * (../shared/contracts/endpoints.md, "endpoints output"): best response counts, ORR (ITT and per
 * protocol), DCR, Kaplan-Meier PFS and DOR, and one line per subject.
 *
 * Decisions the contract leaves to the code:
 * - The best response used is the engine's `bestOverallResponse`, which is already the confirmed one
 *   when the read's options require confirmation and the unconfirmed one otherwise.
 * - SD (iSD, NON_CR_NON_PD) only appears as a best response once an assessment met the protocol's
 *   minimum SD duration (the engine applies options.sdMinDays), so DCR counts it as it stands.
 * - Non-CR/non-PD (non-target disease only) counts towards disease control, as RECIST 1.1 section 4.4
 *   and the usual SAP treat it; it is not a response.
 * - Measurable disease at baseline: a baseline sum of target diameters exists (at least one target,
 *   every target measured at baseline).
 */
import type { ResponseCode, SubjectResult } from '../model';
import { kaplanMeier, type KmOptions, type KmResult, type KmRow } from './km';
import { responseRate, type ResponseRate } from './orr';

export const ITT_POPULATION = 'all subjects with a baseline read (ITT)';
export const PER_PROTOCOL_POPULATION = 'subjects with measurable disease at baseline (per protocol)';

const RESPONDERS: ReadonlySet<ResponseCode> = new Set(['CR', 'PR', 'iCR', 'iPR']);
const DISEASE_CONTROL: ReadonlySet<ResponseCode> = new Set([
  'CR',
  'PR',
  'SD',
  'NON_CR_NON_PD',
  'iCR',
  'iPR',
  'iSD',
]);

const COUNTED: Record<SubjectResult['criteria'], readonly ResponseCode[]> = {
  'RECIST1.1': ['CR', 'PR', 'SD', 'NON_CR_NON_PD', 'PD', 'NE'],
  iRECIST: ['iCR', 'iPR', 'iSD', 'NON_CR_NON_PD', 'iUPD', 'iCPD', 'NE'],
};

const CRITERIA_NAMES: Record<SubjectResult['criteria'], string> = {
  'RECIST1.1': 'RECIST 1.1',
  iRECIST: 'iRECIST',
};

export interface PerSubjectEndpoints {
  readonly subjectId: string;
  readonly bestResponse: ResponseCode;
  /** A response (CR/PR) confirmed by a later assessment; false for a non-responder. */
  readonly confirmed: boolean;
  readonly measurableAtBaseline: boolean;
  readonly pfsDays: number | null;
  readonly pfsEvent: boolean;
  /** Null for a subject without a response (DOR does not apply). */
  readonly dorDays: number | null;
  readonly dorEvent: boolean;
}

export interface CohortEndpoints {
  readonly subjects: number;
  readonly criteria: string;
  readonly bestResponse: Record<string, number>;
  readonly orr: ResponseRate;
  readonly orrPerProtocol: ResponseRate;
  readonly dcr: ResponseRate;
  readonly pfs: KmResult;
  readonly dor: KmResult;
  readonly perSubject: PerSubjectEndpoints[];
}

function perSubject(result: SubjectResult): PerSubjectEndpoints {
  return {
    subjectId: result.subjectId,
    bestResponse: result.bestOverallResponse,
    confirmed:
      RESPONDERS.has(result.bestOverallResponse) &&
      RESPONDERS.has(result.bestOverallResponseWithConfirmation),
    measurableAtBaseline: result.timepoints[0]?.sumMm != null,
    pfsDays: result.pfs.days,
    pfsEvent: result.pfs.event,
    dorDays: result.dor.days,
    dorEvent: result.dor.event,
  };
}

function kmRows(rows: readonly PerSubjectEndpoints[], endpoint: 'pfs' | 'dor'): KmRow[] {
  const out: KmRow[] = [];
  for (const row of rows) {
    const days = endpoint === 'pfs' ? row.pfsDays : row.dorDays;
    if (days !== null) {
      out.push({
        subject: row.subjectId,
        timeDays: days,
        event: endpoint === 'pfs' ? row.pfsEvent : row.dorEvent,
      });
    }
  }
  return out;
}

/**
 * Endpoints for one cohort. Every result must use the same criteria: a cohort mixing RECIST 1.1 and
 * iRECIST reads has no single best response table, so it is refused with the subjects named.
 */
export function cohortEndpoints(results: readonly SubjectResult[], options: KmOptions = {}): CohortEndpoints {
  const criteria = results[0]?.criteria ?? 'RECIST1.1';
  const other = results.filter((r) => r.criteria !== criteria);
  if (other.length > 0) {
    throw new RangeError(
      `The reads mix criteria: ${results[0]!.subjectId} is read with ${CRITERIA_NAMES[criteria]}, ` +
        `${other.map((r) => r.subjectId).join(', ')} with ${CRITERIA_NAMES[other[0]!.criteria]}`,
    );
  }
  const rows = results.map(perSubject);
  const bestResponse: Record<string, number> = Object.fromEntries(COUNTED[criteria].map((c) => [c, 0]));
  for (const row of rows) bestResponse[row.bestResponse] = (bestResponse[row.bestResponse] ?? 0) + 1;

  const count = (subset: readonly PerSubjectEndpoints[], codes: ReadonlySet<ResponseCode>) =>
    subset.filter((row) => codes.has(row.bestResponse)).length;
  const measurable = rows.filter((row) => row.measurableAtBaseline);

  return {
    subjects: rows.length,
    criteria: CRITERIA_NAMES[criteria],
    bestResponse,
    orr: responseRate(count(rows, RESPONDERS), rows.length, ITT_POPULATION),
    orrPerProtocol: responseRate(count(measurable, RESPONDERS), measurable.length, PER_PROTOCOL_POPULATION),
    dcr: responseRate(
      count(rows, DISEASE_CONTROL),
      rows.length,
      `${ITT_POPULATION}: CR + PR + SD (SD at least the minimum duration) + non-CR/non-PD`,
    ),
    pfs: kaplanMeier(kmRows(rows, 'pfs'), options),
    dor: kaplanMeier(kmRows(rows, 'dor'), options),
    perSubject: rows,
  };
}
