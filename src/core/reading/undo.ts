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
  /**
   * The record whose change this command completes: when the step just taken changed it, this command
   * joins that step instead of becoming one of its own (a key image kept after the measurement it
   * shows is part of the same act of measuring, so one undo takes both away).
   */
  readonly completes?: { readonly table: UndoableTable; readonly key: RecordKey };
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

function sameKey(a: RecordKey, b: RecordKey): boolean {
  return typeof a === 'string' || typeof b === 'string' ? a === b : a[0] === b[0] && a[1] === b[1];
}

/** Whether `command` completes the step `last` (see Command.completes). */
export function completesStep(last: Command, command: Command): boolean {
  const target = command.completes;
  return (
    target !== undefined && last.changes.some((c) => c.table === target.table && sameKey(c.key, target.key))
  );
}

/**
 * After a new edit: it can be undone; what was undone before can no longer be redone. A command that
 * completes the last step is merged into it: one action of the reader, one undo.
 */
export function pushCommand(history: UndoHistory, command: Command | null): UndoHistory {
  if (command === null || command.changes.length === 0) return history;
  const last = nextUndo(history);
  if (last && completesStep(last, command)) {
    const merged: Command = { label: last.label, changes: [...last.changes, ...command.changes] };
    return { ...history, undo: [...history.undo.slice(0, -1), merged], redo: [] };
  }
  const { completes: _completes, ...own } = command;
  return { ...history, undo: [...history.undo, own].slice(-history.limit), redo: [] };
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
