import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { evaluateRead, type ReadEvaluation } from '../../core/reading/evaluation';
import type { Read } from '../../core/reading/model';
import { useServices } from '../app/services';
import type { SeriesRecord } from '../db/database';
import { loadReaderView, type ReadView } from '../db/readQueries';

export interface LiveRead {
  /** undefined while loading, null when this reader has no read of the subject. */
  readonly read: Read | null | undefined;
  readonly view: ReadView | null | undefined;
  readonly evaluation: ReadEvaluation | null;
  readonly sliceThicknessMm: (seriesInstanceUid: string) => number | null;
  /** The frame of reference a stored annotation's world points are in: that of its series. */
  readonly frameOfReferenceOf: (seriesInstanceUid: string) => string | null;
  /** The indexed series by Series Instance UID; undefined while loading. */
  readonly seriesIndex: ReadonlyMap<string, SeriesRecord> | undefined;
}

/**
 * User Timing measures of every re-run of the read's live query and of its evaluation, for profiles
 * and the panel bench (a PerformanceObserver sees them): where the time between a stored change and
 * the panel goes. Cleared from the timeline at once, so a long session does not accumulate them.
 */
export const READ_VIEW_QUERY = 'recist:read-view query';
export const READ_VIEW_EVALUATE = 'recist:read-view evaluate';

async function measuredAsync<T>(name: string, body: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await body();
  performance.measure(name, { start });
  performance.clearMeasures(name);
  return result;
}

function measured<T>(name: string, body: () => T): T {
  const start = performance.now();
  const result = body();
  performance.measure(name, { start });
  performance.clearMeasures(name);
  return result;
}

/**
 * The reader's read of a subject, live from the database, and the engine's evaluation of it: every
 * stored change (a measurement, a status, an undo) re-queries the read and re-evaluates it, so the
 * panels never hold a copy of their own.
 */
export function useReadView(
  subjectId: string | null,
  readerId: string | null,
  onEvaluationError: (message: string) => void,
): LiveRead {
  const { db } = useServices();
  // The read and its records in one query: asking for the read first and then for the rest would
  // cost a render and a second transaction before anything shows.
  const view = useLiveQuery(async () => {
    if (!subjectId || !readerId) return null;
    return measuredAsync(READ_VIEW_QUERY, () => loadReaderView(db, subjectId, readerId));
  }, [db, subjectId, readerId]);
  const read = view === undefined ? undefined : (view?.read ?? null);
  // One pass over the series index for what the read needs of it (not a query per fact), and what the
  // viewer shows of each visit.
  const seriesFacts = useLiveQuery(
    async () => new Map((await db.series.toArray()).map((s) => [s.seriesInstanceUid, s] as const)),
    [db],
  );
  const sliceThicknessMm = useMemo(
    () => (seriesUid: string) => seriesFacts?.get(seriesUid)?.sliceThicknessMm ?? null,
    [seriesFacts],
  );
  const frameOfReferenceOf = useMemo(
    () => (seriesUid: string) => seriesFacts?.get(seriesUid)?.frameOfReferenceUid ?? null,
    [seriesFacts],
  );
  const evaluation = useMemo(() => {
    if (!view) return null;
    try {
      return measured(READ_VIEW_EVALUATE, () => evaluateRead(view, { sliceThicknessMm }));
    } catch (error) {
      onEvaluationError(
        `The read cannot be evaluated: ${error instanceof Error ? error.message : String(error)}`,
      );
      return null;
    }
  }, [view, sliceThicknessMm, onEvaluationError]);
  return { read, view, evaluation, sliceThicknessMm, frameOfReferenceOf, seriesIndex: seriesFacts };
}
