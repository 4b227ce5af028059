/**
 * The DICOM index keeps each study's Clinical Trial Subject ID (0012,0040), which trial grouping matches
 * subjects by; records indexed before it was kept have none and still get it on their next refresh.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RecistDatabase, type StudyRecord } from '../../../../src/renderer/db/database';
import { addInstances, refreshSummaries } from '../../../../src/renderer/db/indexRepository';
import { slice } from '../../core/dicom/fixtures';

const dbs: RecistDatabase[] = [];
function freshIndex(): RecistDatabase {
  const db = new RecistDatabase(`index-trial-id-${Math.random().toString(36).slice(2)}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

async function importInstances(db: RecistDatabase, instances: ReturnType<typeof slice>[]) {
  const { touchedSeriesUids } = await addInstances(db, instances, '2026-02-01T09:00:00Z');
  await refreshSummaries(db, touchedSeriesUids);
}

describe('the study record and its Clinical Trial Subject ID', () => {
  it('keeps the first one any series carries, and keeps it when a later series has none', async () => {
    const db = freshIndex();
    await importInstances(db, [
      slice(0),
      slice(1, { seriesInstanceUid: '1.2.826.0.9.3', clinicalTrialSubjectId: 'TIL-007' }),
    ]);
    expect((await db.studies.get('1.2.826.0.9'))!.clinicalTrialSubjectId).toBe('TIL-007');
    await importInstances(db, [slice(2, { seriesInstanceUid: '1.2.826.0.9.4' })]);
    expect((await db.studies.get('1.2.826.0.9'))!.clinicalTrialSubjectId).toBe('TIL-007');
  });

  it("is '' for a study none of whose instances has one", async () => {
    const db = freshIndex();
    await importInstances(db, [slice(0), slice(1)]);
    expect((await db.studies.get('1.2.826.0.9'))!.clinicalTrialSubjectId).toBe('');
  });

  it('is found again in the stored instances for a record indexed before the field was kept', async () => {
    const db = freshIndex();
    await importInstances(db, [slice(0, { clinicalTrialSubjectId: 'TIL-009' })]);
    const { clinicalTrialSubjectId: _dropped, ...legacy } = (await db.studies.get('1.2.826.0.9'))!;
    await db.studies.put(legacy as StudyRecord);
    expect((await db.studies.get('1.2.826.0.9'))!.clinicalTrialSubjectId).toBeUndefined();
    // A later series without the ID refreshes the study: the older instances still name the subject.
    await importInstances(db, [slice(1, { seriesInstanceUid: '1.2.826.0.9.5' })]);
    expect((await db.studies.get('1.2.826.0.9'))!.clinicalTrialSubjectId).toBe('TIL-009');
  });
});
