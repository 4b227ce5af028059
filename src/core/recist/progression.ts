/**
 * The date of progression, back-dated for equivocal new lesions (RECIST 1.1: "if repeat scans confirm
 * there is definitely a new lesion, then progression should be declared using the date of the initial
 * scan").
 */
import type { SubjectRead } from '../model';
import { isUnequivocal } from './new-lesion-course';

export interface BackDating {
  /** Index of the timepoint progression is dated to. */
  readonly index: number;
  /** The new lesion that moved the date, or null. */
  readonly lesionId: string | null;
}

/**
 * Moves a progression dated at `dated` back to the first sighting of a new lesion that was equivocal
 * when first seen, before `dated`, and unequivocal at some timepoint from `dated` on (the progression's
 * own assessments or later ones: a lesion confirmed afterwards was still there when first seen).
 * "increased" proves it as "unequivocal" does.
 */
export function backDateProgression(read: SubjectRead, dated: number): BackDating {
  const firstSeen = new Map<string, { index: number; equivocal: boolean }>();
  const provenFromDated = new Set<string>();
  read.timepoints.forEach((tp, k) => {
    if (k === 0) return;
    for (const l of tp.newLesions) {
      if (!firstSeen.has(l.id)) firstSeen.set(l.id, { index: k, equivocal: l.status === 'equivocal' });
      if (k >= dated && isUnequivocal(l)) provenFromDated.add(l.id);
    }
  });
  let best: BackDating = { index: dated, lesionId: null };
  for (const [id, seen] of firstSeen) {
    if (seen.equivocal && seen.index < best.index && provenFromDated.has(id))
      best = { index: seen.index, lesionId: id };
  }
  return best;
}
