/**
 * The per-lesion grid of the RECIST panel: each live lesion's status and RECIST size at each timepoint,
 * sized by the same rules as the export (size.ts), so the cells add up to the engine's sums.
 */
import { orderTimepoints } from './grouping';
import { locationCatalogue, type Location, type LocationCatalogue } from './locations';
import type { AssessmentStatus, Lesion } from './model';
import { assessmentSizeTenths, fromTenths } from './size';
import { liveLesions, type ReadSnapshot } from './subjectRead';

export interface LesionCell {
  readonly status: AssessmentStatus;
  /** The size this assessment counts (mm): fragments summed, too small = tooSmallMm, absent/merged 0. */
  readonly sizeMm: number | null;
  /** More than one: a split lesion. */
  readonly fragments: number;
  /** For a merged target: the label of the lesion it merged into. */
  readonly mergedInto: string | null;
}

export interface LesionRow {
  readonly lesion: Lesion;
  readonly location: Location;
  /** By stored timepoint id; a missing timepoint means not assessed there. */
  readonly cells: ReadonlyMap<string, LesionCell>;
}

export function lesionGrid(
  snapshot: ReadSnapshot,
  catalogue: LocationCatalogue = locationCatalogue,
): LesionRow[] {
  const lesions = liveLesions(snapshot.lesions.filter((l) => l.readId === snapshot.read.id));
  const labelOf = new Map(lesions.map((l) => [l.id, l.label]));
  const timepointIds = new Set(orderTimepoints(snapshot.timepoints).map((t) => t.id));
  return lesions.map((lesion) => {
    const location = catalogue.require(lesion.locationCode);
    const cells = new Map<string, LesionCell>();
    for (const a of snapshot.assessments) {
      if (a.lesionId !== lesion.id || !timepointIds.has(a.timepointId)) continue;
      const size = assessmentSizeTenths(a.value, location.nodal, snapshot.read.options.tooSmallMm);
      cells.set(a.timepointId, {
        status: a.value.status,
        sizeMm: size === null ? null : fromTenths(size),
        fragments: a.value.status === 'measured' ? a.value.fragments.length : 0,
        mergedInto: a.value.status === 'merged' ? (labelOf.get(a.value.intoLesionId) ?? null) : null,
      });
    }
    return { lesion, location, cells };
  });
}
