/**
 * What the new-images list, the frozen subject dates and the "changed after signature" notice read:
 * live queries only (every change goes through the write policy's commands).
 */
import type { ChangeNotice, NewImage } from '../../core/policy/records';
import type { Reader } from '../../core/reading/model';
import type { RecistDatabase } from '../db/database';
import { listNewImages } from '../db/readSubjects';
import { readTables } from '../db/readSchema';

/** The visits signed in any read of the subject: they take no study, and their subject's dates freeze. */
export async function signedVisitIds(db: RecistDatabase, subjectId: string): Promise<Set<string>> {
  const t = readTables(db);
  const readIds = await t.reads.where('subjectId').equals(subjectId).primaryKeys();
  if (readIds.length === 0) return new Set();
  const signoffs = await t.signoffs.where('readId').anyOf(readIds).toArray();
  return new Set(signoffs.map((s) => s.timepointId));
}

export interface NewImageRow extends NewImage {
  /** From the DICOM index; empty when the study has none (or left the index). */
  readonly description: string;
}

export async function newImageRows(db: RecistDatabase, subjectId: string): Promise<NewImageRow[]> {
  const images = await listNewImages(db, subjectId);
  const indexed = await db.studies.bulkGet(images.map((n) => n.study.studyInstanceUid));
  return images.map((image, i) => ({ ...image, description: indexed[i]?.studyDescription?.trim() ?? '' }));
}

export async function readerNames(db: RecistDatabase): Promise<Map<string, string>> {
  const readers: Reader[] = await readTables(db).readers.toArray();
  return new Map(readers.map((r) => [r.id, r.name]));
}

/** The read's notices no re-signature has closed yet, oldest first. */
export async function openChangeNotices(db: RecistDatabase, readId: string): Promise<ChangeNotice[]> {
  const notices = await readTables(db).changeNotices.where('readId').equals(readId).toArray();
  return notices
    .filter((n) => n.resolvedBySignatureId === null)
    .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

/** How subject dates are named to a reader, and in the meaning of a correction's e-signature. */
export const subjectDateNames = {
  enrollmentDate: 'enrolment date',
  deathDate: 'date of death',
  newAnticancerTherapyDate: 'new anticancer therapy date',
} as const;
export type SubjectDateKey = keyof typeof subjectDateNames;
