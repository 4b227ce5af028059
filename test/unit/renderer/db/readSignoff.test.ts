import { describe, expect, it } from 'vitest';
import { auditTrail } from '../../../../src/renderer/db/auditLog';
import {
  addLesion,
  createRead,
  deleteLesion,
  saveKeyImage,
  setAssessment,
  updateLesion,
  updateRead,
} from '../../../../src/renderer/db/readLesions';
import { loadReadView } from '../../../../src/renderer/db/readQueries';
import { readTables } from '../../../../src/renderer/db/readSchema';
import { signTimepoint, unlockTimepoint } from '../../../../src/renderer/db/readSignoff';
import { marker, measure } from '../../core/reading/fixtures';
import { createTestAccount, readFixture, PASSPHRASE } from './readTestDb';

/** T1 (22 mm, measurable on the fixture's series, whose thickness is unknown) and NT1: no selection violation. */
async function baselineRead() {
  const f = await readFixture();
  const t1 = (
    await addLesion(f.session, {
      readId: f.read.id,
      kind: 'target',
      locationCode: 'lung.rul',
      timepointId: f.baseline.id,
      value: { status: 'measured', fragments: [measure(22)] },
    })
  ).value.lesion;
  const nt1 = (
    await addLesion(f.session, {
      readId: f.read.id,
      kind: 'non-target',
      locationCode: 'pleura.r',
      timepointId: f.baseline.id,
      value: { status: 'present', marker: marker() },
    })
  ).value.lesion;
  return { ...f, t1, nt1 };
}

describe('signing a timepoint', () => {
  it('locks the baseline: lesion definitions and assessments refused with a clear error', async () => {
    const f = await baselineRead();
    const signed = await signTimepoint(f.session, {
      passphrase: PASSPHRASE,
      readId: f.read.id,
      timepointId: f.baseline.id,
    });
    expect(signed.value.signoff).toMatchObject({ signedBy: f.reader.id, overrideId: null });
    expect(signed.command).toBeNull();
    const locked = 'Baseline is signed and locked; unlock it (with a reason) to change it';
    await expect(
      setAssessment(f.session, {
        lesionId: f.t1.id,
        timepointId: f.baseline.id,
        value: { status: 'measured', fragments: [measure(25)] },
      }),
    ).rejects.toThrow(`cannot change the assessment of T1: ${locked}`);
    await expect(updateLesion(f.session, f.t1.id, { locationCode: 'lung.rml' })).rejects.toThrow(
      `cannot change lesion T1: ${locked}`,
    );
    await expect(deleteLesion(f.session, f.nt1.id)).rejects.toThrow(`cannot change lesion NT1: ${locked}`);
    await expect(
      addLesion(f.session, {
        readId: f.read.id,
        kind: 'target',
        locationCode: 'liver',
        timepointId: f.baseline.id,
        value: { status: 'measured', fragments: [measure(30)] },
      }),
    ).rejects.toThrow(`cannot change lesion T2: ${locked}`);
    await expect(
      saveKeyImage(f.session, {
        lesionId: f.t1.id,
        timepointId: f.baseline.id,
        png: new Blob([], { type: 'image/png' }),
      }),
    ).rejects.toThrow(/Baseline is signed and locked/);
    await expect(updateRead(f.session, f.read.id, { criteria: 'iRECIST' })).rejects.toThrow(
      /once a timepoint/,
    );
    // follow-ups stay open
    await setAssessment(f.session, {
      lesionId: f.t1.id,
      timepointId: f.week8.id,
      value: { status: 'absent', marker: null },
    });
    const view = await loadReadView(f.db, f.read.id);
    expect(
      view.assessments.find((a) => a.lesionId === f.t1.id && a.timepointId === f.baseline.id)!.value,
    ).toMatchObject({
      status: 'measured',
    });
  });

  it('signs in date order and only complete timepoints', async () => {
    const f = await baselineRead();
    await expect(
      signTimepoint(f.session, { passphrase: PASSPHRASE, readId: f.read.id, timepointId: f.week8.id }),
    ).rejects.toThrow('sign Baseline before Week 8');
    await signTimepoint(f.session, { passphrase: PASSPHRASE, readId: f.read.id, timepointId: f.baseline.id });
    await setAssessment(f.session, {
      lesionId: f.t1.id,
      timepointId: f.week8.id,
      value: { status: 'too-small', marker: null },
    });
    await expect(
      signTimepoint(f.session, { passphrase: PASSPHRASE, readId: f.read.id, timepointId: f.week8.id }),
    ).rejects.toThrow('Week 8 cannot be signed: NT1 not assessed');
    await setAssessment(f.session, {
      lesionId: f.nt1.id,
      timepointId: f.week8.id,
      value: { status: 'not-evaluated', note: 'pleura outside the field of view' },
    });
    await signTimepoint(f.session, { passphrase: PASSPHRASE, readId: f.read.id, timepointId: f.week8.id });
  });

  it('needs an override reason for unresolved engine violations and stores it with them', async () => {
    const f = await baselineRead();
    // 12 mm slices make the 22 mm T1 unmeasurable (< 2 x slice thickness): the engine finds it itself
    const checks = { sliceThicknessMm: (uid: string) => (uid === '1.2.3.4' ? 12 : null) };
    await expect(
      signTimepoint(
        f.session,
        { passphrase: PASSPHRASE, readId: f.read.id, timepointId: f.baseline.id },
        checks,
      ),
    ).rejects.toThrow(
      'Baseline has unresolved violations (TARGET_NOT_MEASURABLE): signing needs an override reason',
    );
    expect(await readTables(f.db).signoffs.count()).toBe(0);
    const signed = await signTimepoint(
      f.session,
      {
        passphrase: PASSPHRASE,
        readId: f.read.id,
        timepointId: f.baseline.id,
        overrideReason: 'thin reconstruction unavailable at site',
      },
      checks,
    );
    expect(signed.value.override).toMatchObject({
      reason: 'thin reconstruction unavailable at site',
      violations: [{ code: 'TARGET_NOT_MEASURABLE', lesionIds: ['T1'] }],
    });
    expect(signed.value.signoff.overrideId).toBe(signed.value.override!.id);
    const events = await auditTrail(f.db, { commandId: signed.commandId });
    expect(events.map((e) => [e.action, e.entity, e.reason])).toEqual([
      ['sign', 'signature', 'thin reconstruction unavailable at site'],
      ['override', 'override', 'thin reconstruction unavailable at site'],
      ['sign', 'signoff', null],
    ]);
    // the same violation, overridden at baseline, does not block the next timepoint
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
    const week8 = await signTimepoint(
      f.session,
      { passphrase: PASSPHRASE, readId: f.read.id, timepointId: f.week8.id },
      checks,
    );
    expect(week8.value.override).toBeNull();
  });

  it('finds a target under 10 mm at baseline without any slice thickness, and refuses to sign without an override', async () => {
    const f = await readFixture();
    await addLesion(f.session, {
      readId: f.read.id,
      kind: 'target',
      locationCode: 'lung.rul',
      timepointId: f.baseline.id,
      value: { status: 'measured', fragments: [measure(8)] },
    });
    await expect(
      signTimepoint(f.session, { passphrase: PASSPHRASE, readId: f.read.id, timepointId: f.baseline.id }),
    ).rejects.toThrow('Baseline has unresolved violations (TARGET_NOT_MEASURABLE)');
    expect(await readTables(f.db).signoffs.count()).toBe(0);
    expect(await readTables(f.db).eSignatures.count()).toBe(0);
  });
});

