import { describe, expect, it } from 'vitest';
import { GENESIS, sealAuditTrail, sha256Hex, verifyAuditTrail } from '../../../../src/renderer/db/auditSeal';
import { setAssessment } from '../../../../src/renderer/db/readLesions';
import { readTables } from '../../../../src/renderer/db/readSchema';
import { storedScenario } from './readTestDb';

describe('audit hash chain', () => {
  it('hashes with SHA-256', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(GENESIS).toHaveLength(64);
  });

  it('seals every event once, chaining later seals to earlier ones', async () => {
    const f = await storedScenario();
    const t = readTables(f.db);
    const count = await t.audit.count();
    expect(await sealAuditTrail(f.db)).toBe(count);
    expect(await sealAuditTrail(f.db)).toBe(0);
    expect(await verifyAuditTrail(f.db)).toEqual({ ok: true, sealedThrough: count, unsealed: 0 });

    const lesionId = (await t.lesions.toArray()).find((l) => l.kind === 'target')!.id;
    await setAssessment(f.session, {
      lesionId,
      timepointId: f.week8.id,
      value: { status: 'too-small', marker: null },
    });
    expect(await verifyAuditTrail(f.db)).toEqual({ ok: true, sealedThrough: count, unsealed: 1 });
    expect(await sealAuditTrail(f.db)).toBe(1);
    expect(await verifyAuditTrail(f.db)).toMatchObject({ ok: true, unsealed: 0 });
  });

  it('concurrent sealers seal each event once', async () => {
    const f = await storedScenario();
    const sealed = await Promise.all([sealAuditTrail(f.db), sealAuditTrail(f.db)]);
    const count = await readTables(f.db).audit.count();
    expect(sealed.sort()).toEqual([0, count]);
    expect(await readTables(f.db).auditSeals.count()).toBe(count);
  });

  it('shows an edited, deleted or inserted event', async () => {
    const f = await storedScenario();
    await sealAuditTrail(f.db);
    const { audit } = readTables(f.db);
    const victim = (await audit.where('entity').equals('assessment').first())!;
    await audit.put({ ...victim, after: { forged: true } });
    expect(await verifyAuditTrail(f.db)).toEqual({
      ok: false,
      seq: victim.seq,
      problem: 'the event differs from what was sealed (or an earlier one does)',
    });
    await audit.put(victim);
    expect((await verifyAuditTrail(f.db)).ok).toBe(true);

    await audit.delete(victim.seq!);
    expect(await verifyAuditTrail(f.db)).toMatchObject({
      ok: false,
      seq: victim.seq,
      problem: 'a sealed event is missing',
    });
    await audit.put(victim);

    const sealed = await readTables(f.db).auditSeals.toArray();
    await readTables(f.db).auditSeals.delete(sealed[2]!.seq);
    expect(await verifyAuditTrail(f.db)).toMatchObject({ ok: false, seq: sealed[3]!.seq });
  });
});
