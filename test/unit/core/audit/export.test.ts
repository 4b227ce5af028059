import { describe, expect, it } from 'vitest';
import { keyFingerprint, sealEvents } from '../../../../src/core/audit/chain';
import {
  AuditExportSchema,
  buildAuditExport,
  verifyAuditExport,
  verifyExport,
  verifyReadExport,
} from '../../../../src/core/audit/export';
import { draft, HEAD_AT, makeKey, makeTrail, type TestEvent } from './trail';
import { makeReadExport } from './exports';

const EXPORTED_AT = '2026-03-02T08:00:00.000Z';

/** Through JSON, as a file is read. */
const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

async function fullExport(count = 6) {
  const trail = await makeTrail(count);
  return {
    ...trail,
    file: roundTrip(
      buildAuditExport({ events: trail.events, signedHead: trail.head, exportedAt: EXPORTED_AT }),
    ),
  };
}

const withEvents = <T extends { events: unknown[] }>(file: T, events: unknown[]): T => ({ ...file, events });

describe('audit export', () => {
  it('builds a full export, listed by seq, that verifies and names its key', async () => {
    const { events, head, key } = await makeTrail(5);
    const file = buildAuditExport({
      events: [...events].reverse(),
      signedHead: head,
      exportedAt: EXPORTED_AT,
    });
    expect(file).toMatchObject({
      format: 'recist-audit-trail',
      version: 1,
      exportedAt: EXPORTED_AT,
      installationKey: key.publicKey,
      keyFingerprint: keyFingerprint(key.publicKey),
      filter: null,
      partial: false,
      signedHead: head,
    });
    expect(file.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(verifyAuditExport(roundTrip(file))).toEqual({
      ok: true,
      format: 'recist-audit-trail',
      events: 5,
      headSeq: 5,
      keyFingerprint: keyFingerprint(key.publicKey),
      partial: false,
      signatures: 0,
      reader: null,
    });
  });

  it('keeps every field of an event as it is, unknown ones included (the hash covers them)', async () => {
    const drafts = [{ ...draft(1), extra: { nested: [1, 'two', null] } }, draft(2)];
    const { events, head } = await makeTrail(2, undefined, drafts);
    const file = roundTrip(buildAuditExport({ events, signedHead: head, exportedAt: EXPORTED_AT }));
    const parsed = AuditExportSchema.parse(file);
    expect(parsed.events[0]).toEqual(events[0]);
    expect(verifyAuditExport(file)).toMatchObject({ ok: true });
    // A key JavaScript treats specially is kept too.
    const proto = sealEvents({ seq: 0, hash: '0'.repeat(64) }, [
      JSON.parse('{"__proto__": {"x": 1}, "a": 1}') as object,
    ]);
    const key = await makeKey();
    const protoFile = roundTrip(
      buildAuditExport({
        events: proto.events,
        signedHead: await key.sign(proto.head, HEAD_AT),
        exportedAt: EXPORTED_AT,
      }),
    );
    expect(JSON.stringify(protoFile.events[0])).toMatch(/"__proto__":\{"x":1\}/);
    expect(verifyAuditExport(protoFile)).toMatchObject({ ok: true });
  });

  it('a filtered export is partial, verifies event by event, and is flagged as such', async () => {
    const drafts = Array.from({ length: 9 }, (_, i) => draft(i + 1, i % 2 === 0 ? 'read-1' : 'read-2'));
    const { events, head } = await makeTrail(9, undefined, drafts);
    const selected = events.filter((e) => e.readId === 'read-2');
    const file = roundTrip(
      buildAuditExport({
        events: selected,
        signedHead: head,
        exportedAt: EXPORTED_AT,
        filter: { readId: 'read-2' },
      }),
    );
    expect(file).toMatchObject({ partial: true, filter: { readId: 'read-2' } });
    expect(verifyAuditExport(file)).toMatchObject({ ok: true, events: 4, headSeq: 9, partial: true });
    // Not claimed whole: the same selection as a full export fails at its first gap.
    expect(verifyAuditExport({ ...file, partial: false })).toMatchObject({
      ok: false,
      seq: 1,
      problem: 'event 1 is missing (deleted)',
    });
    const edited = withEvents(
      file,
      file.events.map((e) => (e.seq === 4 ? { ...e, after: { mm: 0 } } : e)),
    );
    expect(verifyAuditExport(edited)).toMatchObject({ ok: false, unreadable: false, seq: 4 });
  });

  it('names the first bad event: edited, deleted, inserted, moved in the list, or renumbered', async () => {
    const { file } = await fullExport(6);
    const events = file.events as unknown as TestEvent[];
    const cases: [unknown[], number, RegExp][] = [
      [events.map((e) => (e.seq === 2 ? { ...e, after: { mm: 1 } } : e)), 2, /^event 2 was changed/],
      [events.filter((e) => e.seq !== 3), 3, /^event 3 is missing/],
      [events.slice(0, 5), 6, /^event 6 is missing/],
      [[...events.slice(0, 4), events[3]!, ...events.slice(4)], 4, /^event 4 appears twice/],
      [
        [events[0]!, events[2]!, events[1]!, ...events.slice(3)],
        2,
        /^event 2 is listed after event 3 \(moved\)$/,
      ],
      [
        events
          .map((e) => (e.seq === 2 ? { ...e, seq: 5 } : e.seq === 5 ? { ...e, seq: 2 } : e))
          .sort((a, b) => a.seq - b.seq),
        2,
        /^event 2 does not follow/,
      ],
    ];
    for (const [changed, seq, problem] of cases) {
      const result = verifyAuditExport(withEvents(file, changed));
      expect(result, problem.source).toMatchObject({
        ok: false,
        unreadable: false,
        seq,
        problem: expect.stringMatching(problem),
      });
    }
  });

  it('refuses a forged head, another key, or a fingerprint that is not the key', async () => {
    const { file, events } = await fullExport(4);
    const intruder = await makeKey();
    const forgedHead = await intruder.sign({ seq: 3, hash: events[2]!.hash }, HEAD_AT);
    expect(
      verifyAuditExport({ ...withEvents(file, file.events.slice(0, 3)), signedHead: forgedHead }),
    ).toMatchObject({
      ok: false,
      seq: 3,
      problem: expect.stringMatching(/signed with another key/),
    });
    expect(verifyAuditExport({ ...file, signedHead: { ...file.signedHead, seq: 3 } })).toMatchObject({
      ok: false,
      problem: 'the signature of the trail head is not valid',
    });
    expect(verifyAuditExport({ ...file, keyFingerprint: '0123456789abcdef' })).toMatchObject({
      ok: false,
      seq: null,
      problem: expect.stringMatching(
        /fingerprint written in the file \(0123456789abcdef\) is not that of its installation key/,
      ),
    });
  });

  it('names the field of a file that is not an audit export', async () => {
    const { file } = await fullExport(2);
    const cases: [unknown, string, RegExp][] = [
      [{ ...file, version: 2 }, 'version', /must be 1/],
      [{ ...file, events: 'none' }, 'events', /must be a list of events/],
      [
        withEvents(file, [{ ...file.events[0], hash: 'xyz' }, file.events[1]]),
        'events[0].hash',
        /SHA-256: 64 lowercase/,
      ],
      [withEvents(file, [{ ...file.events[0], seq: 0 }]), 'events[0].seq', /must be 1 or more/],
      [
        { ...file, signedHead: { ...file.signedHead, signature: undefined } },
        'signedHead.signature',
        /signature/,
      ],
      [
        { ...file, signedHead: { ...file.signedHead, publicKey: '02ab' } },
        'signedHead.publicKey',
        /uncompressed P-256/,
      ],
      [{ ...file, filter: undefined }, 'filter', /selection in JSON, or be null/],
      [{ ...file, partial: 'yes' }, 'partial', /must be true/],
      [{ ...file, exportedAt: 'yesterday' }, 'exportedAt', /ISO date and time/],
    ];
    for (const [input, field, problem] of cases)
      expect(verifyAuditExport(input), field).toMatchObject({
        ok: false,
        unreadable: true,
        field,
        problem: expect.stringMatching(problem),
      });
    for (const input of [null, [], 'text', 42, { format: 'something-else' }])
      expect(verifyExport(input)).toMatchObject({ ok: false, unreadable: true, field: 'format' });
  });
});

describe('read export', () => {
  it('verifies the audit part and every signature against the installation key', async () => {
    const { file } = await makeReadExport();
    expect(verifyReadExport(roundTrip(file))).toMatchObject({
      ok: true,
      format: 'recist-read-export',
      signatures: 2,
      partial: true,
    });
    expect(verifyExport(roundTrip(file))).toMatchObject({ ok: true, signatures: 2 });
  });

  it("names the reader, role and BICR number, as the read's sealed creation event records them", async () => {
    const { file } = await makeReadExport();
    const createdSeq = file.audit.events.find((e) => e['entity'] === 'read')!.seq;
    expect(verifyReadExport(roundTrip(file))).toMatchObject({
      ok: true,
      reader: { readId: 'read-1', name: 'Dr One', role: 'bicr-reader', readerNumber: 1 },
    });
    const withReader = (reader: object) => ({ ...file, reader: { ...file.reader, ...reader } });
    expect(verifyReadExport(withReader({ readerNumber: 2 }))).toMatchObject({
      ok: false,
      unreadable: false,
      seq: createdSeq,
      problem: `the file says the read was made as bicr-reader 2, but event ${createdSeq} recorded bicr-reader 1`,
    });
    expect(verifyReadExport(withReader({ role: 'site-radiologist', readerNumber: null }))).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/made as site-radiologist, but event \d+ recorded bicr-reader 1$/),
    });
    expect(verifyReadExport(withReader({ readerId: 'reader-9' }))).toMatchObject({
      ok: false,
      problem: expect.stringMatching(
        /^the reader named in the file \(Dr One, account reader-9\) did not start/,
      ),
    });
    expect(verifyReadExport(withReader({ readId: 'read-2' }))).toMatchObject({
      ok: false,
      seq: null,
      problem: 'the file names read read-2 as its read, but holds no event creating it',
    });
  });

  it('reads version 1 (no reader) and needs the reader from version 2', async () => {
    const { file } = await makeReadExport();
    const { reader: _, ...withoutReader } = file;
    expect(verifyReadExport({ ...withoutReader, version: 1 })).toMatchObject({ ok: true, reader: null });
    expect(verifyReadExport(withoutReader)).toMatchObject({
      ok: false,
      unreadable: true,
      field: 'reader',
      problem: 'reader: must name the reader (version 2)',
    });
    expect(verifyReadExport({ ...file, version: 3 })).toMatchObject({
      field: 'version',
      problem: expect.stringMatching(/must be 1 or 2/),
    });
    expect(verifyReadExport({ ...file, reader: { ...file.reader, readerNumber: 3 } })).toMatchObject({
      field: 'reader.readerNumber',
    });
  });

  it('refuses a signature that is forged, from another key, not of this trail, or later than its head', async () => {
    const { file, key, events } = await makeReadExport();
    const intruder = await makeKey();
    const [first, second] = file.signatures;
    const replace = (index: number, signature: unknown) => ({
      ...file,
      signatures: file.signatures.map((s, i) => (i === index ? signature : s)),
    });
    const otherKey = {
      ...second!,
      signedHead: await intruder.sign(second!.signedHead, second!.signedHead.at),
    };
    expect(verifyReadExport(replace(1, otherKey))).toMatchObject({
      ok: false,
      seq: second!.signedHead.seq,
      problem: expect.stringMatching(/^signature 2 \(event \d+\) was made with another key/),
    });
    const edited = { ...first!, signedHead: { ...first!.signedHead, at: '2026-03-05T00:00:00.000Z' } };
    expect(verifyReadExport(replace(0, edited))).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^signature 1 .* is not valid$/),
    });
    // Validly signed by this installation, but of a head that is not this trail's event.
    const foreign = {
      ...first!,
      signedHead: await key.sign({ seq: first!.signedHead.seq, hash: 'aa'.repeat(32) }, HEAD_AT),
    };
    expect(verifyReadExport(replace(0, foreign))).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/does not match event/),
    });
    const later = {
      ...first!,
      signedHead: await key.sign({ seq: events.length + 5, hash: 'aa'.repeat(32) }, HEAD_AT),
    };
    expect(verifyReadExport(replace(0, later))).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/comes after the trail's signed head/),
    });
  });

  it('refuses a read export whose audit part was altered, naming the event, or that is malformed, naming the field', async () => {
    const { file } = await makeReadExport();
    const audit = file.audit;
    const edited = {
      ...file,
      audit: { ...audit, events: audit.events.map((e, i) => (i === 1 ? { ...e, reason: 'x' } : e)) },
    };
    expect(verifyReadExport(edited)).toMatchObject({
      ok: false,
      unreadable: false,
      seq: audit.events[1]!.seq,
    });
    expect(verifyReadExport({ ...file, signatures: [{ signedHead: { seq: 1 } }] })).toMatchObject({
      ok: false,
      unreadable: true,
      field: 'signatures[0].signedHead.hash',
    });
    expect(verifyReadExport({ ...file, audit: { ...audit, installationKey: 7 } })).toMatchObject({
      field: 'audit.installationKey',
    });
    expect(verifyReadExport({ ...file, subjectRead: null })).toMatchObject({ field: 'subjectRead' });
  });
});