describe('unlocking', () => {
  it('needs a reason, is audited with it, and reopens the timepoint', async () => {
    const f = await baselineRead();
    await signTimepoint(f.session, { passphrase: PASSPHRASE, readId: f.read.id, timepointId: f.baseline.id });
    await expect(
      unlockTimepoint(f.session, {
        passphrase: PASSPHRASE,
        readId: f.read.id,
        timepointId: f.baseline.id,
        reason: ' ',
      }),
    ).rejects.toThrow('unlocking Baseline needs a reason');
    const unlocked = await unlockTimepoint(f.session, {
      passphrase: PASSPHRASE,
      readId: f.read.id,
      timepointId: f.baseline.id,
      reason: 'T1 was measured on the wrong series',
    });
    const events = await auditTrail(f.db, { commandId: unlocked.commandId });
    expect(events).toMatchObject([
      { action: 'sign', entity: 'signature', reason: 'T1 was measured on the wrong series' },
      { action: 'unlock', entity: 'signoff', reason: 'T1 was measured on the wrong series', after: null },
    ]);
    expect(await readTables(f.db).signoffs.count()).toBe(0);
    await updateLesion(f.session, f.t1.id, { locationCode: 'lung.rml' });
  });

  it('refuses unlocking while a later timepoint is signed', async () => {
    const f = await baselineRead();
    await signTimepoint(f.session, { passphrase: PASSPHRASE, readId: f.read.id, timepointId: f.baseline.id });
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
    await signTimepoint(f.session, { passphrase: PASSPHRASE, readId: f.read.id, timepointId: f.week8.id });
    await expect(
      unlockTimepoint(f.session, {
        passphrase: PASSPHRASE,
        readId: f.read.id,
        timepointId: f.baseline.id,
        reason: 'typo',
      }),
    ).rejects.toThrow("unlock Week 8 first: Baseline's values feed their responses");
    await expect(
      unlockTimepoint(f.session, {
        passphrase: PASSPHRASE,
        readId: f.read.id,
        timepointId: f.week16.id,
        reason: 'typo',
      }),
    ).rejects.toThrow('Week 16 is not signed');
  });

  it("locks per read: another reader's read of the subject stays open", async () => {
    const f = await baselineRead();
    await signTimepoint(f.session, { passphrase: PASSPHRASE, readId: f.read.id, timepointId: f.baseline.id });
    const { session } = await createTestAccount(f.db, { name: 'Dr Two', role: 'bicr-reader' }, f.admin);
    const read2 = (await createRead(session, { subjectId: f.subjectId })).value;
    const added = await addLesion(session, {
      readId: read2.id,
      kind: 'target',
      locationCode: 'liver',
      timepointId: f.baseline.id,
      value: { status: 'measured', fragments: [measure(40)] },
    });
    expect(added.value.lesion.label).toBe('T1');
    await expect(createRead(session, { subjectId: f.subjectId })).rejects.toThrow('already has a read');
  });
});
