import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { evaluateRead, type ReadEvaluation } from '../../core/reading/evaluation';
import type { Read } from '../../core/reading/model';
import { useServices } from '../app/services';
import { findRead, loadReadView, type ReadView } from '../db/readQueries';

export interface LiveRead {
  /** undefined while loading, null when this reader has no read of the subject. */
  readonly read: Read | null | undefined;
  readonly view: ReadView | null | undefined;
  readonly evaluation: ReadEvaluation | null;
  readonly sliceThicknessMm: (seriesInstanceUid: string) => number | null;
  /** The frame of reference a stored annotation's world points are in: that of its series. */
  readonly frameOfReferenceOf: (seriesInstanceUid: string) => string | null;
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
  const read = useLiveQuery(
    async () => (subjectId && readerId ? ((await findRead(db, subjectId, readerId)) ?? null) : null),
    [db, subjectId, readerId],
  );
  const view = useLiveQuery(async () => (read ? loadReadView(db, read.id) : null), [db, read?.id, read]);
  // One pass over the series index for what the read needs of it (not a query per fact).
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
      return evaluateRead(view, { sliceThicknessMm });
    } catch (error) {
      onEvaluationError(
        `The read cannot be evaluated: ${error instanceof Error ? error.message : String(error)}`,
      );
      return null;
    }
  }, [view, sliceThicknessMm, onEvaluationError]);
  return { read, view, evaluation, sliceThicknessMm, frameOfReferenceOf };
}
