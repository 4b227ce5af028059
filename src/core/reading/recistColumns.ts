/**
 * Which visits the RECIST table shows first. With many visits not all fit beside the row labels: the
 * ones a reader compares the current visit with come first (baseline, nadir, prior, and the current
 * one itself, in date order), the other visits after them, to scroll to.
 */
import type { TimepointResult } from '../model';

export type ColumnRole = 'baseline' | 'nadir' | 'prior' | 'current';

export interface RecistColumn {
  readonly timepointId: string;
  /** Empty for a visit that is shown only for completeness. */
  readonly roles: readonly ColumnRole[];
}

/**
 * `timepointIds` in date order (the first is the baseline); `currentId` the visit being read (the last
 * one when none is chosen); `rowOf` the engine's row of a visit, for the nadir the current visit is
 * compared with (the earliest earlier visit whose sum is that nadir).
 */
export function recistColumns(
  timepointIds: readonly string[],
  currentId: string | null,
  rowOf: (timepointId: string) => TimepointResult | undefined,
): RecistColumn[] {
  if (timepointIds.length === 0) return [];
  const found = currentId === null ? -1 : timepointIds.indexOf(currentId);
  const current = found >= 0 ? found : timepointIds.length - 1;
  const roles = timepointIds.map((): ColumnRole[] => []);
  roles[0]!.push('baseline');
  const nadirMm = rowOf(timepointIds[current]!)?.nadirMm ?? null;
  if (nadirMm !== null && current > 0) {
    const nadir = timepointIds.slice(0, current).findIndex((id) => rowOf(id)?.sumMm === nadirMm);
    if (nadir >= 0) roles[nadir]!.push('nadir');
  }
  if (current > 0) roles[current - 1]!.push('prior');
  roles[current]!.push('current');
  const columns = timepointIds.map((timepointId, i) => ({ timepointId, roles: roles[i]! }));
  return [...columns.filter((c) => c.roles.length > 0), ...columns.filter((c) => c.roles.length === 0)];
}
