/**
 * An iRECIST "episode": from an iUPD until it is confirmed (iCPD) or the bar is reset. It remembers what
 * progressed and the sizes at the iUPD, which later assessments are compared with.
 */
import type { ResponseCode } from '../model';
import { FIVE_MM, formatMm, formatSignedMm, toHundredths, type Hundredths } from './arithmetic';
import type { CategoryFindings } from './rows';
import type { TargetReading } from './findings';
import type { NewLesionState } from './new-lesion-targets';

export interface Episode {
  readonly index: number;
  readonly id: string;
  readonly day: number;
  readonly byTarget: boolean;
  readonly byNonTarget: boolean;
  readonly byNewLesion: boolean;
  /** The targets as measured at the iUPD (null without target disease). */
  readonly targets: TargetReading | null;
  /** The new-lesion target sum at the iUPD; null when it was not exact there (no base to grow from). */
  readonly newLesionSum: Hundredths | null;
  /** The new lesions there at the iUPD, with their size (undefined: there, not measured). */
  readonly newLesionSizes: ReadonlyMap<string, number | undefined>;
}

export function openEpisode(
  index: number,
  id: string,
  day: number,
  progressed: { byTarget: boolean; byNonTarget: boolean; byNewLesion: boolean },
  targets: TargetReading | null,
  nl: NewLesionState,
): Episode {
  const sizes = new Map<string, number | undefined>();
  for (const l of [...nl.firstUnequivocal, ...nl.persisting]) sizes.set(l.id, l.mm);
  return {
    index,
    id,
    day,
    ...progressed,
    targets,
    newLesionSum: nl.evaluable && nl.complete ? nl.sum : null,
    newLesionSizes: sizes,
  };
}

export interface Growth {
  readonly growth: Hundredths;
  readonly before: Hundredths;
  readonly now: Hundredths;
  /** Every target was evaluated at both assessments. */
  readonly complete: boolean;
}

/** Growth of the target sum since `before`, over the targets evaluated at both assessments: a target
 *  missing at either one cannot show growth, and must not count as if it had appeared. */
export function growthSince(before: TargetReading, now: TargetReading): Growth {
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

/**
 * New non-target lesions that grew since the iUPD: recorded "increased", or larger than they measured
 * at the iUPD. Any increase counts (Seymour 2017: "any increase in new non-target lesions").
 */
export function newNonTargetGrowth(episode: Episode, nl: NewLesionState): string[] {
  const out: string[] = [];
  for (const l of nl.nonTargets) {
    if (l.status === 'increased') {
      out.push(`new non-target lesion ${l.id} increased since the iUPD at ${episode.id}`);
      continue;
    }
    const before = episode.newLesionSizes.get(l.id);
    if (l.mm !== undefined && before !== undefined && toHundredths(l.mm) > toHundredths(before))
      out.push(
        `new non-target lesion ${l.id} grew since the iUPD at ${episode.id} (${formatMm(toHundredths(before))} mm, now ${formatMm(toHundredths(l.mm))} mm)`,
      );
  }
  return out;
}

export interface Confirmation {
  readonly confirmers: readonly string[];
  readonly targetCode: ResponseCode | null;
  readonly nonTargetCode: ResponseCode | null;
}

/**
 * What confirms the iUPD at this assessment, compared with the iUPD. Only an assessment at least
 * confirmationMinDays after the iUPD (`early` false) may confirm by growth; another new lesion
 * confirms even early.
 */
export function confirmationOf(
  episode: Episode,
  findings: CategoryFindings,
  reading: TargetReading | undefined,
  nl: NewLesionState,
  early: boolean,
): Confirmation {
  const confirmers: string[] = [];
  let targetCode: ResponseCode | null = null;
  let nonTargetCode: ResponseCode | null = null;
  if (nl.firstUnequivocal.length > 0)
    confirmers.push(`another new lesion (${nl.firstUnequivocal.map((l) => l.id).join(', ')})`);
  if (early) return { confirmers, targetCode, nonTargetCode };

  const t = findings.target?.code ?? 'NA';
  const sinceIupd = episode.targets && reading ? growthSince(episode.targets, reading) : null;
  if (episode.byTarget && sinceIupd !== null) {
    if (sinceIupd.growth >= FIVE_MM) {
      confirmers.push(`${growthText(sinceIupd, episode.id)}; increases since the iUPD add up`);
      targetCode = 'iCPD';
    }
  } else if (!episode.byTarget && t === 'PD') {
    confirmers.push(`targets now progress too: ${findings.target?.text ?? ''}`);
    targetCode = 'iCPD';
  }
  if (findings.nonTarget.code === 'PD') {
    confirmers.push(
      episode.byNonTarget
        ? `further increase of non-target disease (${findings.nonTarget.text})`
        : findings.nonTarget.text,
    );
    nonTargetCode = 'iCPD';
  }
  if (nl.evaluable && episode.newLesionSum !== null && nl.sum - episode.newLesionSum >= FIVE_MM) {
    confirmers.push(
      `new-lesion target sum ${formatMm(nl.sum)} mm is ${formatSignedMm(nl.sum - episode.newLesionSum)} over ${formatMm(episode.newLesionSum)} mm at the iUPD (${episode.id})`,
    );
  }
  confirmers.push(...newNonTargetGrowth(episode, nl));
  return { confirmers, targetCode, nonTargetCode };
}

/** The sentence on target growth for an iUPD that stays open. */
export function openGrowthNote(episode: Episode, reading: TargetReading | undefined): string[] {
  if (!episode.byTarget || !episode.targets || !reading) return [];
  const g = growthSince(episode.targets, reading);
  return [`target sum ${formatSignedMm(g.growth)} since the iUPD (iCPD needs +5.0 mm in total)`];
}
