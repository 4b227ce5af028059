/**
 * The only module that writes the read tables. A command is decided by the write policy in core
 * (core/policy/decide.ts) on the records of its scope; this module loads them, checks a passphrase when
 * the command is an e-signature, seals the audit events into the hash chain, has the installation key
 * sign the new head, and applies everything in ONE transaction.
 *
 * The asynchronous work (PBKDF2, ECDSA) happens before the write transaction, because awaiting anything
 * but Dexie inside one commits it early. The transaction then checks that the trail's head is still the
 * one the decision was made on: every write moves the head, so an unchanged head means unchanged records.
 * If another write got in between, the command is decided again on the new records.
 */
import type { Table } from 'dexie';
import {
  EMPTY_HEAD,
  sealEvents,
  verifyChain,
  type ChainHead,
  type ChainVerification,
  type SignedHead,
} from '../../core/audit/chain';
import { ReadingError } from '../../core/reading/errors';
import type { Command } from '../../core/reading/undo';
import {
  decide,
  scopeOf,
  subjectRefOf,
  type CommandResult,
  type CommandType,
  type PolicyCommand,
  type SubjectRef,
} from '../../core/policy/decide';
import {
  RecordSet,
  policyTables,
  type KeyImageInfo,
  type PolicySnapshot,
  type Scope,
} from '../../core/policy/recordSet';
import { verifyPassphrase } from './passphrase';
import { readTables, transactionTables, writableReadTables, type ReadDatabase } from './readSchema';

/** Signs audit heads with the installation key (the platform bridge's auditKey). */
export interface AuditSigner {
  publicKey(): Promise<string>;
  signHead(head: { seq: number; hash: string; at: string }): Promise<string>;
}

export interface ReadingSession {
  readonly db: ReadDatabase;
  /** The signed-in account: every audit event names them. null only to create the first admin. */
  readonly readerId: string | null;
  readonly signer: AuditSigner;
  /** Injectable for tests; defaults to the system clock and random UUIDs. */
  readonly now?: () => Date;
  readonly newId?: () => string;
}

/** What every command returns: its result and the command undo/redo replays. */
export interface Mutation<T> {
  readonly value: T;
  /** null for changes that are not undoable (sign, unlock, accounts). */
  readonly command: Command | null;
  /** Shared by all audit events of this command. */
  readonly commandId: string;
}

export interface RunOptions {
  /** The passphrase typed again for an e-signature: checked before anything is decided. */
  readonly passphrase?: string;
  /** A key image's PNG: stored by its SHA-256, which the policy records. */
  readonly png?: Blob;
}

const ALL_TABLES = [...policyTables, 'keyImagePngs', 'auditTrail', 'auditHead'] as const;

async function subjectOfRef(db: ReadDatabase, ref: SubjectRef): Promise<string | null> {
  if (ref === null) return null;
  const t = readTables(db);
  if ('subjectId' in ref) return ref.subjectId;
  if ('readId' in ref) return (await t.reads.get(ref.readId))?.subjectId ?? null;
  if ('timepointId' in ref) return (await t.timepoints.get(ref.timepointId))?.subjectId ?? null;
  if ('newImageId' in ref) return (await t.newImages.get(ref.newImageId))?.subjectId ?? null;
  const lesion = await t.lesions.get(ref.lesionId);
  return lesion ? ((await t.reads.get(lesion.readId))?.subjectId ?? null) : null;
}

/** Key images as the policy sees them: without their PNG bytes (which are not JSON). */
function withoutPng(record: KeyImageInfo & { png?: Blob }): KeyImageInfo {
  const { png: _png, ...rest } = record;
  return rest;
}

