import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_HEAD,
  keyFingerprint,
  sealEvents,
  verifyChain,
  verifyHeadSignature,
  type SignedHead,
} from '../../../../src/core/audit/chain';
import { draft, hasHighS, HEAD_AT, makeKey, makeTrail, otherHalfOfS, type TestEvent } from './trail';

const failure = (seq: number | null, problem: RegExp) => ({
  ok: false,
  seq,
  problem: expect.stringMatching(problem),
});

describe('verifyChain: a whole trail', () => {
  it('accepts an intact trail in any array order, and an empty one', async () => {
    const { events, head } = await makeTrail(6);
    expect(verifyChain(events, head)).toEqual({ ok: true, head: { seq: 6, hash: head.hash }, events: 6 });
    expect(verifyChain([...events].reverse(), head)).toMatchObject({ ok: true, events: 6 });
    expect(verifyChain([], null)).toEqual({ ok: true, head: EMPTY_HEAD, events: 0 });
    expect(verifyChain(events, null)).toEqual(failure(6, /no signed head/));
  });

  it('names an event edited after it was written', async () => {
    const { events, head } = await makeTrail(6);
    const edited = events.map((e) => (e.seq === 3 ? { ...e, after: { mm: 99, note: 'change 3' } } : e));
    expect(verifyChain(edited, head)).toEqual(failure(3, /^event 3 was changed after it was written$/));
    const reasonAdded = events.map((e) => (e.seq === 5 ? { ...e, reason: 'typo' } : e));
    expect(verifyChain(reasonAdded, head)).toEqual(failure(5, /^event 5 was changed/));
    const fieldAdded = events.map((e) => (e.seq === 2 ? { ...e, extra: true } : e));
    expect(verifyChain(fieldAdded, head)).toEqual(failure(2, /^event 2 was changed/));
  });

  it('names the deleted event: first, middle or last', async () => {
    const { events, head } = await makeTrail(6);
    expect(verifyChain(events.slice(1), head)).toEqual(failure(1, /^event 1 is missing \(deleted\)$/));
    const middle = events.filter((e) => e.seq !== 4);
    expect(verifyChain(middle, head)).toEqual(failure(4, /^event 4 is missing \(deleted\)$/));
    expect(verifyChain(events.slice(0, -1), head)).toEqual(
      failure(6, /^event 6 is missing \(the signed head is event 6\)$/),
    );
    expect(verifyChain(events.slice(0, 2), head)).toEqual(failure(3, /^event 3 is missing/));
  });

  it('names an inserted event: a copy, a forged event in the middle, an event after the signed head', async () => {
    const { events, head } = await makeTrail(6);
    const copy = [...events.slice(0, 3), events[2]!, ...events.slice(3)];
    expect(verifyChain(copy, head)).toEqual(failure(3, /^event 3 appears twice \(inserted\)$/));

    // A new event sealed after event 2, given seq 3: the old event 3 no longer follows it.
    const forged = sealEvents(events[1]!, [draft(40)]).events[0]!;
    const inMiddle = [...events.slice(0, 2), forged, ...events.slice(3)];
    expect(verifyChain(inMiddle, head)).toEqual(failure(4, /^event 4 does not follow event 3/));

    const appended = [...events, ...sealEvents(events[5]!, [draft(41)]).events];
    expect(verifyChain(appended, head)).toEqual(
      failure(7, /^event 7 comes after the signed head \(event 6\)$/),
    );
  });

  it('names reordered events (two events exchange their places in the history)', async () => {
    const { events, head } = await makeTrail(6);
    const swapped = events.map((e) => (e.seq === 2 ? { ...e, seq: 4 } : e.seq === 4 ? { ...e, seq: 2 } : e));
    expect(verifyChain(swapped, head)).toEqual(failure(2, /^event 2 does not follow event 1/));
    // The bodies exchanged, the seals left in place.
    const bodies = events.map((e) =>
      e.seq === 2 ? { ...events[4]!, seq: 2, prevHash: e.prevHash, hash: e.hash } : e,
    );
    expect(verifyChain(bodies, head)).toEqual(failure(2, /^event 2 was changed/));
  });

  it('refuses a forged head: edited, signed by another key, or a whole trail re-sealed by another key', async () => {
    const { events, head, key } = await makeTrail(6);
    expect(verifyChain(events, { ...head, at: '2026-03-02T11:00:00.000Z' })).toEqual(
      failure(6, /signature of the trail head is not valid/),
    );
    expect(verifyChain(events.slice(0, 5), { ...head, seq: 5, hash: events[4]!.hash })).toEqual(
      failure(5, /signature of the trail head is not valid/),
    );
    const intruder = await makeKey();
    const resealed = await intruder.sign({ seq: 5, hash: events[4]!.hash }, HEAD_AT);
    expect(verifyChain(events.slice(0, 5), resealed, { publicKey: key.publicKey })).toEqual(
      failure(
        5,
        new RegExp(
          `another key \\(${keyFingerprint(intruder.publicKey)}, expected ${keyFingerprint(key.publicKey)}\\)`,
        ),
      ),
    );
    // Without the expected key the forgery is self-consistent: only the key's fingerprint gives it away.
    expect(verifyChain(events.slice(0, 5), resealed)).toMatchObject({ ok: true });
    expect(keyFingerprint(intruder.publicKey)).not.toBe(keyFingerprint(key.publicKey));
  });

  it('refuses an event whose seq is not a whole number from 1', async () => {
    const { events, head } = await makeTrail(3);
    const bad = events.map((e) => (e.seq === 2 ? { ...e, seq: 1.5 } : e));
    expect(verifyChain(bad, head)).toEqual(failure(null, /no valid sequence number \(1.5\)/));
  });
});

