/**
 * iRECIST (Seymour et al. 2017 and the RECIST committee's iRECIST FAQ) on top of the RECIST 1.1 findings.
 *
 * A RECIST 1.1 progression becomes iUPD and opens an "episode" that remembers what progressed and the
 * sizes at that iUPD. A later assessment confirms it (iCPD) when, compared with the iUPD:
 * - the target sum grew by >= 5 mm more (target-driven iUPD; growth adds up across assessments), or the
 *   targets now meet PD when they were not progressing at the iUPD;
 * - non-target disease progresses further, or for the first time. Under iRECIST the reader records
 *   `unequivocal-progression` after an iUPD for any further increase since the iUPD (the committee's
 *   FAQ: it need not be unequivocal again), and `present` for no further change;
 * - the new-lesion target sum grew by >= 5 mm, or another new lesion appears.
 * - a new non-target lesion (too small, or beyond the limits, to be a new target) grows in any way since
 *   the iUPD: "increased", or a larger size.
 * Only an assessment >= confirmationMinDays after the iUPD may confirm it, except by another new lesion
 * (the FAQ's exception for an early scan prompted by symptoms that shows a new lesion; the read does
 * not record why a scan was done, so a new lesion alone is taken as enough). An earlier assessment that
 * does not confirm is disregarded: it does not reset the bar and its sums never become a nadir (the FAQ:
 * "should be disregarded and repeated 4-8 weeks after the initial iUPD").
 * The upper 8-week window of the guideline is a scheduling rule: a later assessment still confirms.
 *
 * Reset: an assessment that neither confirms nor still shows the progression gives iCR/iPR/iSD and
 * closes the episode; a later progression is a new iUPD. A non-target-driven iUPD stays open while the
 * non-targets are `present` (no change since the iUPD is still progression); new lesions still present
 * block the reset unless the targets shrank further since the iUPD (FAQ, scenario B vs F); a new lesion
 * not evaluated blocks it whatever the targets do (it may have grown).
 * After a reset, known new lesions do not re-trigger by being present: only another new lesion, their
 * own sum meeting RECIST 1.1 PD (>= 20% and >= 5 mm over its nadir), or a new non-target recorded
 * "increased" (unequivocal progression, as for baseline non-targets) does.
 * Once confirmed, every later assessment is iCPD: confirmed progression is final.
 */
import type { ResponseCode, TimepointResult } from '../model';
import { formatMm, meetsProgression, toMm, type Hundredths } from './arithmetic';
import { kindOf } from './best-response';
import type { SubjectContext } from './context';
import type { Finding, NadirRef, NewLesionCode, NonTargetCode, TargetCode } from './findings';
import { confirmationOf, openEpisode, openGrowthNote, type Episode } from './irecist-episode';
import { NewLesionTargets, type NewLesionState } from './new-lesion-targets';
import { KeptResponse, PreviousAssessment } from './recist11';
import {
  baselineRow,
  categoryFindings,
  explanation,
  reasons,
  sumFields,
  type CategoryFindings,
} from './rows';
import { overallResponse, type OverallCode } from './tables';

export interface IrecistTimeline {
  readonly rows: TimepointResult[];
  /** Index of the first iCPD, or -1. */
  readonly confirmedAt: number;
  /** Index of the iUPD that the first iCPD confirms, or -1. */
  readonly confirmedIupd: number;
}

function iCode(code: OverallCode | 'NA'): ResponseCode {
  switch (code) {
    case 'CR':
      return 'iCR';
    case 'PR':
      return 'iPR';
    case 'SD':
      return 'iSD';
    case 'PD':
      return 'iUPD';
    default:
      return code;
  }
}

/** The response when nothing progresses. Known new lesions that persist (or were not evaluated) are
 *  not "new" again, but a CR is impossible while they may be there. */
function notProgressing(
  target: TargetCode | 'NA',
  nonTarget: NonTargetCode,
  newLesions: NewLesionCode,
  knownMayPersist: boolean,
): ResponseCode {
  let base = overallResponse(target, nonTarget, knownMayPersist ? 'NO' : newLesions);
  if (base === 'CR' && knownMayPersist) base = target === 'NA' ? 'NON_CR_NON_PD' : 'PR';
  return iCode(base);
}

