import { describe, expect, it } from 'vitest';
import { proposeGrouping } from '../../../../src/core/reading/grouping';
import { ReadingError } from '../../../../src/core/reading/errors';
import { auditTrail } from '../../../../src/renderer/db/auditLog';
import { addLesion, setAssessment } from '../../../../src/renderer/db/readLesions';
import { readTables } from '../../../../src/renderer/db/readSchema';
import {
  applyGrouping,
  getGroupingState,
  listSubjects,
  listTimepoints,
  moveStudy,
  renameTimepoint,
  updateSubject,
} from '../../../../src/renderer/db/readSubjects';
import { signTimepoint } from '../../../../src/renderer/db/readSignoff';
import { redoCommand, undoCommand } from '../../../../src/renderer/db/readUndo';
import { marker, measure } from '../../core/reading/fixtures';
import { accounts, freshDb, readFixture, studies, PASSPHRASE } from './readTestDb';

describe('grouping studies into subjects and timepoints', () => {
  it('creates the subject and its timepoints from the proposal, audited', async () => {
    const f = await readFixture();
    const [subject] = await listSubjects(f.db);
    expect(subject).toMatchObject({ label: 'P001', patientIds: ['P001'], enrollmentDate: null });
    const timepoints = await listTimepoints(f.db, f.subjectId);
    expect(timepoints.map((t) => [t.visitName, t.studies.map((s) => s.studyInstanceUid)])).toEqual([
      ['Baseline', ['1.2.3']],
      ['Week 8', ['1.2.4']],
      ['Week 16', ['1.2.5']],
    ]);
    const events = await auditTrail(f.db, { entity: 'timepoint', entityId: f.baseline.id });
    expect(events).toHaveLength(1);
  });

  it('adds a later import to the same subject while it has no read, and refuses a stale proposal', async () => {
    const db = freshDb();
    const { reader } = await accounts(db);
    await applyGrouping(reader.session, proposeGrouping(studies, await getGroupingState(db)));
    const [subject] = await listSubjects(db);
    const more = [
      ...studies,
      { studyInstanceUid: '1.2.6', patientId: 'P001', patientName: 'TEST^ONE', studyDate: '2026-04-26' },
      { studyInstanceUid: '9.9', patientId: 'P002', patientName: 'TEST^TWO', studyDate: '2026-02-01' },
    ];
    const proposal = proposeGrouping(more, await getGroupingState(db));
    await applyGrouping(reader.session, proposal);
    const week16 = (await listTimepoints(db, subject!.id))[2]!;
    expect(week16.studies.map((s) => s.studyInstanceUid)).toEqual(['1.2.5', '1.2.6']);
    expect((await listSubjects(db)).map((s) => s.label)).toEqual(['P001', 'P002']);
    expect(await readTables(db).newImages.count()).toBe(0);
    await expect(applyGrouping(reader.session, proposal)).rejects.toThrow(/already (in a timepoint|belongs)/);
  });

  it('edits subject dates, refusing a malformed one', async () => {
    const f = await readFixture();
    const updated = await updateSubject(f.session, f.subjectId, {
      enrollmentDate: '2026-01-05',
      label: 'TIL-001',
    });
    expect(updated.value).toMatchObject({ enrollmentDate: '2026-01-05', label: 'TIL-001' });
    await expect(updateSubject(f.session, f.subjectId, { deathDate: '2026-02-30' })).rejects.toThrow(
      'Death: enter a real calendar date (year, month and day)',
    );
    // fields that are not editable are ignored, even from untyped callers
    const sneaky = { patientIds: ['X'], id: 'other' } as unknown as Parameters<typeof updateSubject>[2];
    expect((await updateSubject(f.session, f.subjectId, sneaky)).value).toMatchObject({
      id: f.subjectId,
      patientIds: ['P001'],
    });
    const cleared = await updateSubject(f.session, f.subjectId, { enrollmentDate: null });
    expect(cleared.value.enrollmentDate).toBeNull();
    await undoCommand(f.session, cleared.command!);
    await redoCommand(f.session, cleared.command!);
  });

  it('refuses dates no subject can have, at the edited date, storing and auditing nothing', async () => {
    const f = await readFixture(); // scans 2026-01-02, 2026-03-01, 2026-04-26
    await updateSubject(f.session, f.subjectId, { enrollmentDate: '2026-01-05' });
    const auditBefore = await readTables(f.db).auditTrail.count();
    const refusal = (patch: Parameters<typeof updateSubject>[2]) =>
      updateSubject(f.session, f.subjectId, patch).then(
        () => null,
        (e: unknown) => e as ReadingError,
      );
    const death = await refusal({ deathDate: '2025-09-23' });
    expect(death).toMatchObject({ code: 'INVALID', field: 'deathDate' });
    expect(death?.message).toBe(
      'Death (2025-09-23) is before enrolment (2026-01-05): death must be on or after enrolment',
    );
    expect((await refusal({ deathDate: '2026-04-25' }))?.message).toContain(
      'before the last scan (2026-04-26)',
    );
    const enrolment = await refusal({ enrollmentDate: '2026-04-27' });
    expect(enrolment).toMatchObject({ field: 'enrollmentDate' });
    expect(enrolment?.message).toContain('after the last scan (2026-04-26)');
    expect((await refusal({ newAnticancerTherapyDate: '2026-01-01' }))?.message).toContain(
      'before the baseline scan (2026-01-02)',
    );
    // Refused: the stored subject and the audit trail are as they were.
    expect(await readTables(f.db).subjects.get(f.subjectId)).toMatchObject({
      enrollmentDate: '2026-01-05',
      deathDate: null,
      newAnticancerTherapyDate: null,
    });
    expect(await readTables(f.db).auditTrail.count()).toBe(auditBefore);
    // A screening baseline before enrolment, death on the day of the last scan: possible, saved.
    const saved = await updateSubject(f.session, f.subjectId, { deathDate: '2026-04-26' });
    expect(saved.value.deathDate).toBe('2026-04-26');
  });

  it('renames a visit, refusing a duplicate name and a signed timepoint', async () => {
    const f = await readFixture();
    await renameTimepoint(f.session, f.week8.id, 'Week 9');
    expect((await listTimepoints(f.db, f.subjectId))[1]!.visitName).toBe('Week 9');
    await expect(renameTimepoint(f.session, f.week16.id, 'Week 9')).rejects.toThrow(
      'already has a visit named "Week 9"',
    );
    await signTimepoint(f.session, { passphrase: PASSPHRASE, readId: f.read.id, timepointId: f.baseline.id });
    await expect(renameTimepoint(f.session, f.baseline.id, 'Screening')).rejects.toThrow(
      'Cannot rename the visit: Baseline is signed in your read; unlock it there (with a reason) first',
    );
  });
});

