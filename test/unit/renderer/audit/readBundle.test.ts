import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { verifyReadExport } from '../../../../src/core/audit/export';
import { exportSubjectRead } from '../../../../src/core/reading/subjectRead';
import { buildReadBundle } from '../../../../src/renderer/audit/readBundle';
import { loadReadView } from '../../../../src/renderer/db/readQueries';
import { signTimepoint } from '../../../../src/renderer/db/readSignoff';
import { createRead } from '../../../../src/renderer/db/readLesions';
import { PASSPHRASE, createTestAccount, storedScenario } from '../db/readTestDb';
import { completeRead, trialWorkstation } from '../trial/trialFixture';

const thickness = { sliceThicknessMm: () => 1 };

/** As a sponsor gets it: the bundle written to a file and read back. */
const asFile = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

async function signedScenario() {
  const f = await storedScenario();
  await signTimepoint(
    f.session,
    { readId: f.read.id, timepointId: f.baseline.id, passphrase: PASSPHRASE },
    thickness,
  );
  return f;
}

describe('Export read bundle', () => {
  it('holds the read, its results, its signature, its events and the signed head, and verifies', async () => {
    const f = await signedScenario();
    const bundle = asFile(await buildReadBundle(f.db, f.read.id, thickness));

    expect(bundle.subjectRead).toEqual(exportSubjectRead(await loadReadView(f.db, f.read.id), thickness));
    expect(bundle.results).toMatchObject({ timepoints: expect.any(Array) });
    expect(bundle.signatures).toHaveLength(1);
    expect(bundle.signatures[0]).toMatchObject({
      readId: f.read.id,
      timepointId: f.baseline.id,
      signerId: f.reader.id,
    });
    const actions = bundle.audit.events.map((e) => `${e['entity']}:${e['action']}`);
    expect(actions).toContain('read:create');
    expect(actions).toContain('signature:sign');
    expect(actions).toContain('subject:update'); // the enrolment date: no read, same subject
    const head = await f.db.table('auditHead').get('head');
    expect(bundle.audit.signedHead).toEqual(head.head);
    expect(bundle.audit.partial).toBe(true);
    expect(bundle.reader).toMatchObject({ readId: f.read.id, readerId: f.reader.id, name: f.reader.name });

    expect(verifyReadExport(bundle)).toMatchObject({ ok: true, format: 'recist-read-export', signatures: 1 });
  });

  it('names the reader with the role and BICR number the read started with, and verifies them', async () => {
    const t = await trialWorkstation(['PANC-001']);
    const read1 = await completeRead(t.reader1, t.subjects[0]!, [30, 15, 15]);
    const read2 = await completeRead(t.reader2, t.subjects[0]!, [30, 28, 28]);
    const first = asFile(await buildReadBundle(t.db, read1.id, thickness));
    const second = asFile(await buildReadBundle(t.db, read2.id, thickness));
    expect(first.version).toBe(2);
    expect(first.reader).toEqual({
      readId: read1.id,
      readerId: t.reader1.readerId,
      name: 'Dr One',
      role: 'bicr-reader',
      readerNumber: 1,
    });
    expect(second.reader).toMatchObject({ name: 'Dr Two', role: 'bicr-reader', readerNumber: 2 });
    expect(verifyReadExport(first)).toMatchObject({ ok: true, reader: { name: 'Dr One', readerNumber: 1 } });
    // Relabelled as the other reader's read: the read's creation event says otherwise.
    expect(verifyReadExport({ ...first, reader: { ...first.reader!, readerNumber: 2 } })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/made as bicr-reader 2, but event \d+ recorded bicr-reader 1/),
    });
  });

  it('leaves out another reader’s read of the same subject', async () => {
    const f = await signedScenario();
    const other = await createTestAccount(f.db, { name: 'Dr Other', role: 'bicr-reader' }, f.admin, f.signer);
    const otherRead = (await createRead(other.session, { subjectId: f.subjectId })).value;
    const bundle = await buildReadBundle(f.db, f.read.id, thickness);
    expect(bundle.audit.events.some((e) => e['readId'] === otherRead.id)).toBe(false);
    expect(bundle.audit.events.some((e) => e['readerId'] === other.reader.id)).toBe(false);
    expect(verifyReadExport(asFile(bundle)).ok).toBe(true);
  });

  it('an event edited in the file is named by verification', async () => {
    const f = await signedScenario();
    const bundle = asFile(await buildReadBundle(f.db, f.read.id, thickness));
    const event = bundle.audit.events.find((e) => e['entity'] === 'assessment')!;
    event['after'] = { status: 'measured', fragments: [] };
    expect(verifyReadExport(bundle)).toMatchObject({
      ok: false,
      seq: event.seq,
      problem: `event ${event.seq} was changed after it was written`,
    });
  });

  it('an event altered in the database before export is named by verification', async () => {
    const f = await signedScenario();
    const stored = await f.db.table('auditTrail').where('readId').equals(f.read.id).first();
    await f.db.table('auditTrail').put({ ...stored, reason: 'rewritten later' });
    const result = verifyReadExport(asFile(await buildReadBundle(f.db, f.read.id, thickness)));
    expect(result).toMatchObject({ ok: false, seq: stored.seq });
  });

  it('a signature whose head was replaced is refused', async () => {
    const f = await signedScenario();
    const bundle = asFile(await buildReadBundle(f.db, f.read.id, thickness));
    const signature = bundle.signatures[0]!;
    signature.signedHead = { ...signature.signedHead, at: '2020-01-01T00:00:00.000Z' };
    expect(verifyReadExport(bundle)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/signature 1 .* is not valid/),
    });
  });
});
