import { useCallback, useMemo } from 'react';
import { ReadingError } from '../../core/reading/errors';
import { nextRedo, nextUndo } from '../../core/reading/undo';
import { useServices } from '../app/services';
import type { Mutation, ReadingSession } from '../db/commandRunner';
import { redoCommand, undoCommand } from '../db/readUndo';
import { useReadingStore } from '../store/readingStore';
import { useKeptUndoHistory } from './useKeptUndoHistory';

/** The signed-in account's session (every write names them in the audit trail); null when signed out. */
export function useReadingSession(): ReadingSession | null {
  const { db, platform } = useServices();
  const readerId = useReadingStore((s) => s.readerId);
  return useMemo(
    () => (readerId ? { db, readerId, signer: platform.auditKey } : null),
    [db, readerId, platform],
  );
}

/** After a stored edit: it joins the undo history. */
export function recordWrite(_session: ReadingSession, command: Mutation<unknown>['command']): void {
  const store = useReadingStore.getState();
  store.recordCommand(command);
  store.report(null);
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
        store.report('Sign in first.');
        return null;
      }
      try {
        const result = await mutation(session);
        recordWrite(session, result.command);
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
  useKeptUndoHistory();
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
