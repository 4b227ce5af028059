/**
 * iRECIST new lesions: measured with RECIST 1.1 rules but kept apart from the baseline disease. Up to 5
 * measurable new lesions (2 per organ, all nodes one organ) become "new lesion targets" with their own
 * sum; the rest are new non-targets.
 */
import type { NewLesion } from '../model';
import { FIFTEEN_MM, TEN_MM, toHundredths, type Hundredths } from './arithmetic';
import type { NewLesionsAt } from './new-lesion-course';
import { MAX_TARGETS, MAX_TARGETS_PER_ORGAN, organGroup } from './selection';

export interface NewLesionState {
  /** Unequivocal at this timepoint for the first time (never unequivocal before). */
  readonly firstUnequivocal: readonly NewLesion[];
  /** There at this timepoint and already unequivocal at an earlier one. */
  readonly persisting: readonly NewLesion[];
  /** Unequivocal at an earlier timepoint and not evaluated here. */
  readonly notEvaluated: readonly string[];
  /** Sum of the new lesion targets evaluated here; one there without a size counts 0 (a lower bound). */
  readonly sum: Hundredths;
  /** Every new lesion target there has a size (the sum is exact, not a lower bound). */
  readonly complete: boolean;
  /** Every new lesion target was evaluated here: without that there is no sum to compare. */
  readonly evaluable: boolean;
  /** The new lesion targets chosen so far, in order of choice. */
  readonly targetIds: readonly string[];
  /** The persisting lesions that are new non-targets (not chosen as targets). */
  readonly nonTargets: readonly NewLesion[];
}

/**
 * Chooses new lesion targets as lesions first become unequivocal, largest first (ties by id), while the
 * limits allow; a choice is never undone. A chosen lesion recorded absent counts 0 mm; one not evaluated
 * (not listed, or "not-evaluated") leaves the sum not evaluable.
 * Measurable: non-nodal >= 10 mm (>= 2 x the slice thickness of its series, else of the timepoint, for
 * thick slices), node >= 15 mm short axis.
 */
export class NewLesionTargets {
  private readonly chosen: string[] = [];
  private readonly perOrgan = new Map<string, number>();

  update(at: NewLesionsAt, sliceThicknessMm: number | null): NewLesionState {
    const { firstUnequivocal, persisting } = at;
    const measurable = (l: NewLesion) => {
      if (l.mm === undefined) return false;
      const slice = l.sliceThicknessMm ?? sliceThicknessMm;
      const minNonNodal = Math.max(TEN_MM, 2 * (slice ? toHundredths(slice) : 0));
      return toHundredths(l.mm) >= (l.nodal ? FIFTEEN_MM : minNonNodal);
    };
    const candidates = firstUnequivocal
      .filter(measurable)
      .sort((a, b) => (b.mm ?? 0) - (a.mm ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const l of candidates) {
      const organ = organGroup(l.organ, l.nodal);
      const inOrgan = this.perOrgan.get(organ) ?? 0;
      if (this.chosen.length >= MAX_TARGETS || inOrgan >= MAX_TARGETS_PER_ORGAN) continue;
      this.chosen.push(l.id);
      this.perOrgan.set(organ, inOrgan + 1);
    }

    let sum = 0;
    let complete = true;
    for (const l of at.evaluated) {
      if (!this.chosen.includes(l.id) || l.status === 'absent') continue;
      if (l.mm === undefined) complete = false;
      else sum += toHundredths(l.mm);
    }
    const notEvaluated = at.notEvaluated.filter((l) => l.wasUnequivocal).map((l) => l.id);
    return {
      firstUnequivocal,
      persisting,
      notEvaluated,
      sum,
      complete,
      evaluable: !notEvaluated.some((id) => this.chosen.includes(id)),
      targetIds: [...this.chosen],
      nonTargets: persisting.filter((l) => !this.chosen.includes(l.id)),
    };
  }
}
