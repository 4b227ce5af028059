import { describe, expect, it } from 'vitest';
import { auditTrail, recentAudit } from '../../../../src/renderer/db/auditLog';
import { addLesion, setAssessment } from '../../../../src/renderer/db/readLesions';
import { readTables } from '../../../../src/renderer/db/readSchema';
import { createReader, updateReader } from '../../../../src/renderer/db/readSubjects';
import { measure } from '../../core/reading/fixtures';
import { freshDb, readFixture } from './readTestDb';

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
    const eventsBefore = await t.audit.count();
    t.audit.hook('creating', () => {
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
    expect(await t.audit.count()).toBe(eventsBefore);
  });

  it('a failing record write leaves no event, and earlier writes of the same command roll back', async () => {
    const f = await readFixture();
    const t = readTables(f.db);
    const eventsBefore = await t.audit.count();
    // addLesion writes the lesion (and its event) first, then the baseline assessment, which fails here
    t.assessments.hook('creating', () => {
      throw new Error('quota exceeded');
    });
    await expect(target(f)).rejects.toThrow('quota exceeded');
    expect(await t.lesions.count()).toBe(0);
    expect(await t.audit.count()).toBe(eventsBefore);
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
    const before = await readTables(f.db).audit.count();
    await expect(target({ ...f, session: { ...f.session, readerId: 'ghost' } })).rejects.toThrow(
      'reader profile ghost does not exist',
    );
    expect(await readTables(f.db).audit.count()).toBe(before);
  });

  it('audits reader profiles, and refuses a blank name', async () => {
    const db = freshDb();
    const created = await createReader(db, { name: 'Dr A', role: 'site-radiologist' });
    const session = { db, readerId: created.value.id };
    await updateReader(session, { role: 'adjudicator' });
    const trail = await auditTrail(db, { entity: 'reader', entityId: created.value.id });
    expect(trail.map((e) => [e.action, (e.after as { role: string }).role])).toEqual([
      ['create', 'site-radiologist'],
      ['update', 'adjudicator'],
    ]);
    expect(created.command).toBeNull();
    await expect(createReader(db, { name: '  ', role: 'bicr-reader' })).rejects.toThrow('Enter your name');
  });
});