/** The new-lesion sentence under iRECIST: which lesions are new now, which are known, and the sum. */
function newLesionFinding(
  state: NewLesionState,
  raw: Finding<NewLesionCode>,
  since: ReadonlyMap<string, string>,
) {
  const parts: string[] = [];
  if (state.firstUnequivocal.length > 0) parts.push(raw.text);
  if (state.persisting.length > 0) {
    parts.push(
      state.persisting
        .map(
          (l) =>
            `new lesion ${l.id}${l.status === 'increased' ? ' increased' : ' still present'} (seen since ${since.get(l.id)})`,
        )
        .join(', '),
    );
  }
  if (state.notEvaluated.length > 0) {
    parts.push(
      state.notEvaluated
        .map((id) => `new lesion ${id} (seen since ${since.get(id)}) not evaluated`)
        .join(', '),
    );
  }
  if (state.targetIds.length > 0) {
    parts.push(
      state.evaluable
        ? `new-lesion target sum ${formatMm(state.sum)} mm (${state.targetIds.join(', ')})`
        : `new-lesion target sum not evaluable (${state.targetIds.join(', ')})`,
    );
  }
  return { code: raw.code, text: parts.length > 0 ? parts.join('; ') : raw.text };
}

/** Whether known new lesions start a new iUPD after a reset, and why. */
function newLesionProgression(nl: NewLesionState, nadir: Hundredths | null): string | null {
  if (nl.firstUnequivocal.length > 0) return '';
  if (nadir !== null && nl.persisting.length > 0 && nl.evaluable && meetsProgression(nl.sum, nadir))
    return `new-lesion target sum ${formatMm(nl.sum)} mm meets PD over its nadir ${formatMm(nadir)} mm`;
  const increased = nl.nonTargets.filter((l) => l.status === 'increased').map((l) => l.id);
  if (increased.length > 0)
    return `unequivocal progression of new non-target lesion${increased.length > 1 ? 's' : ''} ${increased.join(', ')}`;
  return null;
}

