/**
 * Undo/redo as data. Every repository mutation reports the records it changed (before and after), the
 * same values its audit events hold; undoing writes the "before" values back, redoing the "after"
 * values, each as an ordinary audited edit through the same lock rules. A change that no longer matches
 * what is stored (someone edited the record since) is refused rather than overwritten.
 *
 * The history itself is session state (the UI keeps it in its store); these functions keep it immutable.
 */
export const undoableTables = ['lesions', 'assessments', 'keyImages', 'timepoints', 'subjects'] as const;
export type UndoableTable = (typeof undoableTables)[number];

export function isUndoable(table: string): table is UndoableTable {
  return (undoableTables as readonly string[]).includes(table);
}

export type RecordKey = string | readonly [string, string];

export interface RecordChange {
  readonly table: UndoableTable;
  readonly key: RecordKey;
  /** null: the record did not exist before (undo deletes it). */
  readonly before: unknown;
  /** null: the command deleted the record (undo restores it). */
  readonly after: unknown;
}

export interface Command {
  /** What the reader sees in "Undo <label>". */
  readonly label: string;
  readonly changes: readonly RecordChange[];
}

/** The command that reverts `command`: befores and afters swapped, applied in reverse order. */
export function inverseCommand(command: Command, label = `undo ${command.label}`): Command {
  return {
    label,
    changes: [...command.changes].reverse().map((c) => ({ ...c, before: c.after, after: c.before })),
  };
}

export interface UndoHistory {
  readonly undo: readonly Command[];
  readonly redo: readonly Command[];
  readonly limit: number;
}

export function emptyHistory(limit = 100): UndoHistory {
  return { undo: [], redo: [], limit };
}

/** After a new edit: it can be undone; what was undone before can no longer be redone. */
export function pushCommand(history: UndoHistory, command: Command | null): UndoHistory {
  if (command === null || command.changes.length === 0) return history;
  return { ...history, undo: [...history.undo, command].slice(-history.limit), redo: [] };
}

export function nextUndo(history: UndoHistory): Command | null {
  return history.undo.at(-1) ?? null;
}

export function nextRedo(history: UndoHistory): Command | null {
  return history.redo.at(-1) ?? null;
}

/** Call once the repository has applied nextUndo(history). */
export function afterUndo(history: UndoHistory): UndoHistory {
  const command = nextUndo(history);
  if (!command) return history;
  return { ...history, undo: history.undo.slice(0, -1), redo: [...history.redo, command] };
}

/** Call once the repository has applied nextRedo(history). */
export function afterRedo(history: UndoHistory): UndoHistory {
  const command = nextRedo(history);
  if (!command) return history;
  return { ...history, undo: [...history.undo, command], redo: history.redo.slice(0, -1) };
}