describe('fixing a wrong grouping', () => {
  it('moves a study into another timepoint and removes the emptied one', async () => {
    const f = await readFixture();
    await moveStudy(f.session, '1.2.5', { timepointId: f.week8.id });
    const timepoints = await listTimepoints(f.db, f.subjectId);
    expect(timepoints.map((t) => t.id)).toEqual([f.baseline.id, f.week8.id]);
    expect(timepoints[1]!.studies.map((s) => s.studyInstanceUid)).toEqual(['1.2.4', '1.2.5']);
    expect(await auditTrail(f.db, { entity: 'timepoint', entityId: f.week16.id })).toHaveLength(2);
  });

  it('moves a study of another patient into a new timepoint of this subject, rerouting its Patient ID', async () => {
    const f = await readFixture();
    await applyGrouping(
      f.session,
      proposeGrouping(
        [
          {
            studyInstanceUid: '7.7',
            patientId: 'P001-TYPO',
            patientName: 'TEST^ONE',
            studyDate: '2026-06-21',
          },
        ],
        await getGroupingState(f.db),
      ),
    );
    expect((await listSubjects(f.db)).map((s) => s.label)).toEqual(['P001', 'P001-TYPO']);
    const moved = await moveStudy(f.session, '7.7', { newTimepointOfSubjectId: f.subjectId });
    const timepoints = await listTimepoints(f.db, f.subjectId);
    expect(timepoints.at(-1)).toMatchObject({ id: moved.value.timepointId, visitName: 'Week 24' });
    const subjects = await listSubjects(f.db);
    expect(subjects.find((s) => s.id === f.subjectId)!.patientIds).toEqual(['P001', 'P001-TYPO']);
    // the wrongly created subject held nothing else: it is gone, and undo brings it back
    expect(subjects.map((s) => s.label)).toEqual(['P001']);
    await undoCommand(f.session, moved.command!);
    expect((await listSubjects(f.db)).map((s) => [s.label, s.patientIds])).toEqual([
      ['P001', ['P001']],
      ['P001-TYPO', ['P001-TYPO']],
    ]);
  });

  it('refuses moving a study that assessments were made on, out of a read baseline, or into a signed timepoint', async () => {
    const f = await readFixture();
    const nt1 = await addLesion(f.session, {
      readId: f.read.id,
      kind: 'non-target',
      locationCode: 'liver',
      timepointId: f.baseline.id,
      value: { status: 'present', marker: marker({ studyInstanceUid: '1.2.3' }) },
    });
    await expect(moveStudy(f.session, '1.2.3', { timepointId: f.week8.id })).rejects.toThrow(
      'Cannot move the study: Baseline is the baseline of a started read',
    );
    await setAssessment(f.session, {
      lesionId: nt1.value.lesion.id,
      timepointId: f.week8.id,
      value: { status: 'present', marker: marker({ studyInstanceUid: '1.2.4' }) },
    });
    const error = await moveStudy(f.session, '1.2.4', { timepointId: f.week16.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReadingError);
    expect((error as ReadingError).message).toBe(
      'Cannot move the study: 1 assessment(s) of Week 8 were made on its images',
    );
    await addLesion(f.session, {
      readId: f.read.id,
      kind: 'target',
      locationCode: 'liver',
      timepointId: f.baseline.id,
      value: { status: 'measured', fragments: [measure(20, null, { studyInstanceUid: '1.2.3' })] },
    });
    await signTimepoint(f.session, { passphrase: PASSPHRASE, readId: f.read.id, timepointId: f.baseline.id });
    await expect(moveStudy(f.session, '1.2.5', { timepointId: f.baseline.id })).rejects.toThrow(
      'Cannot move the study: Baseline is signed in your read',
    );
    expect((await readTables(f.db).timepoints.get(f.week16.id))!.studies).toHaveLength(1);
    expect((await readTables(f.db).timepoints.get(f.baseline.id))!.studies).toHaveLength(1);
    await expect(moveStudy(f.session, '4.4.4', { timepointId: f.baseline.id })).rejects.toThrow(
      'study 4.4.4 is not in any timepoint',
    );
  });
});
