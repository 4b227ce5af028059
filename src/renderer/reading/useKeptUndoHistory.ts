import { useEffect } from 'react';
import { useServices } from '../app/services';
import { UndoHistoryStore, windowSession } from '../db/undoHistoryStore';
import { useReadingStore } from '../store/readingStore';

/**
 * Keeps the undo history through a reload of the window: given back when the same reader reopens the
 * same subject in this session, saved after every change to it. A step whose stored change landed just
 * before a reload but whose history save did not is simply not offered; undoing an older step over it
 * is then refused as a conflict (readUndo.ts checks every record), never applied over newer data.
 */
export function useKeptUndoHistory(): void {
  const { db } = useServices();
  const readerId = useReadingStore((s) => s.readerId);
  const subjectId = useReadingStore((s) => s.subjectId);
  useEffect(() => {
    const session = windowSession();
    if (!session || !readerId || !subjectId) return;
    const kept = new UndoHistoryStore(db.name, session);
    const scope = { readerId, subjectId };
    const inScope = (s: { readerId: string | null; subjectId: string | null }) =>
      s.readerId === readerId && s.subjectId === subjectId;
    let active = true;
    let unsubscribe = () => undefined as void;
    const saveFailed = (error: unknown) =>
      useReadingStore
        .getState()
        .report(
          `Undo will not survive a reload of this window: ${error instanceof Error ? error.message : String(error)}`,
        );
    kept
      .load(scope)
      .then((history) => {
        if (!active) return;
        const state = useReadingStore.getState();
        const untouched = state.history.undo.length === 0 && state.history.redo.length === 0;
        if (history && untouched && inScope(state)) useReadingStore.setState({ history });
        // Edits made while the kept history was loading win over it.
        else if (!untouched && inScope(state)) kept.save(scope, state.history).catch(saveFailed);
        unsubscribe = useReadingStore.subscribe((next, previous) => {
          if (next.history !== previous.history && inScope(next))
            kept.save(scope, next.history).catch(saveFailed);
        });
      })
      .catch(saveFailed);
    return () => {
      active = false;
      unsubscribe();
    };
  }, [db, readerId, subjectId]);
}
