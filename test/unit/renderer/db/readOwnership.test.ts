/**
 * Issue 10, problem 2: before the write policy, setAssessment, addLesion, signTimepoint and
 * unlockTimepoint never compared the read's reader with the session's: a second reader profile (or
 * anyone, an "admin" being only a label) edited, signed and unlocked the first reader's read.
 */
import { describe, expect, it } from 'vitest';
import { addLesion, createRead, setAssessment } from '../../../../src/renderer/db/readLesions';
import { signTimepoint, unlockTimepoint } from '../../../../src/renderer/db/readSignoff';
import { measure } from '../../core/reading/fixtures';
import { baselineRead, refusal, signBaseline, storedTables } from './policyFixtures';
import { createTestAccount, PASSPHRASE } from './readTestDb';

describe("only a read's own reader changes it", () => {
  it("refuses a second reader's edits, signature and unlock on the first reader's read, storing nothing", async () => {
    const f = await baselineRead();
    await signBaseline(f);
    await setAssessment(f.session, {
      lesionId: f.t1.id,
      timepointId: f.week8.id,
      value: { status: 'absent', marker: null },
    });
    await setAssessment(f.session, {
      lesionId: f.nt1.id,
      timepointId: f.week8.id,
      value: { status: 'absent', marker: null },
    });
    const { session: other } = await createTestAccount(
      f.db,
      { name: 'Dr Second', role: 'bicr-reader' },
      f.admin,
    );
    const before = await storedTables(f.db);
    const attempts = [
      () =>
        setAssessment(other, {
          lesionId: f.t1.id,
          timepointId: f.week8.id,
          value: { status: 'measured', fragments: [measure(30)] },
        }),
      () =>
        addLesion(other, {
          readId: f.read.id,
          kind: 'new',
          locationCode: 'liver',
          timepointId: f.week8.id,
          value: { status: 'unequivocal', measurement: measure(15), marker: null },
        }),
      () => signTimepoint(other, { passphrase: PASSPHRASE, readId: f.read.id, timepointId: f.week8.id }),
      () =>
        unlockTimepoint(other, {
          passphrase: PASSPHRASE,
          readId: f.read.id,
          timepointId: f.baseline.id,
          reason: 'I disagree with T1',
        }),
    ];
    for (const attempt of attempts) {
      const error = await refusal(attempt());
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toBe('This read belongs to Dr Reader: only its own reader can change or sign it');
    }
    expect(await storedTables(f.db)).toEqual(before);
  });

  it('refuses an administrator starting or editing a read', async () => {
    const f = await baselineRead();
    const before = await storedTables(f.db);
    const start = await refusal(createRead(f.admin, { subjectId: f.subjectId }));
    expect(start.code).toBe('FORBIDDEN');
    expect(start.message).toMatch(/^An administrator manages accounts and settings, not reads/);
    const edit = await refusal(
      setAssessment(f.admin, {
        lesionId: f.t1.id,
        timepointId: f.week8.id,
        value: { status: 'absent', marker: null },
      }),
    );
    expect(edit.code).toBe('FORBIDDEN');
    const add = await refusal(
      addLesion(f.admin, {
        readId: f.read.id,
        kind: 'target',
        locationCode: 'liver',
        timepointId: f.baseline.id,
        value: { status: 'measured', fragments: [measure(30)] },
      }),
    );
    expect(add.code).toBe('FORBIDDEN');
    expect(await storedTables(f.db)).toEqual(before);
  });
});
