/**
 * THE write policy: (records, command, actor) -> refused with a reason, or the records to write and
 * their audit events. Every change to accounts, settings, subjects, visits, reads, lesions, assessments,
 * key images, signatures and new images is one of these commands; renderer/db only loads the records,
 * calls decide, and applies the decision in one transaction. Ownership, locks, frozen data and roles are
 * decided here and nowhere else.
 */
import { ReadingError } from '../reading/errors';
import type { Reader } from '../reading/model';
import * as accounts from './accountCommands';
import { Draft, type Decision, type DecisionEnv } from './draft';
import * as reads from './readCommands';
import type { RecordSet, Scope } from './recordSet';
import * as signing from './signCommands';
import * as subjects from './subjectCommands';
import * as trial from './trialCommands';
import * as unmatched from './unmatchedCommands';
import * as visits from './visitCommands';
import * as undoing from './undoCommands';

/** Each command's input and result, by name. */
const handlers = {
  createAccount: accounts.createAccount,
  updateAccount: accounts.updateAccount,
  setPassphrase: accounts.setPassphrase,
  updateSettings: accounts.updateSettings,
  startRead: reads.startRead,
  updateRead: reads.updateRead,
  addLesion: reads.addLesion,
  updateLesion: reads.updateLesion,
  deleteLesion: reads.deleteLesion,
  setAssessment: reads.setAssessment,
  clearAssessment: reads.clearAssessment,
  saveKeyImage: reads.saveKeyImage,
  signVisit: signing.signVisit,
  unlockVisit: signing.unlockVisit,
  reSign: signing.reSign,
  applyGrouping: visits.applyGrouping,
  resolveNewImage: visits.resolveNewImage,
  renameVisit: visits.renameVisit,
  moveStudy: visits.moveStudy,
  updateSubject: subjects.updateSubject,
  saveTrial: trial.saveTrial,
  importSubjects: trial.importSubjects,
  adjudicate: trial.adjudicate,
  assignUnmatchedStudy: unmatched.assignUnmatchedStudy,
  setAsideUnmatchedStudy: unmatched.setAsideUnmatchedStudy,
  undo: undoing.undo,
  redo: undoing.redo,
} as const;

type Handlers = typeof handlers;
export type CommandType = keyof Handlers;
export type CommandInput<T extends CommandType> = Parameters<Handlers[T]>[1];
export type CommandResult<T extends CommandType> = ReturnType<Handlers[T]>;

export interface PolicyCommand<T extends CommandType = CommandType> {
  readonly type: T;
  readonly input: CommandInput<T>;
  /** What "Undo <label>" says, and the audit's name for the command. */
  readonly label: string;
}

/** Commands that change one subject's records only; the rest need the whole workstation's records. */
const allScoped: ReadonlySet<CommandType> = new Set([
  'applyGrouping',
  'moveStudy',
  // The protocol freezes with any signature of any read; subject IDs are unique across the trial.
  'saveTrial',
  'importSubjects',
  // A queued study belongs to no subject yet, and its Patient ID may be routed to any subject.
  'assignUnmatchedStudy',
  'setAsideUnmatchedStudy',
]);
const accountScoped: ReadonlySet<CommandType> = new Set([
  'createAccount',
  'updateAccount',
  'setPassphrase',
  'updateSettings',
]);

/** The records a command must be decided on (the Dexie layer loads this scope). */
export function scopeOf(command: PolicyCommand, subjectId: string | null): Scope {
  if (allScoped.has(command.type) || accountScoped.has(command.type)) return { kind: 'all' };
  // Undoing a study move or a grouping may touch several subjects: decide it on all of them.
  if (
    (command.type === 'undo' || command.type === 'redo') &&
    (command.input as CommandInput<'undo'>).command.changes.some(
      (c) => c.table === 'timepoints' || c.table === 'subjects',
    )
  )
    return { kind: 'all' };
  return subjectId === null ? { kind: 'all' } : { kind: 'subject', subjectId };
}

/** What record leads to the command's subject: the caller resolves it to a subject id. */
export type SubjectRef =
  | { readonly subjectId: string }
  | { readonly readId: string }
  | { readonly lesionId: string }
  | { readonly timepointId: string }
  | { readonly newImageId: string }
  | null;

/** The record that leads to the command's subject (the caller looks it up). */
export function subjectRefOf(command: PolicyCommand): SubjectRef {
  const input = command.input as Record<string, unknown>;
  if (command.type === 'undo' || command.type === 'redo') {
    const first = (input.command as { changes: { table: string; before: unknown; after: unknown }[] })
      .changes[0];
    const record = (first?.after ?? first?.before ?? null) as Record<string, unknown> | null;
    if (!record) return null;
    if (first!.table === 'subjects') return { subjectId: record.id as string };
    if (typeof record.subjectId === 'string') return { subjectId: record.subjectId };
    if (typeof record.readId === 'string') return { readId: record.readId };
    return null;
  }
  for (const key of ['subjectId', 'readId', 'lesionId', 'newImageId'] as const)
    if (typeof input[key] === 'string') return { [key]: input[key] } as SubjectRef;
  if (typeof input.timepointId === 'string') return { timepointId: input.timepointId };
  return null;
}

export type PolicyAnswer<T> =
  | { readonly ok: true; readonly decision: Decision<T> }
  | { readonly ok: false; readonly error: ReadingError };

/**
 * Decides a command on a working copy of the records (the caller's set is not changed). A refusal is a
 * ReadingError with a message for the reader; anything else thrown is a bug and propagates.
 */
export function decide<T extends CommandType>(
  records: RecordSet,
  command: PolicyCommand<T>,
  actor: Reader | null,
  env: DecisionEnv,
): PolicyAnswer<CommandResult<T>> {
  const draft = new Draft(records.clone(), env, actor === null || actor.disabled ? null : actor);
  try {
    const handler = handlers[command.type] as (d: Draft, input: CommandInput<T>) => CommandResult<T>;
    const value = handler(draft, command.input);
    return { ok: true, decision: draft.finish(value, command.label) };
  } catch (error) {
    if (error instanceof ReadingError) return { ok: false, error };
    throw error;
  }
}
