/**
 * Issue 10, problem 3: before, updateSubject had no lock check (and undo of a subject change skipped
 * every check): anyone changed enrolment, death and new-therapy dates after sign-off, silently changing
 * the PFS and DOR of signed reads. Now the dates freeze at the first signature of any read of the subject.
 */
import { describe, expect, it } from 'vitest';
import { auditTrail } from '../../../../src/renderer/db/auditLog';
import { runCommand } from '../../../../src/renderer/db/commandRunner';
import { createRead, setAssessment } from '../../../../src/renderer/db/readLesions';
import { readTables } from '../../../../src/renderer/db/readSchema';
import { reSignRead, signTimepoint } from '../../../../src/renderer/db/readSignoff';
import { updateSubject } from '../../../../src/renderer/db/readSubjects';
import { undoCommand } from '../../../../src/renderer/db/readUndo';
import { measure } from '../../core/reading/fixtures';
import { baselineRead, refusal, signBaseline, storedTables } from './policyFixtures';
import { createTestAccount, PASSPHRASE } from './readTestDb';

/** Enrolled, baseline and week 8 (SD) signed by Dr Reader; a second reader has signed an empty baseline. */
async function signedSubject() {
  const f = await baselineRead();
  const enrolled = await updateSubject(f.session, f.subjectId, { enrollmentDate: '2026-01-05' });
  await signBaseline(f);
  await setAssessment(f.session, {
    lesionId: f.t1.id,
    timepointId: f.week8.id,
    value: { status: 'measured', fragments: [measure(20)] },
  });
  await setAssessment(f.session, {
    lesionId: f.nt1.id,
    timepointId: f.week8.id,
    value: { status: 'present', marker: null },
  });
  await signTimepoint(f.session, { passphrase: PASSPHRASE, readId: f.read.id, timepointId: f.week8.id });
  const second = await createTestAccount(f.db, { name: 'Dr Second', role: 'bicr-reader' }, f.admin);
  const read2 = (await createRead(second.session, { subjectId: f.subjectId })).value;
  await signTimepoint(second.session, {
    passphrase: PASSPHRASE,
    readId: read2.id,
    timepointId: f.baseline.id,
  });
  return { ...f, enrolled, second: second.session, read2 };
}

describe('subject dates after a signature', () => {
  it("refuse the reader's change, and an admin's without a reason or passphrase, storing nothing", async () => {
    const f = await signedSubject();
    const before = await storedTables(f.db);
    const byReader = await refusal(updateSubject(f.session, f.subjectId, { deathDate: '2026-05-10' }));
    expect(['FROZEN', 'FORBIDDEN']).toContain(byReader.code);
    expect(byReader.message).toContain('a read of this subject is signed');
    const withoutReason = await refusal(
      updateSubject(
        f.admin,
        f.subjectId,
        { deathDate: '2026-05-10' },
        { reason: ' ', passphrase: PASSPHRASE },
      ),
    );
    expect(withoutReason.code).toBe('REASON_REQUIRED');
    // a reason but no passphrase typed again (what the repository wrapper cannot even send)
    const withoutPassphrase = await refusal(
      runCommand(f.admin, {
        type: 'updateSubject',
        input: { subjectId: f.subjectId, patch: { deathDate: '2026-05-10' }, reason: 'death certificate' },
        label: 'edit subject',
      }),
    );
    expect(withoutPassphrase.code).toBe('SIGNATURE');
    const wrongPassphrase = await refusal(
      updateSubject(
        f.admin,
        f.subjectId,
        { deathDate: '2026-05-10' },
        { reason: 'death certificate', passphrase: 'nope nope nope' },
      ),
    );
    expect(wrongPassphrase.code).toBe('SIGNATURE');
    expect(await storedTables(f.db)).toEqual(before);
    // the label is not frozen
    await updateSubject(f.session, f.subjectId, { label: 'TIL-001' });
  });

  it("take an admin's signed, reasoned correction, which marks each signed read until its reader re-signs", async () => {
    const f = await signedSubject();
    const corrected = await updateSubject(
      f.admin,
      f.subjectId,
      { deathDate: '2026-05-10' },
      { reason: 'death certificate received', passphrase: PASSPHRASE },
    );
    expect(corrected.value.deathDate).toBe('2026-05-10');
    const notices = await readTables(f.db).changeNotices.toArray();
    expect(notices.map((n) => n.readId).sort()).toEqual([f.read.id, f.read2.id].sort());
    const mine = notices.find((n) => n.readId === f.read.id)!;
    expect(mine).toMatchObject({
      field: 'deathDate',
      from: null,
      to: '2026-05-10',
      reason: 'death certificate received',
      resolvedBySignatureId: null,
    });
    expect(mine.before).not.toBeNull();
    expect(mine.after).not.toBeNull();
    // death is now the PFS event: 2026-01-05 -> 2026-05-10
    expect(mine.after!.pfsEvent).toBe(true);
    expect(mine.after!.pfsDays).not.toBe(mine.before!.pfsDays);
    const events = await auditTrail(f.db, { commandId: corrected.commandId });
    expect(events.find((e) => e.entity === 'subject')).toMatchObject({
      action: 'correct',
      readerId: f.admin.readerId,
      reason: 'death certificate received',
    });
    const signature = events.find((e) => e.entity === 'signature')!.after as {
      kind: string;
      signerId: string;
    };
    expect(signature).toMatchObject({ kind: 'correct-subject', signerId: f.admin.readerId });

    // another reader cannot close Dr Reader's notice; Dr Reader can
    expect((await refusal(reSignRead(f.second, { readId: f.read.id, passphrase: PASSPHRASE }))).code).toBe(
      'FORBIDDEN',
    );
    const resigned = await reSignRead(f.session, { readId: f.read.id, passphrase: PASSPHRASE });
    expect(resigned.value).toHaveLength(1);
    const closed = await readTables(f.db).changeNotices.get(mine.id);
    expect(closed!.resolvedBySignatureId).toBe(
      (await readTables(f.db).eSignatures.where('readId').equals(f.read.id).toArray()).find(
        (s) => s.kind === 're-sign',
      )!.id,
    );
    expect(
      (await readTables(f.db).changeNotices.get(notices.find((n) => n.readId === f.read2.id)!.id))!
        .resolvedBySignatureId,
    ).toBeNull();
    expect((await refusal(reSignRead(f.session, { readId: f.read.id, passphrase: PASSPHRASE }))).code).toBe(
      'CONFLICT',
    );
  });

  it('refuse the undo of a date change made before the signature', async () => {
    const f = await signedSubject();
    const before = await storedTables(f.db);
    const undo = await refusal(undoCommand(f.session, f.enrolled.command!));
    expect(undo.code).toBe('FROZEN');
    expect(await storedTables(f.db)).toEqual(before);
    expect((await readTables(f.db).subjects.get(f.subjectId))!.enrollmentDate).toBe('2026-01-05');
  });
});
