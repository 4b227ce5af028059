/**
 * Issue 10, problem 4: the old chain was plain SHA-256 seals in the same database, written later by a
 * sealer: editing an event and resealing from there, or deleting the last event with its seal, still
 * verified. Now every event is sealed in its own transaction and the head is signed with the
 * installation key; tampering with the raw Dexie table, as an attacker with the page would, is found
 * and the first bad event named.
 */
import { describe, expect, it } from 'vitest';
import { sealEvents, type ChainHead } from '../../../../src/core/audit/chain';
import { verifyStoredTrail } from '../../../../src/renderer/db/auditLog';
import { setAssessment } from '../../../../src/renderer/db/readLesions';
import { renameTimepoint, updateSubject } from '../../../../src/renderer/db/readSubjects';
import { baselineRead, signBaseline } from './policyFixtures';

type StoredEvent = Record<string, unknown> & { seq: number; prevHash: string; hash: string };

/** A read with a few kinds of commands behind it: accounts, grouping, lesions, a signature, edits. */
async function history() {
  const f = await baselineRead();
  await signBaseline(f);
  await setAssessment(f.session, {
    lesionId: f.t1.id,
    timepointId: f.week8.id,
    value: { status: 'absent', marker: null },
  });
  await updateSubject(f.session, f.subjectId, { label: 'TIL-001' });
  await renameTimepoint(f.session, f.week16.id, 'Cycle 6');
  const raw = f.db.table<StoredEvent, number>('auditTrail');
  const events = await raw.orderBy('seq').toArray();
  return { ...f, raw, events };
}

/** Strips the seal, as an attacker does before resealing. */
function unsealed(event: StoredEvent): Record<string, unknown> {
  const { seq: _seq, prevHash: _prevHash, hash: _hash, ...body } = event;
  return body;
}

describe('the stored audit trail', () => {
  it('verifies after a series of commands', async () => {
    const f = await history();
    expect(f.events.length).toBeGreaterThan(10);
    expect(await verifyStoredTrail(f.db, f.signer)).toEqual({
      ok: true,
      head: { seq: f.events.length, hash: f.events.at(-1)!.hash },
      events: f.events.length,
    });
  });

  it("finds an event whose 'after' was edited, naming it", async () => {
    const f = await history();
    const target = f.events[5]!;
    await f.raw.put({ ...target, after: { tampered: true } });
    expect(await verifyStoredTrail(f.db, f.signer)).toMatchObject({ ok: false, seq: target.seq });
  });

  it('finds an edit resealed from the edited event to the end (the head signature no longer fits)', async () => {
    const f = await history();
    const from = f.events[5]!;
    const head: ChainHead = { seq: from.seq - 1, hash: from.prevHash };
    const edited = [{ ...unsealed(from), after: { tampered: true } }, ...f.events.slice(6).map(unsealed)];
    await f.raw.bulkPut(sealEvents(head, edited).events as StoredEvent[]);
    const result = await verifyStoredTrail(f.db, f.signer);
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ seq: f.events.length });
  });

  it('finds the last event deleted', async () => {
    const f = await history();
    const last = f.events.at(-1)!;
    await f.raw.delete(last.seq);
    const result = await verifyStoredTrail(f.db, f.signer);
    expect(result).toMatchObject({ ok: false, seq: last.seq });
    expect(result.ok === false && result.problem).toContain(`event ${last.seq}`);
  });

  it('finds a forged event appended with a correct hash', async () => {
    const f = await history();
    const last = f.events.at(-1)!;
    const forged = sealEvents({ seq: last.seq, hash: last.hash }, [unsealed(last)]).events[0] as StoredEvent;
    await f.raw.add(forged);
    expect(await verifyStoredTrail(f.db, f.signer)).toMatchObject({
      ok: false,
      seq: forged.seq,
      problem: `event ${forged.seq} comes after the signed head (event ${last.seq})`,
    });
  });

  it('finds an event inserted in the middle', async () => {
    const f = await history();
    // everything from event 6 on moves one place up, and a copy of event 3 goes in at 6
    const moved = f.events.slice(5).map((e) => ({ ...e, seq: e.seq + 1 }));
    await f.raw.bulkPut([...moved].reverse());
    await f.raw.put({ ...f.events[2]!, seq: 6 });
    expect(await verifyStoredTrail(f.db, f.signer)).toMatchObject({ ok: false, seq: 6 });
  });

  it('finds two events swapped', async () => {
    const f = await history();
    const [a, b] = [f.events[3]!, f.events[4]!];
    await f.raw.bulkPut([
      { ...b, seq: a.seq },
      { ...a, seq: b.seq },
    ]);
    expect(await verifyStoredTrail(f.db, f.signer)).toMatchObject({ ok: false, seq: a.seq });
  });
});

describe('writing onto an altered trail', () => {
  // Before, a change appended to an altered trail was sealed onto it and looked legitimate.
  it('is refused, and nothing is stored', async () => {
    const f = await history();
    const target = f.events[5]!;
    await f.raw.put({ ...target, after: { tampered: true } });
    // A new window: this session has not verified the trail yet.
    const session = {
      ...f.session,
      db: new (f.db.constructor as new (name: string) => typeof f.db)(f.db.name),
    };
    const before = await session.db.table('auditTrail').count();
    const refused = await setAssessment(session, {
      lesionId: f.t1.id,
      timepointId: f.week16.id,
      value: { status: 'absent', marker: null },
    }).then(
      () => null,
      (error: unknown) => error as { code: string; message: string },
    );
    expect(refused?.code).toBe('TAMPERED');
    expect(refused?.message).toContain(`event ${target.seq} was changed after it was written`);
    expect(await session.db.table('auditTrail').count()).toBe(before);
    expect(await session.db.table('assessments').get([f.t1.id, f.week16.id])).toBeUndefined();
  });
});
