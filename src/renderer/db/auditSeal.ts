/**
 * Tamper evidence for the audit trail (21 CFR Part 11): a SHA-256 hash chain over the events in `seq`
 * order, each seal hashing the previous seal's hash and the event's canonical JSON. Sealing runs after
 * the writes, never inside them: hashing awaits crypto.subtle, and awaiting a non-Dexie promise inside a
 * Dexie transaction would commit it early. So events are read, hashed outside any transaction, and the
 * seals written in a short transaction that first checks nobody sealed or changed those events meanwhile.
 *
 * Call sealAuditTrail after edits (debounced) or on a timer; verifyAuditTrail proves the sealed part
 * unchanged: an edited, removed or reordered event breaks the chain from that event on.
 */
import { canonicalJson, type AuditEvent } from '../../core/reading/audit';
import { readTables, type AuditSeal, type ReadDatabase } from './readSchema';

export type Digest = (text: string) => Promise<string>;

export const sha256Hex: Digest = async (text) => {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
};

/** The chain's start: what the first event's hash is chained to. */
export const GENESIS = '0'.repeat(64);

function chainInput(previousHash: string, event: AuditEvent): string {
  return `${previousHash}\n${canonicalJson(event)}`;
}

/** Seals every event not sealed yet; returns how many it sealed (0 when another sealer got there first). */
export async function sealAuditTrail(db: ReadDatabase, digest: Digest = sha256Hex): Promise<number> {
  const t = readTables(db);
  const { last, events } = await db.transaction('r', [t.audit, t.auditSeals], async () => {
    const lastSeal = await t.auditSeals.orderBy('seq').last();
    const after = lastSeal?.seq ?? 0;
    return { last: lastSeal ?? null, events: await t.audit.where('seq').above(after).toArray() };
  });
  if (events.length === 0) return 0;

  const seals: AuditSeal[] = [];
  let previous = last?.hash ?? GENESIS;
  for (const event of events) {
    previous = await digest(chainInput(previous, event));
    seals.push({ seq: event.seq!, hash: previous });
  }

  return db.transaction('rw', [t.audit, t.auditSeals], async () => {
    const current = await t.auditSeals.orderBy('seq').last();
    if ((current?.seq ?? 0) !== (last?.seq ?? 0)) return 0;
    // Events are append-only; re-reading them here makes a change between reading and sealing visible.
    const again = await t.audit.bulkGet(events.map((e) => e.seq!));
    again.forEach((event, i) => {
      if (!event || canonicalJson(event) !== canonicalJson(events[i]))
        throw new Error(`audit event ${events[i]!.seq} changed while it was being sealed`);
    });
    await t.auditSeals.bulkAdd(seals);
    return seals.length;
  });
}

export type AuditVerification =
  | { readonly ok: true; readonly sealedThrough: number; readonly unsealed: number }
  | { readonly ok: false; readonly seq: number; readonly problem: string };

/** Recomputes the chain over all sealed events and compares it with the stored seals. */
export async function verifyAuditTrail(
  db: ReadDatabase,
  digest: Digest = sha256Hex,
): Promise<AuditVerification> {
  const t = readTables(db);
  const { events, seals } = await db.transaction('r', [t.audit, t.auditSeals], async () => ({
    events: await t.audit.orderBy('seq').toArray(),
    seals: await t.auditSeals.orderBy('seq').toArray(),
  }));
  const bySeq = new Map(events.map((e) => [e.seq!, e]));
  let previous = GENESIS;
  for (const seal of seals) {
    const event = bySeq.get(seal.seq);
    if (!event) return { ok: false, seq: seal.seq, problem: 'a sealed event is missing' };
    previous = await digest(chainInput(previous, event));
    if (previous !== seal.hash)
      return {
        ok: false,
        seq: seal.seq,
        problem: 'the event differs from what was sealed (or an earlier one does)',
      };
  }
  const sealedThrough = seals.at(-1)?.seq ?? 0;
  const sealedCount = new Set(seals.map((s) => s.seq));
  const skipped = events.find((e) => e.seq! <= sealedThrough && !sealedCount.has(e.seq!));
  if (skipped) return { ok: false, seq: skipped.seq!, problem: 'an event was inserted into the sealed part' };
  return { ok: true, sealedThrough, unsealed: events.filter((e) => e.seq! > sealedThrough).length };
}