/** The records of a scope and the trail's head, read in one transaction so they agree. */
export async function loadScope(
  db: ReadDatabase,
  scope: Scope,
): Promise<{ records: RecordSet; head: SignedHead | null; chain: ChainHead }> {
  const t = writableReadTables(db);
  return db.transaction('r', transactionTables(db, ALL_TABLES), async () => {
    const headRecord = await t.auditHead.get('head');
    const last = await t.auditTrail.orderBy('seq').last();
    const chain: ChainHead = last ? { seq: last.seq, hash: last.hash } : EMPTY_HEAD;
    let snapshot: Partial<PolicySnapshot>;
    if (scope.kind === 'all') {
      const entries = await Promise.all(
        policyTables.map(async (name) => [name, await (t[name] as Table).toArray()] as const),
      );
      snapshot = Object.fromEntries(entries) as Partial<PolicySnapshot>;
    } else {
      const { subjectId } = scope;
      const [readers, credentials, settings, subjects, timepoints, reads, newImages, trial, adjudications] =
        await Promise.all([
          t.readers.toArray(),
          t.credentials.toArray(),
          t.settings.toArray(),
          t.subjects.toArray(),
          t.timepoints.where('subjectId').equals(subjectId).toArray(),
          t.reads.where('subjectId').equals(subjectId).toArray(),
          t.newImages.where('subjectId').equals(subjectId).toArray(),
          t.trial.toArray(),
          t.adjudications.where('subjectId').equals(subjectId).toArray(),
        ]);
      const readIds = reads.map((r) => r.id);
      const byRead = <T>(table: Table<T>) => table.where('readId').anyOf(readIds).toArray();
      const [lesions, assessments, signoffs, overrides, keyImages, eSignatures, changeNotices] =
        await Promise.all([
          byRead(t.lesions),
          byRead(t.assessments),
          byRead(t.signoffs),
          byRead(t.overrides),
          byRead(t.keyImages),
          byRead(t.eSignatures),
          byRead(t.changeNotices),
        ]);
      snapshot = {
        readers,
        credentials,
        settings,
        subjects,
        timepoints,
        reads,
        newImages,
        trial,
        adjudications,
        lesions,
        assessments,
        signoffs,
        overrides,
        keyImages,
        eSignatures,
        changeNotices,
      };
    }
    snapshot = { ...snapshot, keyImages: (snapshot.keyImages ?? []).map(withoutPng) };
    return { records: new RecordSet(snapshot), head: headRecord?.head ?? null, chain };
  });
}

async function sha256OfBlob(blob: Blob): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

class HeadMoved extends Error {}

const MAX_ATTEMPTS = 5;

/**
 * Decides `command` as the session's account and applies the decision. Throws the policy's ReadingError
 * (nothing written) when it is refused.
 */
export async function runCommand<T extends CommandType>(
  session: ReadingSession,
  command: PolicyCommand<T>,
  options: RunOptions = {},
): Promise<Mutation<CommandResult<T>>> {
  const { db } = session;
  let reauthenticated = false;
  if (options.passphrase !== undefined) {
    if (session.readerId === null) throw new ReadingError('SIGNATURE', 'Sign in first');
    const credential = await readTables(db).credentials.get(session.readerId);
    if (!credential || !(await verifyPassphrase(options.passphrase, credential)))
      throw new ReadingError('SIGNATURE', 'That passphrase is not right: nothing was signed', 'passphrase');
    reauthenticated = true;
  }
  if (options.png && options.png.type !== 'image/png')
    throw new ReadingError('INVALID', `a key image is a PNG, not "${options.png.type}"`);
  const pngSha256 = options.png ? await sha256OfBlob(options.png) : null;
  if (pngSha256 !== null && command.type === 'saveKeyImage') {
    const input = command.input as CommandInput<'saveKeyImage'>;
    if (input.pngSha256 !== pngSha256)
      throw new ReadingError('INVALID', 'the key image does not match its hash');
  }
  return inOrder(db, () => decideAndApply(session, command, options, reauthenticated, pngSha256));
}

/**
 * Commands of one database are decided and applied in the order they were issued: the reader's
 * enrolment date typed just before the death date is stored first, and the death date is judged
 * against it (two commands racing to commit would otherwise be decided in either order).
 */
const queues = new WeakMap<ReadDatabase, Promise<unknown>>();

function inOrder<T>(db: ReadDatabase, body: () => Promise<T>): Promise<T> {
  const previous = queues.get(db) ?? Promise.resolve();
  const run = previous.then(body, body);
  queues.set(
    db,
    run.catch(() => undefined),
  );
  return run;
}

async function decideAndApply<T extends CommandType>(
  session: ReadingSession,
  command: PolicyCommand<T>,
  options: RunOptions,
  reauthenticated: boolean,
  pngSha256: string | null,
): Promise<Mutation<CommandResult<T>>> {
  const { db } = session;
  const makeId = session.newId ?? (() => crypto.randomUUID());

  for (let attempt = 1; ; attempt += 1) {
    await assertTrailIntact(db, session.signer);
    const scope: Scope = scopeOf(command, await subjectOfRef(db, subjectRefOf(command)));
    const { records, head, chain } = await loadScope(db, scope);
    const actor = session.readerId === null ? null : records.get('readers', session.readerId);
    if (session.readerId !== null && actor === null)
      throw new ReadingError('NOT_FOUND', `account ${session.readerId} does not exist`);
    const commandId = makeId();
    const at = (session.now?.() ?? new Date()).toISOString();
    const answer = decide(records, command, actor, { at, commandId, newId: makeId, reauthenticated, head });
    if (!answer.ok) throw answer.error;
    const { decision } = answer;
    const sealed = sealEvents(chain, decision.events);
    let signedHead: SignedHead | null = head;
    if (sealed.events.length > 0) {
      const headToSign = { seq: sealed.head.seq, hash: sealed.head.hash, at };
      const [signature, publicKey] = await Promise.all([
        session.signer.signHead(headToSign),
        session.signer.publicKey(),
      ]);
      signedHead = { ...headToSign, signature, publicKey };
    }
    const t = writableReadTables(db);
    try {
      await db.transaction('rw', transactionTables(db, ALL_TABLES), async () => {
        const last = await t.auditTrail.orderBy('seq').last();
        if ((last?.seq ?? 0) !== chain.seq || (last?.hash ?? EMPTY_HEAD.hash) !== chain.hash)
          throw new HeadMoved();
        for (const write of decision.writes) {
          const table = t[write.table] as unknown as Table<unknown, unknown>;
          if (write.record === null) await table.delete(write.key);
          else await table.put(write.record);
        }
        if (options.png && pngSha256) await t.keyImagePngs.put({ sha256: pngSha256, png: options.png });
        if (sealed.events.length > 0) {
          await t.auditTrail.bulkAdd(sealed.events);
          await t.auditHead.put({ id: 'head', head: signedHead });
        }
      });
    } catch (error) {
      if (error instanceof HeadMoved && attempt < MAX_ATTEMPTS) continue;
      if (error instanceof HeadMoved)
        throw new ReadingError('CONFLICT', 'the records kept changing while this was being saved: try again');
      throw error;
    }
    verifiedHeads.set(db, sealed.head);
    const undo =
      decision.undo && completesOf(command)
        ? { ...decision.undo, completes: completesOf(command)! }
        : decision.undo;
    return { value: decision.value as CommandResult<T>, command: undo, commandId };
  }
}