describe('verifyHeadSignature', () => {
  it('accepts both valid forms of a signature (low and high S), as WebCrypto and Node produce either', async () => {
    const { head } = await makeTrail(2);
    const twin: SignedHead = { ...head, signature: otherHalfOfS(head.signature) };
    expect(hasHighS(head.signature)).not.toBe(hasHighS(twin.signature));
    expect(verifyHeadSignature(head)).toBe(true);
    expect(verifyHeadSignature(twin)).toBe(true);
  });

  it('refuses a signature of another message, another key, or garbage', async () => {
    const { head } = await makeTrail(2);
    const other = await makeKey();
    expect(verifyHeadSignature({ ...head, seq: 3 })).toBe(false);
    expect(verifyHeadSignature({ ...head, publicKey: other.publicKey })).toBe(false);
    expect(verifyHeadSignature({ ...head, signature: 'zz' })).toBe(false);
    expect(verifyHeadSignature({ ...head, publicKey: '04' })).toBe(false);
  });
});

describe('verifyChain: part of a trail (partial)', () => {
  it("accepts a read's events with gaps, checked against the whole trail's signed head", async () => {
    const drafts = Array.from({ length: 8 }, (_, i) => draft(i + 1, i % 3 === 0 ? 'read-2' : 'read-1'));
    const { events, head } = await makeTrail(8, undefined, drafts);
    const read1 = events.filter((e) => e.readId === 'read-1');
    expect(read1.map((e) => e.seq)).toEqual([2, 3, 5, 6, 8]);
    expect(verifyChain(read1, head, { partial: true })).toMatchObject({ ok: true, events: 5 });
    // A partial export cannot show a left-out event: that is what partial means.
    expect(
      verifyChain(
        read1.filter((e) => e.seq !== 5),
        head,
        { partial: true },
      ),
    ).toMatchObject({ ok: true });
  });

  it('names an edited event, a duplicated event and a broken link between consecutive events', async () => {
    const { events, head } = await makeTrail(8);
    const part = events.filter((e) => e.seq >= 3);
    const edited = part.map((e) => (e.seq === 4 ? { ...e, after: { mm: 1 } } : e));
    expect(verifyChain(edited, head, { partial: true })).toEqual(failure(4, /^event 4 was changed/));
    const copied = [...part, part[1]!];
    expect(verifyChain(copied, head, { partial: true })).toEqual(failure(4, /^event 4 appears twice/));
    // Event 5 re-sealed after an edit (a valid hash of its own) no longer links to event 6.
    const resealed = sealEvents(events[3]!, [{ ...draft(5), after: { mm: 1 } }]).events[0]!;
    const relinked = part.map((e) => (e.seq === 5 ? resealed : e));
    expect(verifyChain(relinked, head, { partial: true })).toEqual(
      failure(6, /^event 6 does not follow event 5/),
    );
    const appended = [...part, ...sealEvents(events[7]!, [draft(60)]).events];
    expect(verifyChain(appended, head, { partial: true })).toEqual(
      failure(9, /^event 9 comes after the signed head \(event 8\)$/),
    );
    const lastChanged = part.map((e) => (e.seq === 8 ? sealEvents(events[6]!, [draft(50)]).events[0]! : e));
    expect(verifyChain(lastChanged, head, { partial: true })).toEqual(
      failure(8, /differs from the signed head/),
    );
  });
});

