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
 * Only an assessment >= confirmationMinDays after the iUPD may confirm it, except by another new lesion
 * (the FAQ's exception for an early scan prompted by symptoms that shows a new lesion; the read does
 * not record why a scan was done, so a new lesion alone is taken as enough).
 * The upper 8-week window of the guideline is a scheduling rule: a later assessment still confirms.
 *
 * Reset: an assessment that neither confirms nor still shows the progression gives iCR/iPR/iSD and
 * closes the episode; a later progression is a new iUPD. A non-target-driven iUPD stays open while the
 * non-targets are `present` (no change since the iUPD is still progression); new lesions still present
 * block the reset unless the targets shrank further since the iUPD (FAQ, scenario B vs F).
 * After a reset, known new lesions do not re-trigger by being present: only another new lesion or their
 * own sum meeting RECIST 1.1 PD (>= 20% and >= 5 mm over its nadir) does.
 * Once confirmed, every later assessment is iCPD: confirmed progression is final.
 */
import type { ResponseCode, TimepointResult } from '../model';
import { FIVE_MM, formatMm, formatSignedMm, meetsProgression, toMm, type Hundredths } from './arithmetic';
import { kindOf } from './best-response';
import type { SubjectContext } from './context';
import type { Finding, NewLesionCode, NonTargetCode, TargetCode, TargetReading } from './findings';
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

