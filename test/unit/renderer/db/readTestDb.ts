import Dexie, { type Table } from 'dexie';
import { applyReadSchema } from '../../../../src/renderer/db/readSchema';
import { applyGrouping } from '../../../../src/renderer/db/readSubjects';
import { addLesion, createRead, setAssessment } from '../../../../src/renderer/db/readLesions';
import { updateSubject } from '../../../../src/renderer/db/readSubjects';
import { marker, measure } from '../../core/reading/fixtures';
import { proposeGrouping, type IndexedStudy } from '../../../../src/core/reading/grouping';
import { runCommand, type AuditSigner, type ReadingSession } from '../../../../src/renderer/db/commandRunner';
import { headMessage } from '../../../../src/core/audit/chain';
import { hashPassphrase } from '../../../../src/renderer/db/passphrase';
import type { CredentialInput } from '../../../../src/core/policy/accountCommands';
import type { AccountRole, Reader } from '../../../../src/core/reading/model';
import { listTimepoints } from '../../../../src/renderer/db/readSubjects';

/**
 * A database shaped like the app's: the DICOM index as version 1 (as the lead's RecistDatabase
 * declares it), the read tables added by applyReadSchema as version 2.
 */
export class TestDatabase extends Dexie {
  // Declared table properties also keep TypeScript from recursing when it compares the class with
  // ReadDatabase (Dexie's TXWithTables<this> of a subclass without table props is TS2589).
  studies!: Table<{ studyInstanceUid: string }, string>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({
      studies: 'studyInstanceUid, patientId, studyDate',
      series: 'seriesInstanceUid, studyInstanceUid',
      instances: 'sopInstanceUid, seriesInstanceUid, studyInstanceUid',
      importReports: '++id, startedAt',
    });
    applyReadSchema(this);
  }
}

let counter = 0;

/** A fresh database per test, and a clock that ticks one second per call. */
export function freshDb(): TestDatabase {
  counter += 1;
  return new TestDatabase(`read-test-${counter}-${Math.random().toString(36).slice(2)}`);
}

export function tickingClock(start = Date.parse('2026-02-01T09:00:00Z')): () => Date {
  let t = start;
  return () => new Date((t += 1000));
}

export const studies: IndexedStudy[] = [
  { studyInstanceUid: '1.2.3', patientId: 'P001', patientName: 'TEST^ONE', studyDate: '2026-01-02' },
  { studyInstanceUid: '1.2.4', patientId: 'P001', patientName: 'TEST^ONE', studyDate: '2026-03-01' },
  { studyInstanceUid: '1.2.5', patientId: 'P001', patientName: 'TEST^ONE', studyDate: '2026-04-26' },
];

/** An installation key as the web bridge makes one (WebCrypto, private key not extractable). */
export function testSigner(): AuditSigner {
  const pair = crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const toHex = (bytes: ArrayBuffer) =>
    Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
  return {
    publicKey: async () => toHex(await crypto.subtle.exportKey('raw', (await pair).publicKey)),
    signHead: async ({ seq, hash, at }) =>
      toHex(
        await crypto.subtle.sign(
          { name: 'ECDSA', hash: 'SHA-256' },
          (await pair).privateKey,
          headMessage({ seq, hash }, at) as BufferSource,
        ),
      ),
  };
}

/** Every test account's passphrase; derived once (PBKDF2 at 600,000 iterations takes a moment). */
export const PASSPHRASE = 'correct horse battery';
let credential: Promise<CredentialInput> | null = null;
function testCredential(): Promise<CredentialInput> {
  credential ??= hashPassphrase(PASSPHRASE);
  return credential;
}

/** Creates an account; `admin` null creates the workstation's first admin. */
export async function createTestAccount(
  db: TestDatabase,
  input: { name: string; role: AccountRole },
  admin: ReadingSession | null,
  signer: AuditSigner = admin?.signer ?? testSigner(),
  now: () => Date = tickingClock(),
): Promise<{ reader: Reader; session: ReadingSession & { readerId: string } }> {
  const creator: ReadingSession = admin ?? { db, readerId: null, signer, now };
  const reader = (
    await runCommand(creator, {
      type: 'createAccount',
      input: { ...input, credential: await testCredential() },
      label: 'create account',
    })
  ).value;
  return { reader, session: { db, readerId: reader.id, signer, now } };
}

/** An admin and a reader account on a fresh workstation. */
export async function accounts(db: TestDatabase, now = tickingClock()) {
  const signer = testSigner();
  const admin = await createTestAccount(db, { name: 'Admin', role: 'admin' }, null, signer, now);
  const reader = await createTestAccount(
    db,
    { name: 'Dr Reader', role: 'bicr-reader' },
    admin.session,
    signer,
    now,
  );
  return { signer, admin, reader };
}

/** A reader, one subject with three timepoints (baseline, week 8, week 16) and the reader's read. */
export async function readFixture(db = freshDb()) {
  const now = tickingClock();
  const { signer, admin, reader: account } = await accounts(db, now);
  const reader = account.reader;
  const session = { db, readerId: reader.id, now, signer } satisfies ReadingSession;
  const grouped = await applyGrouping(session, proposeGrouping(studies, { subjects: [], timepoints: [] }));
  const subjectId = grouped.value.subjectIds[0]!;
  const [baseline, week8, week16] = await listTimepoints(db, subjectId);
  const read = (await createRead(session, { subjectId })).value;
  return {
    db,
    session,
    signer,
    admin: admin.session,
    reader,
    subjectId,
    read,
    baseline: baseline!,
    week8: week8!,
    week16: week16!,
  };
}

/** The end-to-end scenario at the data layer: baseline T1 + NT1, T1 smaller at follow-up, a new lesion. */
export async function storedScenario() {
  const f = await readFixture();
  await updateSubject(f.session, f.subjectId, { enrollmentDate: '2026-01-05' });
  const t1 = (
    await addLesion(f.session, {
      readId: f.read.id,
      kind: 'target',
      locationCode: 'lung.rul',
      timepointId: f.baseline.id,
      value: { status: 'measured', fragments: [measure(24.6, 17.9)] },
    })
  ).value.lesion;
  const nt1 = (
    await addLesion(f.session, {
      readId: f.read.id,
      kind: 'non-target',
      locationCode: 'ln.hilar.10r',
      timepointId: f.baseline.id,
      value: { status: 'present', marker: marker() },
    })
  ).value.lesion;
  await setAssessment(f.session, {
    lesionId: t1.id,
    timepointId: f.week8.id,
    value: { status: 'measured', fragments: [measure(15.2, 10.1, { studyInstanceUid: '1.2.4' })] },
  });
  await setAssessment(f.session, {
    lesionId: nt1.id,
    timepointId: f.week8.id,
    value: { status: 'present', marker: null },
  });
  await addLesion(f.session, {
    readId: f.read.id,
    kind: 'new',
    locationCode: 'liver.s6',
    timepointId: f.week16.id,
    value: { status: 'unequivocal', measurement: measure(12.3), marker: null },
  });
  await setAssessment(f.session, {
    lesionId: t1.id,
    timepointId: f.week16.id,
    value: { status: 'measured', fragments: [measure(14.8)] },
  });
  await setAssessment(f.session, {
    lesionId: nt1.id,
    timepointId: f.week16.id,
    value: { status: 'present', marker: null },
  });
  return f;
}
