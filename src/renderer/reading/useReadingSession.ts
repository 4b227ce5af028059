import { useCallback, useEffect, useMemo } from 'react';
import { ReadingError } from '../../core/reading/errors';
import { nextRedo, nextUndo } from '../../core/reading/undo';
import { useServices } from '../app/services';
import { AuditSealer } from '../db/auditSealer';
import type { ReadDatabase } from '../db/readSchema';
import { redoCommand, undoCommand } from '../db/readUndo';
import type { Mutation, ReadingSession } from '../db/readWriter';
import { useReadingStore } from '../store/readingStore';
import { useKeptUndoHistory } from './useKeptUndoHistory';

/** The reader's session (every write names them in the audit trail); null before a profile is chosen. */
export function useReadingSession(): ReadingSession | null {
  const { db } = useServices();
  const readerId = useReadingStore((s) => s.readerId);
  return useMemo(() => (readerId ? { db, readerId } : null), [db, readerId]);
}

const sealers = new WeakMap<ReadDatabase, AuditSealer>();

/** The database's audit sealer: one per database, so bursts of edits from any panel share one pass. */
function auditSealerOf(db: ReadDatabase): AuditSealer {
  let sealer = sealers.get(db);
  if (!sealer) {
    sealer = new AuditSealer(db, (message) => useReadingStore.getState().report(message));
    sealers.set(db, sealer);
  }
  return sealer;
}

/**
 * Reading opens: edits stored just before the window last closed get their seals, once the opening
 * is over (the sealer's pause after an edit), not while the first images load: hashing the trail and
 * its transactions would compete with them.
 */
export function useSealOnOpen(): void {
  const { db } = useServices();
  useEffect(() => {
    auditSealerOf(db).schedule();
  }, [db]);
}

/** After a stored edit: it joins the undo history, and the audit trail is sealed once edits pause. */
export function recordWrite(session: ReadingSession, command: Mutation<unknown>['command']): void {
  auditSealerOf(session.db).schedule();
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
        store.report('Choose a reader profile first.');
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
      auditSealerOf(session.db).schedule();
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
      auditSealerOf(session.db).schedule();
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
