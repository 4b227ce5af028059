import { useCallback, useMemo } from 'react';
import { ReadingError } from '../../core/reading/errors';
import { nextRedo, nextUndo } from '../../core/reading/undo';
import { useServices } from '../app/services';
import { redoCommand, undoCommand } from '../db/readUndo';
import type { Mutation, ReadingSession } from '../db/readWriter';
import { useReadingStore } from '../store/readingStore';

/** The reader's session (every write names them in the audit trail); null before a profile is chosen. */
export function useReadingSession(): ReadingSession | null {
  const { db } = useServices();
  const readerId = useReadingStore((s) => s.readerId);
  return useMemo(() => (readerId ? { db, readerId } : null), [db, readerId]);
}

export function describeError(error: unknown): string {
  if (error instanceof ReadingError) return error.message;
  return error instanceof Error ? `Unexpected error: ${error.message}` : String(error);
}

/**
 * Runs one repository mutation as the current reader: its command joins the undo history, a refusal
 * (locked timepoint, invalid value...) is shown to the reader and nothing is changed.
 */
export function useMutate() {
  const session = useReadingSession();
  return useCallback(
    async <T>(mutation: (session: ReadingSession) => Promise<Mutation<T>>): Promise<T | null> => {
      const store = useReadingStore.getState();
      if (!session) {
        store.report('Choose a reader profile first.');
        return null;
      }
      try {
        const result = await mutation(session);
        store.recordCommand(result.command);
        store.report(null);
        return result.value;
      } catch (error) {
        store.report(describeError(error));
        return null;
      }
    },
    [session],
  );
}

export function useUndoRedo() {
  const session = useReadingSession();
  const history = useReadingStore((s) => s.history);
  const undo = useCallback(async () => {
    const command = nextUndo(useReadingStore.getState().history);
    if (!session || !command) return;
    try {
      await undoCommand(session, command);
      useReadingStore.getState().undone();
    } catch (error) {
      useReadingStore.getState().report(describeError(error));
    }
  }, [session]);
  const redo = useCallback(async () => {
    const command = nextRedo(useReadingStore.getState().history);
    if (!session || !command) return;
    try {
      await redoCommand(session, command);
      useReadingStore.getState().redone();
    } catch (error) {
      useReadingStore.getState().report(describeError(error));
    }
  }, [session]);
  return {
    undo,
    redo,
    undoLabel: nextUndo(history)?.label ?? null,
    redoLabel: nextRedo(history)?.label ?? null,
  };
}
