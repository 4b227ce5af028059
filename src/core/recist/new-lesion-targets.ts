/**
 * iRECIST new lesions: measured with RECIST 1.1 rules but kept apart from the baseline disease. Up to 5
 * measurable new lesions (2 per organ, all nodes one organ) become "new lesion targets" with their own
 * sum; the rest are new non-targets.
 */
import type { NewLesion } from '../model';
import { FIFTEEN_MM, TEN_MM, toHundredths, type Hundredths } from './arithmetic';
import { MAX_TARGETS, MAX_TARGETS_PER_ORGAN, organGroup } from './selection';

export interface NewLesionState {
  /** Unequivocal at this timepoint for the first time (never unequivocal before). */
  readonly firstUnequivocal: readonly NewLesion[];
  /** Unequivocal here and already unequivocal at an earlier timepoint. */
  readonly persisting: readonly NewLesion[];
  /** Sum of the new lesion targets listed here; one listed without a size counts 0 (a lower bound). */
  readonly sum: Hundredths;
  /** Every new lesion target listed here has a size (the sum is exact, not a lower bound). */
  readonly complete: boolean;
  /** The new lesion targets chosen so far, in order of choice. */
  readonly targetIds: readonly string[];
}

/**
 * Chooses new lesion targets as lesions first become unequivocal, largest first (ties by id), while the
 * limits allow; a choice is never undone. A new lesion not listed at a later timepoint is gone (0 mm).
 * Measurable: non-nodal >= 10 mm (>= 2 x slice thickness for thick slices), node >= 15 mm short axis.
 */
export class NewLesionTargets {
  private readonly known = new Set<string>();
  private readonly chosen: string[] = [];
  private readonly perOrgan = new Map<string, number>();

  update(newLesions: readonly NewLesion[], sliceThicknessMm: number | null): NewLesionState {
    const firstUnequivocal: NewLesion[] = [];
    const persisting: NewLesion[] = [];
    for (const l of newLesions) {
      if (l.status !== 'unequivocal') continue;
      (this.known.has(l.id) ? persisting : firstUnequivocal).push(l);
    }
    const minNonNodal = Math.max(TEN_MM, 2 * (sliceThicknessMm ? toHundredths(sliceThicknessMm) : 0));
    const candidates = firstUnequivocal
      .filter((l) => l.mm !== undefined && toHundredths(l.mm) >= (l.nodal ? FIFTEEN_MM : minNonNodal))
      .sort((a, b) => (b.mm ?? 0) - (a.mm ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const l of candidates) {
      const organ = organGroup(l.organ, l.nodal);
      const inOrgan = this.perOrgan.get(organ) ?? 0;
      if (this.chosen.length >= MAX_TARGETS || inOrgan >= MAX_TARGETS_PER_ORGAN) continue;
      this.chosen.push(l.id);
      this.perOrgan.set(organ, inOrgan + 1);
    }
    for (const l of firstUnequivocal) this.known.add(l.id);

    let sum = 0;
    let complete = true;
    for (const l of newLesions) {
      if (!this.chosen.includes(l.id)) continue;
      if (l.mm === undefined) complete = false;
      else sum += toHundredths(l.mm);
    }
    return { firstUnequivocal, persisting, sum, complete, targetIds: [...this.chosen] };
  }
}
