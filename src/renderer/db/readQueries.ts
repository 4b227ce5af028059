/**
 * Read-only queries for the UI's live queries (dexie-react-hooks useLiveQuery re-runs them whenever a
 * table they read changes). Each runs in one read transaction, so what it returns is consistent.
 */
import { readTimepoints } from '../../core/reading/grouping';
import type { Override, Read, Signoff, Subject } from '../../core/reading/model';
import type { ReadSnapshot } from '../../core/reading/subjectRead';
import { ReadingError } from '../../core/reading/errors';
import {
  readTables,
  transactionTables,
  type KeyImageRecord,
  type ReadDatabase,
  type ReadTables,
} from './readSchema';

async function mustGet<R>(
  table: { get(id: string): PromiseLike<R | undefined> },
  id: string,
  what: string,
): Promise<R> {
  const record = await table.get(id);
  if (!record) throw new ReadingError('NOT_FOUND', `${what} ${id} does not exist`);
  return record;
}

export interface ReadView extends ReadSnapshot {
  readonly signoffs: readonly Signoff[];
  readonly overrides: readonly Override[];
}

/**
 * The read's records inside the caller's transaction. The requests are issued together, not one after
 * the other: IndexedDB serves a transaction's requests in order anyway, and awaiting each before
 * asking for the next costs a trip through the event loop per table (the panel's live query runs this
 * after every stored change).
 */
export async function loadSnapshotIn(t: ReadTables, readId: string, known?: Read): Promise<ReadView> {
  const readPromise: Promise<Read> = known ? Promise.resolve(known) : mustGet<Read>(t.reads, readId, 'read');
  const [read, lesions, assessments, signoffs, overrides] = await Promise.all([
    readPromise,
    t.lesions.where('readId').equals(readId).toArray(),
    t.assessments.where('readId').equals(readId).toArray(),
    t.signoffs.where('readId').equals(readId).toArray(),
    t.overrides.where('readId').equals(readId).toArray(),
  ]);
  const [subject, timepoints] = await Promise.all([
    mustGet<Subject>(t.subjects, read.subjectId, 'subject'),
    t.timepoints.where('subjectId').equals(read.subjectId).toArray(),
  ]);
  return {
    read,
    subject,
    timepoints: readTimepoints(read, timepoints),
    lesions,
    assessments,
    signoffs,
    overrides,
  };
}

/** The tables a read view comes from: a read transaction over these only, never the audit trail. */
function viewTables(db: ReadDatabase) {
  return transactionTables(db, [
    'reads',
    'subjects',
    'timepoints',
    'lesions',
    'assessments',
    'signoffs',
    'overrides',
  ]);
}

/**
 * Everything the reading panels show for one read: pass it to toSubjectRead for the engine, and to
 * lesionTable for the per-lesion grid. Timepoints come in date order (the first is the baseline).
 */
export async function loadReadView(db: ReadDatabase, readId: string): Promise<ReadView> {
  const t = readTables(db);
  return await db.transaction('r', viewTables(db), () => loadSnapshotIn(t, readId));
}

/** The read of a subject by a reader, if they started one. */
export function findRead(db: ReadDatabase, subjectId: string, readerId: string) {
  return readTables(db).reads.where('[subjectId+readerId]').equals([subjectId, readerId]).first();
}

/**
 * The reader's read of a subject and its view in one consistent read (null when they have not started
 * one): what the workspace opens with, without waiting for the read before asking for the rest.
 */
export async function loadReaderView(
  db: ReadDatabase,
  subjectId: string,
  readerId: string,
): Promise<ReadView | null> {
  const t = readTables(db);
  return await db.transaction('r', viewTables(db), async () => {
    const read = await t.reads.where('[subjectId+readerId]').equals([subjectId, readerId]).first();
    return read ? loadSnapshotIn(t, read.id, read) : null;
  });
}

export function listKeyImages(db: ReadDatabase, readId: string): Promise<KeyImageRecord[]> {
  return readTables(db).keyImages.where('readId').equals(readId).toArray();
}