interface Episode {
  readonly index: number;
  readonly id: string;
  readonly day: number;
  readonly byTarget: boolean;
  readonly byNonTarget: boolean;
  readonly byNewLesion: boolean;
  /** The targets as measured at the iUPD (null without target disease). */
  readonly targets: TargetReading | null;
  readonly newLesionSum: Hundredths;
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

/** The response when nothing progresses. Known new lesions that persist are not "new" again, but a CR
 *  is impossible while they are there. */
function notProgressing(
  target: TargetCode | 'NA',
  nonTarget: NonTargetCode,
  newLesions: NewLesionCode,
  knownPersist: boolean,
): ResponseCode {
  let base = overallResponse(target, nonTarget, knownPersist ? 'NO' : newLesions);
  if (base === 'CR' && knownPersist) base = target === 'NA' ? 'NON_CR_NON_PD' : 'PR';
  return iCode(base);
}

interface Growth {
  readonly growth: Hundredths;
  readonly before: Hundredths;
  readonly now: Hundredths;
  /** Every target was evaluated at both assessments. */
  readonly complete: boolean;
}

/** Growth of the target sum since `before`, over the targets evaluated at both assessments: a target
 *  missing at either one cannot show growth, and must not count as if it had appeared. */
function growthSince(before: TargetReading, now: TargetReading): Growth {
  let sumBefore = 0;
  let sumNow = 0;
  for (let i = 0; i < before.values.length; i++) {
    const b = before.values[i];
    const n = now.values[i];
    if (b === null || b === undefined || n === null || n === undefined) continue;
    sumBefore += b;
    sumNow += n;
  }
  return {
    growth: sumNow - sumBefore,
    before: sumBefore,
    now: sumNow,
    complete: before.complete && now.complete,
  };
}

function growthText(g: Growth, iupdId: string): string {
  const what = g.complete ? 'target sum' : 'targets evaluated at both';
  return `${what} ${formatMm(g.now)} mm is ${formatSignedMm(g.growth)} over ${formatMm(g.before)} mm at the iUPD (${iupdId})`;
}

function ids(lesions: NewLesionState['firstUnequivocal']): string {
  return lesions.map((l) => l.id).join(', ');
}

/** The new-lesion sentence under iRECIST: which lesions are new now, which are known, and the sum. */
function newLesionFinding(
  state: NewLesionState,
  raw: Finding<NewLesionCode>,
  knownSince: ReadonlyMap<string, string>,
): Finding<NewLesionCode> {
  const parts: string[] = [];
  if (state.firstUnequivocal.length > 0) parts.push(raw.text);
  if (state.persisting.length > 0) {
    parts.push(
      state.persisting
        .map((l) => `new lesion ${l.id} still present (seen since ${knownSince.get(l.id)})`)
        .join(', '),
    );
  }
  if (state.targetIds.length > 0) {
    parts.push(`new-lesion target sum ${formatMm(state.sum)} mm (${state.targetIds.join(', ')})`);
  }
  return { code: raw.code, text: parts.length > 0 ? parts.join('; ') : raw.text };
}

export function irecistTimeline(ctx: SubjectContext): IrecistTimeline {
  const { read } = ctx;
  const { confirmationMinDays } = read.options;
  const rows: TimepointResult[] = [baselineRow(ctx)];
  const kept = new KeptResponse(read.options.confirmationRequired, confirmationMinDays);
  const previous = new PreviousAssessment();
  const newTargets = new NewLesionTargets();
  const knownSince = new Map<string, string>();
  let episode: Episode | null = null;
  let newLesionNadir: Hundredths | null = null;
  let confirmedAt = -1;
  let confirmedIupd = -1;

  for (let k = 1; k < read.timepoints.length; k++) {
    const tp = read.timepoints[k]!;
    const day = ctx.days[k]!;
    const raw = categoryFindings(ctx, k, { afterCR: previous.crAt, keptSince: kept.keptSince });
    const nl = newTargets.update(tp.newLesions, tp.sliceThicknessMm);
    for (const l of nl.firstUnequivocal) knownSince.set(l.id, tp.id);
    const findings: CategoryFindings = {
      ...raw,
      newLesions: newLesionFinding(nl, raw.newLesions, knownSince),
    };
    const t = raw.target?.code ?? 'NA';
    const nt = raw.nonTarget.code;
    const reading = ctx.readings?.[k];
    let targetCode: ResponseCode = iCode(t);
    let nonTargetCode: ResponseCode = iCode(nt);
    let overall: ResponseCode;
    let parts: string[];

    if (confirmedAt >= 0) {
      overall = 'iCPD';
      parts = [
        `progression confirmed at ${rows[confirmedAt]!.id} (dated ${rows[confirmedIupd]!.id})`,
        ...reasons(findings, true),
      ];
    } else if (episode === null) {
      const byNewLesion =
        nl.firstUnequivocal.length > 0 ||
        (newLesionNadir !== null && nl.persisting.length > 0 && meetsProgression(nl.sum, newLesionNadir));
      if (t === 'PD' || nt === 'PD' || byNewLesion) {
        overall = 'iUPD';
        episode = {
          index: k,
          id: tp.id,
          day,
          byTarget: t === 'PD',
          byNonTarget: nt === 'PD',
          byNewLesion,
          targets: reading ?? null,
          newLesionSum: nl.sum,
        };
        parts = [
          ...reasons(findings, true),
          ...(byNewLesion && nl.firstUnequivocal.length === 0
            ? [
                `new-lesion target sum ${formatMm(nl.sum)} mm meets PD over its nadir ${formatMm(newLesionNadir ?? 0)} mm`,
              ]
            : []),
          `RECIST 1.1 progression, unconfirmed: needs confirmation >= ${confirmationMinDays} days later`,
        ];
      } else {
        overall = notProgressing(t, nt, raw.newLesions.code, nl.persisting.length > 0);
        parts = reasons(findings, false);
      }
    } else {
      const since = day - episode.day;
      const early = since < confirmationMinDays;
      const confirmers: string[] = [];
      if (nl.firstUnequivocal.length > 0) confirmers.push(`another new lesion (${ids(nl.firstUnequivocal)})`);
      if (!early) {
        const sinceIupd = episode.targets && reading ? growthSince(episode.targets, reading) : null;
        if (episode.byTarget && sinceIupd !== null) {
          if (sinceIupd.growth >= FIVE_MM) {
            confirmers.push(`${growthText(sinceIupd, episode.id)}; increases since the iUPD add up`);
            targetCode = 'iCPD';
          }
        } else if (!episode.byTarget && t === 'PD') {
          confirmers.push(`targets now progress too: ${raw.target?.text ?? ''}`);
          targetCode = 'iCPD';
        }
        if (nt === 'PD') {
          confirmers.push(
            episode.byNonTarget
              ? `further increase of non-target disease (${raw.nonTarget.text})`
              : raw.nonTarget.text,
          );
          nonTargetCode = 'iCPD';
        }
        if (nl.sum - episode.newLesionSum >= FIVE_MM) {
          confirmers.push(
            `new-lesion target sum ${formatMm(nl.sum)} mm is ${formatSignedMm(nl.sum - episode.newLesionSum)} over ${formatMm(episode.newLesionSum)} mm at the iUPD (${episode.id})`,
          );
        }
      }

      if (confirmers.length > 0) {
        overall = 'iCPD';
        confirmedAt = k;
        confirmedIupd = episode.index;
        parts = [`${confirmers.join('; ')}: progression confirmed, dated to the iUPD at ${episode.id}`];
      } else {
        const targetOk = t === 'NA' || t === 'CR' || t === 'PR' || t === 'SD';
        const nonTargetOk = episode.byNonTarget ? nt === 'CR' : nt !== 'PD';
        const shrankSinceIupd =
          reading !== undefined &&
          reading.complete &&
          episode.targets !== null &&
          episode.targets.complete &&
          reading.measuredSum < episode.targets.measuredSum;
        const newLesionsOk = nl.persisting.length === 0 || shrankSinceIupd;
        const waitNote = early
          ? [
              `only ${since} days after the iUPD at ${episode.id}: too early to confirm it (>= ${confirmationMinDays} days) except by another new lesion`,
            ]
          : [];
        if (targetOk && nonTargetOk && newLesionsOk) {
          overall = notProgressing(t, nt, raw.newLesions.code, nl.persisting.length > 0);
          parts = [
            ...reasons(findings, false),
            `the iUPD at ${episode.id} is not confirmed and the bar is reset: a later progression is a new iUPD`,
          ];
          newLesionNadir = nl.complete && nl.targetIds.length > 0 ? nl.sum : null;
          episode = null;
        } else {
          const stillThere =
            t === 'PD' ||
            nt === 'PD' ||
            nl.persisting.length > 0 ||
            (episode.byNonTarget && nt === 'NON_CR_NON_PD');
          overall = stillThere || (t !== 'NE' && nt !== 'NE') ? 'iUPD' : 'NE';
          const sinceIupd =
            episode.byTarget && episode.targets && reading ? growthSince(episode.targets, reading) : null;
          const growth =
            sinceIupd !== null
              ? [
                  `target sum ${formatSignedMm(sinceIupd.growth)} since the iUPD (iCPD needs +5.0 mm in total)`,
                ]
              : [];
          parts = [
            ...reasons(findings, true),
            ...growth,
            ...waitNote,
            `the iUPD at ${episode.id} is not confirmed yet`,
          ];
        }
      }
    }

    if (episode === null && confirmedAt < 0 && nl.complete && nl.targetIds.length > 0) {
      newLesionNadir = newLesionNadir === null ? nl.sum : Math.min(newLesionNadir, nl.sum);
    }
    rows.push({
      id: tp.id,
      date: tp.date,
      ...sumFields(ctx, k),
      target: targetCode,
      nonTarget: nonTargetCode,
      newLesions: raw.newLesions.code,
      overall,
      explanation: explanation(overall, parts),
      newLesionTargetSumMm: nl.targetIds.length > 0 ? toMm(nl.sum) : null,
      newLesionTargetIds: [...nl.targetIds],
    });
    const kind = kindOf(overall);
    previous.add(tp.id, kind);
    kept.add(tp.id, kind, day, tp.date);
  }
  return { rows, confirmedAt, confirmedIupd };
}
