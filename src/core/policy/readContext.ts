/**
 * A read as the policy checks it: its visits in the read's own order (the baseline fixed when the read
 * started, then the later visits by date), its lock state and its lesions. The one place that says which
 * visit is a read's baseline: the lock rules, the lesion rules and the engine's input all ask here.
 */
import { canOpenVisit } from '../trial/worklist';
import { ReadingError } from '../reading/errors';
import { readTimepoints } from '../reading/grouping';

export { readTimepoints };
import type { ReadLockState } from '../reading/locks';
import type { Lesion, Read, Reader, Subject, Timepoint } from '../reading/model';
import type { RecordSet } from './recordSet';

export interface PolicyReadContext {
  readonly read: Read;
  readonly subject: Subject;
  readonly timepoints: Timepoint[];
  readonly lock: ReadLockState;
  readonly lesions: Lesion[];
}

export function mustGet<R>(record: R | null, what: string, id: string): R {
  if (record === null) throw new ReadingError('NOT_FOUND', `${what} ${id} does not exist`);
  return record;
}

export function loadReadContext(records: RecordSet, readId: string): PolicyReadContext {
  const read = mustGet(records.get('reads', readId), 'read', readId);
  const subject = mustGet(records.get('subjects', read.subjectId), 'subject', read.subjectId);
  const timepoints = readTimepoints(
    read,
    records.where('timepoints', (t) => t.subjectId === read.subjectId),
  );
  const signed = new Set(records.where('signoffs', (s) => s.readId === readId).map((s) => s.timepointId));
  const lesions = records.where('lesions', (l) => l.readId === readId);
  return { read, subject, timepoints, lock: { timepoints, signed }, lesions };
}

const roleNames: Readonly<Record<Reader['role'], string>> = {
  'site-radiologist': 'site radiologist',
  'bicr-reader': 'BICR reader',
  adjudicator: 'adjudicator',
  admin: 'administrator',
};

export function roleName(role: Reader['role']): string {
  return roleNames[role];
}

/** Only a read's own reader changes it: not another reader, not an admin. */
export function assertOwnRead(records: RecordSet, actor: Reader | null, read: Read): Reader {
  if (actor === null) throw new ReadingError('FORBIDDEN', 'Sign in to change a read');
  if (actor.id !== read.readerId) {
    const owner = records.get('readers', read.readerId);
    throw new ReadingError(
      'FORBIDDEN',
      `This read belongs to ${owner?.name ?? 'another reader'}: only its own reader can change or sign it`,
    );
  }
  return actor;
}

export function assertSignedIn(actor: Reader | null): Reader {
  if (actor === null) throw new ReadingError('FORBIDDEN', 'Sign in first');
  if (actor.disabled) throw new ReadingError('FORBIDDEN', `The account of ${actor.name} is disabled`);
  return actor;
}

export function assertReaderRole(actor: Reader | null, what: string): Reader {
  const signedIn = assertSignedIn(actor);
  if (signedIn.role === 'admin')
    throw new ReadingError(
      'FORBIDDEN',
      `An administrator manages accounts and settings, not reads: sign in as a reader to ${what}`,
    );
  return signedIn;
}

export function assertAdmin(actor: Reader | null, what: string): Reader {
  const signedIn = assertSignedIn(actor);
  if (signedIn.role !== 'admin') throw new ReadingError('FORBIDDEN', `Only an administrator can ${what}`);
  return signedIn;
}

export function timepointIndex(context: PolicyReadContext, timepointId: string): number {
  const index = context.timepoints.findIndex((t) => t.id === timepointId);
  if (index < 0) throw new ReadingError('NOT_FOUND', `timepoint ${timepointId} is not a visit of this read`);
  return index;
}

/**
 * A trial's BICR read (reader 1 or 2) takes visits in order: a visit is worked on only once every
 * earlier visit of the read is signed, so a later scan never shapes what the reader records at an
 * earlier one. Site reads, and reads outside a trial, are free.
 */
export function assertVisitInOrder(context: PolicyReadContext, timepointId: string): void {
  if (context.read.role !== 'bicr-reader' || context.read.readerNumber === null) return;
  const open = canOpenVisit(context.timepoints, context.lock.signed, timepointId);
  if (!open.allowed) throw new ReadingError('LOCKED', open.reason);
}