type Mutation =
  | { kind: 'edit'; at: number; value: number }
  | { kind: 'delete'; at: number }
  | { kind: 'insert-copy'; at: number; from: number }
  | { kind: 'insert-forged'; after: number }
  | { kind: 'swap'; a: number; b: number };

function mutate(events: readonly TestEvent[], mutation: Mutation): TestEvent[] {
  const n = events.length;
  switch (mutation.kind) {
    case 'edit':
      return events.map((e, i) =>
        i === mutation.at % n ? { ...e, after: { ...(e.after as object), mm: -1 - mutation.value } } : e,
      );
    case 'delete':
      return events.filter((_, i) => i !== mutation.at % n);
    case 'insert-copy': {
      const copy = [...events];
      copy.splice(mutation.at % (n + 1), 0, events[mutation.from % n]!);
      return copy;
    }
    case 'insert-forged': {
      const k = mutation.after % n;
      const forged = sealEvents(events[k]!, [draft(1000 + k)]).events[0]!;
      return [...events.slice(0, k + 1), forged, ...events.slice(k + 1)];
    }
    case 'swap': {
      const a = events[mutation.a % n]!.seq;
      const b = events[mutation.b % n]!.seq;
      return events.map((e) => (e.seq === a ? { ...e, seq: b } : e.seq === b ? { ...e, seq: a } : e));
    }
  }
}

describe('verifyChain: property', () => {
  it('detects any single edit, deletion, insertion or swap of a sealed trail', async () => {
    const key = await makeKey();
    const payload = fc.record({
      entityId: fc.string({ minLength: 1, maxLength: 8 }),
      after: fc.jsonValue({ maxDepth: 2 }),
      reason: fc.option(fc.string({ maxLength: 12 })),
    });
    const mutation: fc.Arbitrary<Mutation> = fc.oneof(
      fc.record({ kind: fc.constant('edit' as const), at: fc.nat(), value: fc.nat() }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('insert-copy' as const), at: fc.nat(), from: fc.nat() }),
      fc.record({ kind: fc.constant('insert-forged' as const), after: fc.nat() }),
      fc
        .record({ kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() })
        .filter(({ a, b }) => a !== b),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(payload, { minLength: 1, maxLength: 12 }),
        mutation,
        async (payloads, change) => {
          const drafts = payloads.map((p, i) => ({ ...draft(i + 1), ...p }));
          const { events, head } = await makeTrail(drafts.length, key, drafts);
          expect(verifyChain(events, head, { publicKey: key.publicKey })).toMatchObject({ ok: true });
          if (change.kind === 'swap' && change.a % events.length === change.b % events.length) return;
          const result = verifyChain(mutate(events, change), head, { publicKey: key.publicKey });
          expect(result.ok).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
