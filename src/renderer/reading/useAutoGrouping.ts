import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';
import { proposeGrouping } from '../../core/reading/grouping';
import { useServices } from '../app/services';
import { applyGrouping, getGroupingState } from '../db/readSubjects';
import { useReadingStore } from '../store/readingStore';
import { describeError, useReadingSession } from './useReadingSession';

/**
 * Newly imported studies join subjects (by Patient ID) and timepoints (by date) as soon as reading
 * opens; studies already placed are never moved, so a reader's fix survives later imports. Not put on
 * the undo stack: undoing it would only be redone at once.
 */
export function useAutoGrouping(): void {
  const { db } = useServices();
  const session = useReadingSession();
  const studies = useLiveQuery(() => db.studies.toArray(), [db]);
  const state = useLiveQuery(() => getGroupingState(db), [db]);
  const applying = useRef(false);

  useEffect(() => {
    if (!session || !studies || !state || applying.current) return;
    const proposal = proposeGrouping(studies, state);
    if (proposal.length === 0) return;
    applying.current = true;
    applyGrouping(session, proposal)
      .catch((error: unknown) => useReadingStore.getState().report(describeError(error)))
      .finally(() => {
        applying.current = false;
      });
  }, [session, studies, state]);
}
