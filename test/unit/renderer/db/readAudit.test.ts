import { describe, expect, it } from 'vitest';
import { auditTrail, recentAudit } from '../../../../src/renderer/db/auditLog';
import { addLesion, setAssessment } from '../../../../src/renderer/db/readLesions';
import { readTables } from '../../../../src/renderer/db/readSchema';
import { createAccount, updateAccount } from '../../../../src/renderer/db/readSubjects';
import { measure } from '../../core/reading/fixtures';
import { PASSPHRASE, readFixture } from './readTestDb';

const target = (f: Awaited<ReturnType<typeof readFixture>>, mm = 22) =>
  addLesion(f.session, {
    readId: f.read.id,
    kind: 'target',
    locationCode: 'liver',
    timepointId: f.baseline.id,
    value: { status: 'measured', fragments: [measure(mm)] },
  });

describe('audit events share the transaction of the change', () => {
  it('a failing audit append leaves the change unwritten', async () => {
    const f = await readFixture();
    const t = readTables(f.db);
    const { lesion } = (await target(f)).value;
    const eventsBefore = await t.auditTrail.count();
    t.auditTrail.hook('creating', () => {
      throw new Error('audit store full');
    });
    await expect(
      setAssessment(f.session, {
        lesionId: lesion.id,
        timepointId: f.week8.id,
        value: { status: 'absent', marker: null },
      }),
    ).rejects.toThrow('audit store full');
    expect(await t.assessments.get([lesion.id, f.week8.id])).toBeUndefined();
    expect(await t.auditTrail.count()).toBe(eventsBefore);
  });

  it('a failing record write leaves no event, and earlier writes of the same command roll back', async () => {
    const f = await readFixture();
    const t = readTables(f.db);
    const eventsBefore = await t.auditTrail.count();
    // addLesion writes the lesion (and its event) first, then the baseline assessment, which fails here
    t.assessments.hook('creating', () => {
      throw new Error('quota exceeded');
    });
    await expect(target(f)).rejects.toThrow('quota exceeded');
    expect(await t.lesions.count()).toBe(0);
    expect(await t.auditTrail.count()).toBe(eventsBefore);
  });

  it('every event names the reader and the time; seq orders the trail', async () => {
    const f = await readFixture();
    await target(f, 20);
    await target(f, 25);
    const trail = await auditTrail(f.db, { readId: f.read.id });
    expect(trail.map((e) => `${e.action} ${e.entity}`)).toEqual([
      'create read',
      'create lesion',
      'create assessment',
      'create lesion',
      'create assessment',
    ]);
    expect(new Set(trail.map((e) => e.readerId))).toEqual(new Set([f.reader.id]));
    const seqs = trail.map((e) => e.seq!);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    const ats = trail.map((e) => e.at);
    expect([...ats].sort()).toEqual(ats);
    expect((await recentAudit(f.db, 1))[0]!.seq).toBe(Math.max(...seqs));
  });

  it('refuses writes by an unknown reader, writing nothing', async () => {
    const f = await readFixture();
    const before = await readTables(f.db).auditTrail.count();
    await expect(target({ ...f, session: { ...f.session, readerId: 'ghost' } })).rejects.toThrow(
      'account ghost does not exist',
    );
    expect(await readTables(f.db).auditTrail.count()).toBe(before);
  });

  it('audits accounts (without their passphrase), and refuses a blank name', async () => {
    const f = await readFixture();
    const created = await createAccount(f.admin, {
      name: 'Dr A',
      role: 'site-radiologist',
      passphrase: PASSPHRASE,
    });
    await updateAccount(f.admin, { readerId: created.value.id, role: 'adjudicator' });
    const trail = await auditTrail(f.db, { entity: 'reader', entityId: created.value.id });
    expect(trail.map((e) => [e.action, (e.after as { role: string }).role, e.readerId])).toEqual([
      ['create', 'site-radiologist', f.admin.readerId],
      ['update', 'adjudicator', f.admin.readerId],
    ]);
    const credentialEvents = await auditTrail(f.db, { entity: 'credential', entityId: created.value.id });
    expect(credentialEvents.map((e) => e.action)).toEqual(['set-passphrase']);
    expect(Object.keys(credentialEvents[0]!.after as object)).not.toContain('salt');
    expect(Object.keys(credentialEvents[0]!.after as object)).not.toContain('hash');
    expect(created.command).toBeNull();
    await expect(
      createAccount(f.admin, { name: '  ', role: 'bicr-reader', passphrase: PASSPHRASE }),
    ).rejects.toThrow('Enter your name');
  });
});