type CommandInput<T extends CommandType> = PolicyCommand<T>['input'];

/** A key image belongs to the step that stored its measurement: one undo takes both away. */
function completesOf(command: PolicyCommand): Command['completes'] | undefined {
  if (command.type !== 'saveKeyImage') return undefined;
  const input = command.input as CommandInput<'saveKeyImage'>;
  return { table: 'assessments', key: [input.lesionId, input.timepointId] };
}

/**
 * A trail sealed by the v3 upgrade (which cannot sign: the upgrade runs in a transaction) gets its head
 * signed once, by the first app that opens it, if the head is still the one the upgrade left.
 */
export async function signInitialHead(
  db: ReadDatabase,
  signer: AuditSigner,
  pending: ChainHead,
): Promise<void> {
  const at = new Date().toISOString();
  const [signature, publicKey] = await Promise.all([
    signer.signHead({ seq: pending.seq, hash: pending.hash, at }),
    signer.publicKey(),
  ]);
  const t = writableReadTables(db);
  await db.transaction('rw', transactionTables(db, ['auditTrail', 'auditHead']), async () => {
    const current = await t.auditHead.get('head');
    const last = await t.auditTrail.orderBy('seq').last();
    if (!current?.pending || current.head !== null || last?.seq !== pending.seq || last.hash !== pending.hash)
      return;
    await t.auditHead.put({
      id: 'head',
      head: { seq: pending.seq, hash: pending.hash, at, signature, publicKey },
    });
  });
}

/**
 * Verifies the whole trail against its signed head and the installation's key: what the app does on
 * opening, and what every write does first (once per head it has not seen). A trail migrated from v2 has
 * its head signed here, once, before it is verified.
 */
export async function verifyStoredTrail(db: ReadDatabase, signer: AuditSigner): Promise<ChainVerification> {
  const t = readTables(db);
  const read = () =>
    db.transaction('r', transactionTables(db, ['auditTrail', 'auditHead']), async () => ({
      events: await t.auditTrail.orderBy('seq').toArray(),
      head: (await t.auditHead.get('head')) ?? null,
    }));
  let { events, head } = await read();
  if (head?.pending && head.head === null) {
    await signInitialHead(db, signer, head.pending);
    ({ events, head } = await read());
  }
  return verifyChain(events, head?.head ?? null, { publicKey: await signer.publicKey() });
}

/** The head each database's trail was last found intact at: this session's writes extend it. */
const verifiedHeads = new WeakMap<ReadDatabase, ChainHead>();

/**
 * Nothing is written on a trail that does not verify: a change appended to an altered trail would be
 * sealed onto it and look legitimate. Checked in full when the head is not the one this session last
 * verified or wrote (at the first write, or after another window wrote).
 */
async function assertTrailIntact(db: ReadDatabase, signer: AuditSigner): Promise<void> {
  const known = verifiedHeads.get(db);
  if (known) {
    const last = await readTables(db).auditTrail.orderBy('seq').last();
    if ((last?.seq ?? 0) === known.seq && (last?.hash ?? EMPTY_HEAD.hash) === known.hash) return;
  }
  const result = await verifyStoredTrail(db, signer);
  if (!result.ok)
    throw new ReadingError(
      'TAMPERED',
      `The audit trail has been altered (${result.problem}): nothing can be saved until it is restored. ` +
        'Export the trail and contact the administrator.',
    );
  verifiedHeads.set(db, result.head);
}
