/**
 * Undo and redo as ordinary policy decisions: each change is checked against what is stored now (it
 * must still be what the command left, else CONFLICT) and against the same rules as the edit itself:
 * the read's own reader, the locks, frozen subject dates, a read's fixed baseline.
 */
import { canonicalJson } from '../audit/canonicalJson';
import { ReadingError } from '../reading/errors';
import { timepointScanDate } from '../reading/grouping';
import { assertLesionDefinitionEditable, assertTimepointOpen } from '../reading/locks';
import type { Assessment, Lesion, Subject, Timepoint } from '../reading/model';
import { assertSubjectDatesPossible } from '../reading/subjectDates';
import { inverseCommand, type Command, type RecordChange } from '../reading/undo';
import { entityIdOf, type Draft } from './draft';
import { assertOwnRead, loadReadContext } from './readContext';
import { assertLesionRemovable } from './readCommands';
import type { KeyImageInfo, PolicyTable } from './recordSet';
import { subjectDatesFrozen } from './subjectCommands';

type AnyRecord = Lesion | Assessment | KeyImageInfo | Timepoint | Subject;

function assertChangeAllowed(
  d: Draft,
  change: RecordChange,
  current: AnyRecord | null,
  next: AnyRecord | null,
) {
  const records = [current, next].filter((r): r is AnyRecord => r !== null);
  for (const record of records) {
    switch (change.table) {
      case 'lesions': {
        const lesion = record as Lesion;
        const context = loadReadContext(d.records, lesion.readId);
        assertOwnRead(d.records, d.actor, context.read);
        assertLesionDefinitionEditable(lesion, context.lock);
        const leaving = current === record && !lesion.deleted && (next === null || (next as Lesion).deleted);
        if (leaving) assertLesionRemovable(d.records, lesion, context, next === null);
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
        const { readId, timepointId } = record as Assessment | KeyImageInfo;
        const context = loadReadContext(d.records, readId);
        assertOwnRead(d.records, d.actor, context.read);
        assertTimepointOpen(context.lock, timepointId, 'cannot undo or redo');
        break;
      }
      case 'timepoints': {
        const timepoint = record as Timepoint;
        if (d.records.where('signoffs', (s) => s.timepointId === timepoint.id).length > 0)
          throw new ReadingError('LOCKED', `Cannot undo or redo: ${timepoint.visitName} is signed in a read`);
        if (d.records.where('reads', (r) => r.baselineTimepointId === timepoint.id).length > 0) {
          const before = current as Timepoint | null;
          const after = next as Timepoint | null;
          if (!before || !after || timepointScanDate(before) !== timepointScanDate(after))
            throw new ReadingError(
              'CONFLICT',
              `cannot undo or redo: ${timepoint.visitName} is the baseline of a read`,
            );
        }
        break;
      }
      case 'subjects':
        break;
    }
  }
  if (change.table === 'subjects' && current !== null && next !== null) {
    const before = current as Subject;
    const after = next as Subject;
    const datesChange = (['enrollmentDate', 'deathDate', 'newAnticancerTherapyDate'] as const).some(
      (f) => before[f] !== after[f],
    );
    if (datesChange && subjectDatesFrozen(d.records, before.id))
      throw new ReadingError(
        'FROZEN',
        `cannot undo or redo: the dates of ${before.label} are frozen by a signature (an administrator's signed correction changes them)`,
      );
    assertSubjectDatesPossible(
      before,
      after,
      d.records.where('timepoints', (t) => t.subjectId === before.id),
    );
  }
}

function sameRecord(a: unknown, b: unknown): boolean {
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  return canonicalJson(a) === canonicalJson(b);
}

function replay(d: Draft, command: Command, verb: 'undo' | 'redo'): null {
  for (const change of command.changes) {
    const current = d.records.get(change.table as PolicyTable, change.key) as AnyRecord | null;
    if (!sameRecord(current, change.before))
      throw new ReadingError(
        'CONFLICT',
        `cannot ${verb} "${command.label}": ${change.table.replace(/s$/, '')} ${entityIdOf(change.key)} changed since`,
      );
    const next = change.after as AnyRecord | null;
    assertChangeAllowed(d, change, current, next);
    const lesionAction =
      change.table === 'lesions' && current && next
        ? (current as Lesion).deleted && !(next as Lesion).deleted
          ? 'restore'
          : !(current as Lesion).deleted && (next as Lesion).deleted
            ? 'delete'
            : undefined
        : undefined;
    d.write(change.table, current as never, next as never, {
      action: lesionAction,
      reason: `${verb} of "${command.label}"`,
      undoable: false,
    });
  }
  return null;
}

export function undo(d: Draft, input: { command: Command }): null {
  return replay(d, inverseCommand(input.command, input.command.label), 'undo');
}

export function redo(d: Draft, input: { command: Command }): null {
  return replay(d, input.command, 'redo');
}
