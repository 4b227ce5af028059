/**
 * Applying undo/redo commands (core/reading/undo.ts) as ordinary audited edits. Each change is checked
 * against what is stored now (it must still be what the command left, else CONFLICT) and against the
 * lock rules (an edit of a since-signed timepoint cannot be undone without unlocking it).
 */
import type { Table } from 'dexie';
import { canonicalJson } from '../../core/reading/audit';
import { ReadingError } from '../../core/reading/errors';
import { assertLesionDefinitionEditable, assertTimepointOpen } from '../../core/reading/locks';
import type { Assessment, Lesion, Subject, Timepoint } from '../../core/reading/model';
import { inverseCommand, type Command, type RecordChange } from '../../core/reading/undo';
import { assertLesionRemovable, loadReadContext } from './readLesions';
import type { KeyImageRecord } from './readSchema';
import { entityIdOf, runWrite, type Mutation, type ReadingSession, type Writer } from './readWriter';

type AnyRecord = Lesion | Assessment | KeyImageRecord | Timepoint | Subject;

function sameRecord(a: unknown, b: unknown): boolean {
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a === 'object' && typeof b === 'object' && 'png' in a && 'png' in b) {
    const { png: pa, ...ra } = a as KeyImageRecord;
    const { png: pb, ...rb } = b as KeyImageRecord;
    return pa.size === pb.size && pa.type === pb.type && canonicalJson(ra) === canonicalJson(rb);
  }
  return canonicalJson(a) === canonicalJson(b);
}

async function assertChangeAllowed(
  w: Writer,
  change: RecordChange,
  current: AnyRecord | null,
  next: AnyRecord | null,
) {
  const records = [current, next].filter((r): r is AnyRecord => r !== null);
  for (const record of records) {
    switch (change.table) {
      case 'lesions': {
        const lesion = record as Lesion;
        const context = await loadReadContext(w.t, lesion.readId);
        assertLesionDefinitionEditable(lesion, context.lock);
        const leaving = current === record && !lesion.deleted && (next === null || (next as Lesion).deleted);
        if (leaving) await assertLesionRemovable(w.t, lesion, context, next === null);
        if (next === record && !lesion.deleted) {
          const clash = context.lesions.find(
            (l) => !l.deleted && l.id !== lesion.id && l.label === lesion.label,
          );
          if (clash) throw new ReadingError('CONFLICT', `another lesion is labelled ${lesion.label} now`);
        }
        break;
      }
      case 'assessments':
      case 'keyImages': {
        const { readId, timepointId } = record as Assessment | KeyImageRecord;
        assertTimepointOpen((await loadReadContext(w.t, readId)).lock, timepointId, 'cannot undo or redo');
        break;
      }
      case 'timepoints': {
        const timepoint = record as Timepoint;
        if ((await w.t.signoffs.where('timepointId').equals(timepoint.id).count()) > 0)
          throw new ReadingError('LOCKED', `cannot undo or redo: ${timepoint.visitName} is signed in a read`);
        break;
      }
      case 'subjects':
        break;
    }
  }
}

async function apply(
  session: ReadingSession,
  command: Command,
  verb: 'undo' | 'redo',
): Promise<Mutation<null>> {
  return runWrite(session, `${verb} ${command.label}`, async (w) => {
    for (const change of command.changes) {
      const store = w.t[change.table] as unknown as Table<AnyRecord, unknown>;
      const current = ((await store.get(change.key)) ?? null) as AnyRecord | null;
      if (!sameRecord(current, change.before))
        throw new ReadingError(
          'CONFLICT',
          `cannot ${verb} "${command.label}": ${change.table.replace(/s$/, '')} ${entityIdOf(change.key)} changed since`,
        );
      const next = change.after as AnyRecord | null;
      await assertChangeAllowed(w, change, current, next);
      const readId =
        next && 'readId' in next ? next.readId : current && 'readId' in current ? current.readId : null;
      const lesionAction =
        change.table === 'lesions' && current && next
          ? (current as Lesion).deleted && !(next as Lesion).deleted
            ? 'restore'
            : !(current as Lesion).deleted && (next as Lesion).deleted
              ? 'delete'
              : undefined
          : undefined;
      await w.write(change.table, change.key, current, next, {
        readId,
        action: lesionAction,
        reason: `${verb} of "${command.label}"`,
        undoable: false,
      });
    }
    return null;
  });
}

/** Reverts a command taken from the history (nextUndo); then call afterUndo on the history. */
export function undoCommand(session: ReadingSession, command: Command): Promise<Mutation<null>> {
  return apply(session, inverseCommand(command, command.label), 'undo');
}

/** Re-applies a command taken from the history (nextRedo); then call afterRedo on the history. */
export function redoCommand(session: ReadingSession, command: Command): Promise<Mutation<null>> {
  return apply(session, command, 'redo');
}
