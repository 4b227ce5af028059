import Dexie, { type Table } from 'dexie';
import { applyReadSchema } from '../../../../src/renderer/db/readSchema';
import { createReader } from '../../../../src/renderer/db/readSubjects';
import { applyGrouping } from '../../../../src/renderer/db/readSubjects';
import { addLesion, createRead, setAssessment } from '../../../../src/renderer/db/readLesions';
import { updateSubject } from '../../../../src/renderer/db/readSubjects';
import { marker, measure } from '../../core/reading/fixtures';
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

/** The end-to-end scenario at the data layer: baseline T1 + NT1, T1 smaller at follow-up, a new lesion. */
export async function storedScenario() {
  const f = await readFixture();
  await updateSubject(f.session, f.subjectId, { enrollmentDate: '2026-01-05' });
  const t1 = (
    await addLesion(f.session, {
      readId: f.read.id,
      kind: 'target',
      locationCode: 'lung.rul',
      timepointId: f.baseline.id,
      value: { status: 'measured', fragments: [measure(24.6, 17.9)] },
    })
  ).value.lesion;
  const nt1 = (
    await addLesion(f.session, {
      readId: f.read.id,
      kind: 'non-target',
      locationCode: 'ln.hilar.10r',
      timepointId: f.baseline.id,
      value: { status: 'present', marker: marker() },
    })
  ).value.lesion;
  await setAssessment(f.session, {
    lesionId: t1.id,
    timepointId: f.week8.id,
    value: { status: 'measured', fragments: [measure(15.2, 10.1, { studyInstanceUid: '1.2.4' })] },
  });
  await setAssessment(f.session, {
    lesionId: nt1.id,
    timepointId: f.week8.id,
    value: { status: 'present', marker: null },
  });
  await addLesion(f.session, {
    readId: f.read.id,
    kind: 'new',
    locationCode: 'liver.s6',
    timepointId: f.week16.id,
    value: { status: 'unequivocal', measurement: measure(12.3), marker: null },
  });
  await setAssessment(f.session, {
    lesionId: t1.id,
    timepointId: f.week16.id,
    value: { status: 'measured', fragments: [measure(14.8)] },
  });
  await setAssessment(f.session, {
    lesionId: nt1.id,
    timepointId: f.week16.id,
    value: { status: 'present', marker: null },
  });
  return f;
}