export function irecistTimeline(ctx: SubjectContext): IrecistTimeline {
  const { read } = ctx;
  const { confirmationMinDays } = read.options;
  const rows: TimepointResult[] = [baselineRow(ctx)];
  const kept = new KeptResponse(read.options.confirmationRequired, confirmationMinDays);
  const previous = new PreviousAssessment();
  const newTargets = new NewLesionTargets();
  const baselineReading = ctx.readings?.[0];
  // The nadir is kept here, not taken from ctx: assessments disregarded after an iUPD never count.
  let nadir: NadirRef | null = baselineReading?.complete
    ? { sum: baselineReading.measuredSum, timepointId: read.timepoints[0]!.id }
    : null;
  let episode: Episode | null = null;
  let newLesionNadir: Hundredths | null = null;
  let confirmedAt = -1;
  let confirmedIupd = -1;

  for (let k = 1; k < read.timepoints.length; k++) {
    const tp = read.timepoints[k]!;
    const day = ctx.days[k]!;
    const at = ctx.newLesions[k]!;
    const raw = categoryFindings(ctx, k, { afterCR: previous.crAt, keptSince: kept.keptSince }, nadir);
    const nl = newTargets.update(at, tp.sliceThicknessMm);
    const findings: CategoryFindings = {
      ...raw,
      newLesions: newLesionFinding(nl, raw.newLesions, at.unequivocalSince),
    };
    const t = raw.target?.code ?? 'NA';
    const nt = raw.nonTarget.code;
    const reading = ctx.readings?.[k];
    const knownMayPersist = nl.persisting.length > 0 || nl.notEvaluated.length > 0;
    let targetCode: ResponseCode = iCode(t);
    let nonTargetCode: ResponseCode = iCode(nt);
    let overall: ResponseCode;
    let parts: string[];
    let disregarded = false;

    if (confirmedAt >= 0) {
      overall = 'iCPD';
      parts = [
        `progression confirmed at ${rows[confirmedAt]!.id} (dated ${rows[confirmedIupd]!.id})`,
        ...reasons(findings, true),
      ];
    } else if (episode === null) {
      const byNewLesion = newLesionProgression(nl, newLesionNadir);
      if (t === 'PD' || nt === 'PD' || byNewLesion !== null) {
        overall = 'iUPD';
        episode = openEpisode(
          k,
          tp.id,
          day,
          { byTarget: t === 'PD', byNonTarget: nt === 'PD', byNewLesion: byNewLesion !== null },
          reading ?? null,
          nl,
        );
        parts = [
          ...reasons(findings, true),
          ...(byNewLesion ? [byNewLesion] : []),
          `RECIST 1.1 progression, unconfirmed: needs confirmation >= ${confirmationMinDays} days later`,
        ];
      } else {
        overall = notProgressing(t, nt, raw.newLesions.code, knownMayPersist);
        parts = reasons(findings, false);
      }
    } else {
      const since = day - episode.day;
      const early = since < confirmationMinDays;
      const confirmation = confirmationOf(episode, raw, reading, nl, early);

      if (confirmation.confirmers.length > 0) {
        overall = 'iCPD';
        targetCode = confirmation.targetCode ?? targetCode;
        nonTargetCode = confirmation.nonTargetCode ?? nonTargetCode;
        confirmedAt = k;
        confirmedIupd = episode.index;
        parts = [
          `${confirmation.confirmers.join('; ')}: progression confirmed, dated to the iUPD at ${episode.id}`,
        ];
      } else {
        const targetOk = t === 'NA' || t === 'CR' || t === 'PR' || t === 'SD';
        const nonTargetOk = episode.byNonTarget ? nt === 'CR' : nt !== 'PD';
        const shrankSinceIupd =
          reading !== undefined &&
          reading.complete &&
          episode.targets !== null &&
          episode.targets.complete &&
          reading.measuredSum < episode.targets.measuredSum;
        const newLesionsOk = nl.notEvaluated.length === 0 && (nl.persisting.length === 0 || shrankSinceIupd);
        if (!early && targetOk && nonTargetOk && newLesionsOk) {
          overall = notProgressing(t, nt, raw.newLesions.code, knownMayPersist);
          parts = [
            ...reasons(findings, false),
            `the iUPD at ${episode.id} is not confirmed and the bar is reset: a later progression is a new iUPD`,
          ];
          newLesionNadir = nl.complete && nl.evaluable && nl.targetIds.length > 0 ? nl.sum : null;
          episode = null;
        } else {
          disregarded = early;
          const stillThere =
            t === 'PD' ||
            nt === 'PD' ||
            nl.persisting.length > 0 ||
            (episode.byNonTarget && nt === 'NON_CR_NON_PD');
          overall = stillThere || (t !== 'NE' && nt !== 'NE') ? 'iUPD' : 'NE';
          parts = [
            ...reasons(findings, true),
            ...openGrowthNote(episode, reading),
            ...(early
              ? [
                  `only ${since} days after the iUPD at ${episode.id}: too early to confirm it (>= ${confirmationMinDays} days) except by another new lesion; disregarded for the reset and the nadir`,
                ]
              : []),
            `the iUPD at ${episode.id} is not confirmed yet`,
          ];
        }
      }
    }

    if (episode === null && confirmedAt < 0 && nl.complete && nl.evaluable && nl.targetIds.length > 0) {
      newLesionNadir = newLesionNadir === null ? nl.sum : Math.min(newLesionNadir, nl.sum);
    }
    rows.push({
      id: tp.id,
      date: tp.date,
      ...sumFields(ctx, k, nadir),
      target: targetCode,
      nonTarget: nonTargetCode,
      newLesions: raw.newLesions.code,
      overall,
      explanation: explanation(overall, parts),
      newLesionTargetSumMm: nl.targetIds.length > 0 && nl.evaluable ? toMm(nl.sum) : null,
      newLesionTargetIds: [...nl.targetIds],
    });
    if (!disregarded && reading?.complete && (nadir === null || reading.measuredSum < nadir.sum)) {
      nadir = { sum: reading.measuredSum, timepointId: tp.id };
    }
    const kind = kindOf(overall);
    previous.add(tp.id, kind);
    kept.add(tp.id, kind, day, tp.date);
  }
  return { rows, confirmedAt, confirmedIupd };
}
