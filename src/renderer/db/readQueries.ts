/**
 * Read-only queries for the UI's live queries (dexie-react-hooks useLiveQuery re-runs them whenever a
 * table they read changes). Each runs in one read transaction, so what it returns is consistent.
 */
import { orderTimepoints } from '../../core/reading/grouping';
import type { Override, Signoff } from '../../core/reading/model';
import type { ReadSnapshot } from '../../core/reading/subjectRead';
import { readTables, type KeyImageRecord, type ReadDatabase, type ReadTables } from './readSchema';
import { mustGet } from './readWriter';

export interface ReadView extends ReadSnapshot {
  readonly signoffs: readonly Signoff[];
  readonly overrides: readonly Override[];
}

export async function loadSnapshotIn(t: ReadTables, readId: string): Promise<ReadView> {
  const read = await mustGet(t.reads, readId, 'read');
  const subject = await mustGet(t.subjects, read.subjectId, 'subject');
  const timepoints = orderTimepoints(await t.timepoints.where('subjectId').equals(read.subjectId).toArray());
  return {
    read,
    subject,
    timepoints,
    lesions: await t.lesions.where('readId').equals(readId).toArray(),
    assessments: await t.assessments.where('readId').equals(readId).toArray(),
    signoffs: await t.signoffs.where('readId').equals(readId).toArray(),
    overrides: await t.overrides.where('readId').equals(readId).toArray(),
  };
}

/**
 * Everything the reading panels show for one read: pass it to toSubjectRead for the engine, and to
 * lesionTable for the per-lesion grid. Timepoints come in date order (the first is the baseline).
 */
export async function loadReadView(db: ReadDatabase, readId: string): Promise<ReadView> {
  const t = readTables(db);
  return await db.transaction('r', Object.values(t), () => loadSnapshotIn(t, readId));
}

/** The read of a subject by a reader, if they started one. */
export function findRead(db: ReadDatabase, subjectId: string, readerId: string) {
  return readTables(db).reads.where('[subjectId+readerId]').equals([subjectId, readerId]).first();
}

export function listKeyImages(db: ReadDatabase, readId: string): Promise<KeyImageRecord[]> {
  return readTables(db).keyImages.where('readId').equals(readId).toArray();
}
