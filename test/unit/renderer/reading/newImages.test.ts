import { describe, expect, it } from 'vitest';
import { signatureMeaning } from '../../../../src/core/policy/signatures';
import { proposeGrouping, type IndexedStudy } from '../../../../src/core/reading/grouping';
import type { RecistDatabase } from '../../../../src/renderer/db/database';
import { addLesion } from '../../../../src/renderer/db/readLesions';
import { readTables } from '../../../../src/renderer/db/readSchema';
import { reSignRead, signTimepoint } from '../../../../src/renderer/db/readSignoff';
import {
  applyGrouping,
  getGroupingState,
  listTimepoints,
  resolveNewImage,
  updateSubject,
} from '../../../../src/renderer/db/readSubjects';
import {
  newImageRows,
  openChangeNotices,
  signedVisitIds,
} from '../../../../src/renderer/reading/NewImagesQueries';
import { correctionMeaning } from '../../../../src/renderer/reading/SubjectDateCorrection';
import { marker, measure } from '../../core/reading/fixtures';
import { PASSPHRASE, readFixture, studies } from '../db/readTestDb';

/** A read whose baseline is signed (one target, one non-target). */
async function signedBaseline() {
  const f = await readFixture();
  await updateSubject(f.session, f.subjectId, { enrollmentDate: '2026-01-01' });
  const lesion = { readId: f.read.id, timepointId: f.baseline.id };
  await addLesion(f.session, {
    ...lesion,
    kind: 'target',
    locationCode: 'lung.rul',
    value: { status: 'measured', fragments: [measure(22)] },
  });
  await addLesion(f.session, {
    ...lesion,
    kind: 'non-target',
    locationCode: 'pleura.r',
    value: { status: 'present', marker: marker() },
  });
  await signTimepoint(f.session, { readId: f.read.id, timepointId: f.baseline.id, passphrase: PASSPHRASE });
  return { ...f, appDb: f.db as unknown as RecistDatabase };
}

const older: IndexedStudy = {
  studyInstanceUid: '1.2.9',
  patientId: 'P001',
  patientName: 'TEST^ONE',
  studyDate: '2025-12-01',
};

describe('new images after a signed baseline', () => {
  it('wait in the list, are never proposed again, and a set-aside records who and why', async () => {
    const f = await signedBaseline();
    const before = await listTimepoints(f.db, f.subjectId);
    await f.db.studies.put({ ...older, studyDescription: 'CT CHEST' } as never);

    await applyGrouping(f.session, proposeGrouping([...studies, older], await getGroupingState(f.db)));
    // The visits (and so the read's baseline) did not change; the study waits.
    expect(await listTimepoints(f.db, f.subjectId)).toEqual(before);
    const [row] = await newImageRows(f.appDb, f.subjectId);
    expect(row).toMatchObject({
      state: 'waiting',
      description: 'CT CHEST',
      study: { studyDate: '2025-12-01' },
    });
    // The next import must not offer it again (applyGrouping would refuse the whole proposal).
    expect(proposeGrouping([...studies, older], await getGroupingState(f.db))).toEqual([]);
    expect(await signedVisitIds(f.appDb, f.subjectId)).toEqual(new Set([f.baseline.id]));

    // Before the baseline: neither a visit nor part of one.
    await expect(resolveNewImage(f.session, row!.id, { newVisit: true })).rejects.toThrow(
      /before the baseline/,
    );
    await expect(resolveNewImage(f.session, row!.id, { assignTo: f.baseline.id })).rejects.toThrow(/signed/);
    await resolveNewImage(f.session, row!.id, {
      setAside: true,
      reason: 'screening scan, outside the schedule',
    });
    const [resolved] = await newImageRows(f.appDb, f.subjectId);
    expect(resolved).toMatchObject({
      state: 'set-aside',
      reason: 'screening scan, outside the schedule',
      resolvedBy: f.reader.id,
    });
    expect(await listTimepoints(f.db, f.subjectId)).toEqual(before);
    expect(proposeGrouping([...studies, older], await getGroupingState(f.db))).toEqual([]);
  });
});

describe('a correction of a frozen subject date', () => {
  it('signs the meaning the dialog shows, and leaves a notice open until the reader re-signs', async () => {
    const f = await signedBaseline();
    await expect(updateSubject(f.session, f.subjectId, { enrollmentDate: '2026-01-02' })).rejects.toThrow();

    await updateSubject(
      f.admin,
      f.subjectId,
      { enrollmentDate: '2026-01-02' },
      { reason: 'typo in the CRF', passphrase: PASSPHRASE },
    );
    const signatures = await readTables(f.db).eSignatures.toArray();
    const correction = signatures.find((s) => s.kind === 'correct-subject')!;
    const subject = (await readTables(f.db).subjects.get(f.subjectId))!;
    expect(correction.meaning).toBe(
      signatureMeaning('Admin', correctionMeaning(subject.label, 'enrollmentDate')),
    );

    const [notice] = await openChangeNotices(f.appDb, f.read.id);
    expect(notice).toMatchObject({
      field: 'enrollmentDate',
      from: '2026-01-01',
      to: '2026-01-02',
      reason: 'typo in the CRF',
    });
    await reSignRead(f.session, { readId: f.read.id, passphrase: PASSPHRASE });
    expect(await openChangeNotices(f.appDb, f.read.id)).toEqual([]);
  });
});
