/**
 * A response met but not yet confirmed: what a reader needs to know while the read goes on ("PR,
 * awaiting confirmation (needs a scan on or after 2000-03-25)"), from the same rule the engine
 * confirms with (best-response.ts `confirms`): a later CR (for a PR: CR or PR) at least
 * `confirmationMinDays` after the first, with no PD, SD or non-CR/non-PD between and at most one NE.
 */
import { addDays, dayNumber, type ResponseCode, type SubjectRead, type SubjectResult } from '../model';
import { kindOf, type ResponseKind } from './best-response';

export interface PendingConfirmation {
  /** The response awaiting confirmation, in the read's criteria (PR, iPR, CR, iCR). */
  readonly response: ResponseCode;
  /** The assessment where it was first met (the response would start there). */
  readonly firstMetOn: string;
  /** The earliest date of a scan that can confirm it. */
  readonly needsScanOnOrAfter: string;
}

const RANK: Partial<Record<ResponseKind, number>> = { PR: 1, CR: 2 };

/**
 * The best response a later scan could still confirm, above the confirmed best response; null when
 * confirmation is not required, or no later scan could confirm anything better (progression, death,
 * new anticancer therapy, too much SD/NE in between).
 */
export function pendingConfirmation(read: SubjectRead, result: SubjectResult): PendingConfirmation | null {
  const { options, subject } = read;
  if (!options.confirmationRequired) return null;
  // After progression or death no later assessment counts towards the best response.
  if (result.progressionDate !== null || subject.deathDate !== null) return null;
  const confirmedRank = RANK[kindOf(result.bestOverallResponseWithConfirmation)] ?? 0;
  const therapyDay =
    subject.newAnticancerTherapyDate === null ? Infinity : dayNumber(subject.newAnticancerTherapyDate);
  const points = result.timepoints
    .slice(1)
    .filter((row) => dayNumber(row.date) < therapyDay)
    .map((row) => ({ kind: kindOf(row.overall), date: row.date }));
  if (points.length === 0) return null;
  const lastDay = Math.max(...result.timepoints.map((row) => dayNumber(row.date)));

  for (const response of ['CR', 'PR'] as const) {
    if (RANK[response]! <= confirmedRank) continue;
    for (let i = 0; i < points.length; i++) {
      const first = points[i]!;
      if (!(first.kind === 'CR' || (response === 'PR' && first.kind === 'PR'))) continue;
      // A scan after the last one confirms only if nothing from `first` on breaks the pair.
      let notEvaluable = 0;
      let broken = false;
      for (const between of points.slice(i + 1)) {
        if (between.kind === 'PD' || between.kind === 'SD' || between.kind === 'NON_CR_NON_PD') broken = true;
        if (between.kind === 'NE') notEvaluable += 1;
      }
      if (broken || notEvaluable > 1) continue;
      const earliestDay = Math.max(dayNumber(first.date) + options.confirmationMinDays, lastDay + 1);
      if (earliestDay >= therapyDay) continue;
      const code = read.criteria === 'iRECIST' ? (response === 'CR' ? 'iCR' : 'iPR') : response;
      return {
        response: code,
        firstMetOn: first.date,
        needsScanOnOrAfter: addDays(first.date, earliestDay - dayNumber(first.date)),
      };
    }
  }
  return null;
}
