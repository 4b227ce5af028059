import Dexie, { type Table } from 'dexie';
import { applyReadSchema } from '../../../../src/renderer/db/readSchema';
import { createReader } from '../../../../src/renderer/db/readSubjects';
import { applyGrouping } from '../../../../src/renderer/db/readSubjects';
import { createRead } from '../../../../src/renderer/db/readLesions';
import { proposeGrouping, type IndexedStudy } from '../../../../src/core/reading/grouping';
import type { ReadingSession } from '../../../../src/renderer/db/readWriter';
import { listTimepoints } from '../../../../src/renderer/db/readSubjects';

/**
 * A database shaped like the app's: the DICOM index as version 1 (as the lead's RecistDatabase
 * declares it), the read tables added by applyReadSchema as version 2.
 */
export class TestDatabase extends Dexie {
  // Declared table properties also keep TypeScript from recursing when it compares the class with
  // ReadDatabase (Dexie's TXWithTables<this> of a subclass without table props is TS2589).
  studies!: Table<{ studyInstanceUid: string }, string>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({
      studies: 'studyInstanceUid, patientId, studyDate',
      series: 'seriesInstanceUid, studyInstanceUid',
      instances: 'sopInstanceUid, seriesInstanceUid, studyInstanceUid',
      importReports: '++id, startedAt',
    });
    applyReadSchema(this);
  }
}

let counter = 0;

/** A fresh database per test, and a clock that ticks one second per call. */
export function freshDb(): TestDatabase {
  counter += 1;
  return new TestDatabase(`read-test-${counter}-${Math.random().toString(36).slice(2)}`);
}

export function tickingClock(start = Date.parse('2026-02-01T09:00:00Z')): () => Date {
  let t = start;
  return () => new Date((t += 1000));
}

export const studies: IndexedStudy[] = [
  { studyInstanceUid: '1.2.3', patientId: 'P001', patientName: 'TEST^ONE', studyDate: '2026-01-02' },
  { studyInstanceUid: '1.2.4', patientId: 'P001', patientName: 'TEST^ONE', studyDate: '2026-03-01' },
  { studyInstanceUid: '1.2.5', patientId: 'P001', patientName: 'TEST^ONE', studyDate: '2026-04-26' },
];

/** A reader, one subject with three timepoints (baseline, week 8, week 16) and the reader's read. */
export async function readFixture(db = freshDb()) {
  const now = tickingClock();
  const reader = (await createReader(db, { name: 'Dr Reader', role: 'bicr-reader' }, { now })).value;
  const session: ReadingSession = { db, readerId: reader.id, now };
  const grouped = await applyGrouping(session, proposeGrouping(studies, { subjects: [], timepoints: [] }));
  const subjectId = grouped.value.subjectIds[0]!;
  const [baseline, week8, week16] = await listTimepoints(db, subjectId);
  const read = (await createRead(session, { subjectId })).value;
  return { db, session, reader, subjectId, read, baseline: baseline!, week8: week8!, week16: week16! };
}
