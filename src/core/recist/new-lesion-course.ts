/**
 * Each new lesion's course over the follow-ups, read with the contract's rules: a lesion seen earlier
 * and not listed at a timepoint is not evaluated there (never absent); "increased" is unequivocal growth
 * of a lesion seen earlier. Both criteria build on it: RECIST 1.1 carries a lesion not evaluated at the
 * status it last had, iRECIST lets it block a reset. New lesions listed at baseline are ignored (a
 * violation says so), as everywhere in the engine.
 */
import type { NewLesion, Timepoint } from '../model';

/** What a lesion was when it was last evaluated. */
export type LastStatus = 'equivocal' | 'unequivocal' | 'absent';

/** A lesion seen at an earlier timepoint and not evaluated at this one. */
export interface UnevaluatedLesion {
  readonly id: string;
  readonly last: LastStatus;
  /** The timepoint it was last evaluated at. */
  readonly lastEvaluatedAt: string;
  /** Unequivocal at some earlier timepoint. */
  readonly wasUnequivocal: boolean;
  /** The timepoint where it was first unequivocal (null if never). */
  readonly unequivocalSince: string | null;
}

export interface NewLesionsAt {
  /** The lesions evaluated here: every listed entry but "not-evaluated". */
  readonly evaluated: readonly NewLesion[];
  /** Unequivocal here for the first time ("unequivocal", or "increased" of one seen equivocal). */
  readonly firstUnequivocal: readonly NewLesion[];
  /** There here (equivocal, unequivocal or increased) and unequivocal at an earlier timepoint. */
  readonly persisting: readonly NewLesion[];
  readonly notEvaluated: readonly UnevaluatedLesion[];
  /** Lesion id -> the timepoint where it was first unequivocal, for every lesion unequivocal so far. */
  readonly unequivocalSince: ReadonlyMap<string, string>;
}

interface Known {
  last: LastStatus | null;
  lastEvaluatedAt: string;
  unequivocalSince: string | null;
}

const NOTHING: NewLesionsAt = {
  evaluated: [],
  firstUnequivocal: [],
  persisting: [],
  notEvaluated: [],
  unequivocalSince: new Map(),
};

export function isUnequivocal(l: NewLesion): boolean {
  return l.status === 'unequivocal' || l.status === 'increased';
}

export function isThere(l: NewLesion): boolean {
  return l.status === 'equivocal' || isUnequivocal(l);
}

/** The new lesions at each timepoint (index 0, the baseline, has none). */
export function newLesionCourse(timepoints: readonly Pick<Timepoint, 'id' | 'newLesions'>[]): NewLesionsAt[] {
  const known = new Map<string, Known>();
  const out: NewLesionsAt[] = [];
  timepoints.forEach((tp, k) => {
    if (k === 0) {
      out.push(NOTHING);
      return;
    }
    const evaluated: NewLesion[] = [];
    const firstUnequivocal: NewLesion[] = [];
    const persisting: NewLesion[] = [];
    const evaluatedIds = new Set<string>();
    for (const l of tp.newLesions) {
      const before = known.get(l.id);
      const entry: Known = before ?? { last: null, lastEvaluatedAt: tp.id, unequivocalSince: null };
      if (l.status === 'not-evaluated') {
        known.set(l.id, entry);
        continue;
      }
      evaluated.push(l);
      evaluatedIds.add(l.id);
      if (isThere(l) && entry.unequivocalSince !== null) persisting.push(l);
      else if (isUnequivocal(l)) {
        firstUnequivocal.push(l);
        entry.unequivocalSince = tp.id;
      }
      entry.last = l.status === 'absent' ? 'absent' : isUnequivocal(l) ? 'unequivocal' : 'equivocal';
      entry.lastEvaluatedAt = tp.id;
      known.set(l.id, entry);
    }
    const notEvaluated: UnevaluatedLesion[] = [];
    const unequivocalSince = new Map<string, string>();
    for (const [id, entry] of known) {
      if (entry.unequivocalSince !== null) unequivocalSince.set(id, entry.unequivocalSince);
      // A lesion only ever listed as "not-evaluated" (possible for one listed at baseline) has no
      // status to carry.
      if (evaluatedIds.has(id) || entry.last === null) continue;
      notEvaluated.push({
        id,
        last: entry.last,
        lastEvaluatedAt: entry.lastEvaluatedAt,
        wasUnequivocal: entry.unequivocalSince !== null,
        unequivocalSince: entry.unequivocalSince,
      });
    }
    out.push({ evaluated, firstUnequivocal, persisting, notEvaluated, unequivocalSince });
  });
  return out;
}
