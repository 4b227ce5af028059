/** Undo and redo: policy commands like any other edit (core/policy/undoCommands.ts). */
import type { Command } from '../../core/reading/undo';
import { runCommand, type ReadingSession } from './commandRunner';

/** Reverts a command taken from the history (nextUndo); then call afterUndo on the history. */
export function undoCommand(session: ReadingSession, command: Command) {
  return runCommand(session, { type: 'undo', input: { command }, label: `undo ${command.label}` });
}

/** Re-applies a command taken from the history (nextRedo); then call afterRedo on the history. */
export function redoCommand(session: ReadingSession, command: Command) {
  return runCommand(session, { type: 'redo', input: { command }, label: `redo ${command.label}` });
}
