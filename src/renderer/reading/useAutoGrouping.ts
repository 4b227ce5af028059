import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';
import { proposeGrouping } from '../../core/reading/grouping';
import { proposeTrialGrouping } from '../../core/trial/trialGrouping';
import { useServices } from '../app/services';
import { applyGrouping, getGroupingState } from '../db/readSubjects';
import { readTables } from '../db/readSchema';
import { applyTrialGrouping, getTrialGroupingState } from '../db/readTrialStudies';
import { useReadingStore } from '../store/readingStore';
import { describeError, useReadingSession } from './useReadingSession';

/**
 * Newly imported studies join subjects (by Patient ID) and timepoints (by date) as soon as reading
 * opens; studies already placed are never moved, so a reader's fix survives later imports. In a trial,
 * they join the trial's subjects and the visits of its schedule instead, and what matches nothing waits
 * in the administrator's queue. Any signed-in account runs it, the administrator too (who imports the
 * trial's studies). Not put on the undo stack: undoing it would only be redone at once.
 */
export function useAutoGrouping(): void {
  const { db } = useServices();
  const session = useReadingSession();
  const studies = useLiveQuery(() => db.studies.toArray(), [db]);
  // The trial (null: none) and what grouping must not propose again, read together so they agree:
  // grouping waits until both are known, so a trial never gets subjects made from its studies.
  const grouping = useLiveQuery(async () => {
    const trial = (await readTables(db).trial.get('trial')) ?? null;
    return { trial, state: trial ? await getTrialGroupingState(db) : await getGroupingState(db) };
  }, [db]);
  const applying = useRef(false);

  useEffect(() => {
    if (!session || !studies || !grouping || applying.current) return;
    const { trial, state } = grouping;
    let run: Promise<unknown>;
    if (trial) {
      const proposal = proposeTrialGrouping(trial.protocol, studies, state);
      if (proposal.subjects.length === 0 && proposal.unmatched.length === 0) return;
      run = applyTrialGrouping(session, proposal);
    } else {
      const proposal = proposeGrouping(studies, state);
      if (proposal.length === 0) return;
      run = applyGrouping(session, proposal);
    }
    applying.current = true;
    run
      .catch((error: unknown) => useReadingStore.getState().report(describeError(error)))
      .finally(() => {
        applying.current = false;
      });
  }, [session, studies, grouping]);
}
