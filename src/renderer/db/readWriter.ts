/**
 * The one way the reading repositories write: inside a single Dexie transaction over the read tables,
 * every record change is paired with its audit event, so a failed write leaves neither. Only Dexie
 * promises are awaited inside (anything else would let IndexedDB commit the transaction early).
 */
import type { Table } from 'dexie';
import type { AuditAction, AuditEntity, AuditEvent } from '../../core/reading/audit';
import { ReadingError } from '../../core/reading/errors';
import { isUndoable, type Command, type RecordChange, type RecordKey } from '../../core/reading/undo';
import { readTables, type ReadDatabase, type ReadTables } from './readSchema';

export interface ReadingSession {
  readonly db: ReadDatabase;
  /** The reader at the workstation: every audit event names them. */
  readonly readerId: string;
  /** Injectable for tests; defaults to the system clock and random UUIDs. */
  readonly now?: () => Date;
  readonly newId?: () => string;
}

/** What every repository mutation returns: its result and the command that undo/redo replays. */
export interface Mutation<T> {
  readonly value: T;
  /** null for changes that are not undoable (sign, unlock, reader profile). */
  readonly command: Command | null;
  /** Shared by all audit events of this mutation. */
  readonly commandId: string;
}

const entityOfTable: Readonly<Record<Exclude<keyof ReadTables, 'audit' | 'auditSeals'>, AuditEntity>> = {
  readers: 'reader',
  subjects: 'subject',
  timepoints: 'timepoint',
  reads: 'read',
  lesions: 'lesion',
  assessments: 'assessment',
  signoffs: 'signoff',
  overrides: 'override',
  keyImages: 'keyImage',
};

export type RecordTable = keyof typeof entityOfTable;

export function entityIdOf(key: RecordKey): string {
  return typeof key === 'string' ? key : key.join('@');
}

/** Audit events hold plain data: a key image's PNG is summarised, not copied into the trail. */
function auditView(record: unknown): unknown {
  if (record === null || record === undefined) return null;
  if (typeof record === 'object' && 'png' in record && record.png instanceof Blob) {
    const { png, ...rest } = record as { png: Blob } & Record<string, unknown>;
    return { ...rest, png: { type: png.type, bytes: png.size } };
  }
  return record;
}

export interface WriteOptions {
  readonly readId: string | null;
  readonly action?: AuditAction;
  readonly reason?: string | null;
  /** Sign-offs, overrides, reads and readers are deliberate acts, not undoable edits. */
  readonly undoable?: boolean;
}

export class Writer {
  readonly changes: RecordChange[] = [];

  constructor(
    readonly t: ReadTables,
    readonly at: string,
    readonly readerId: string,
    readonly commandId: string,
    private readonly makeId: () => string,
  ) {}

  newId(): string {
    return this.makeId();
  }

  /**
   * Writes `after` (or deletes the record when it is null) and appends the audit event.
   * `before` is the stored record as read in this transaction (null when it did not exist).
   */
  async write<R>(
    table: RecordTable,
    key: RecordKey,
    before: R | null,
    after: R | null,
    options: WriteOptions,
  ) {
    const store = this.t[table] as unknown as Table<R, RecordKey>;
    if (after === null) await store.delete(key);
    else await store.put(after);
    const event: AuditEvent = {
      at: this.at,
      readerId: this.readerId,
      action: options.action ?? (before === null ? 'create' : after === null ? 'delete' : 'update'),
      entity: entityOfTable[table],
      entityId: entityIdOf(key),
      readId: options.readId,
      commandId: this.commandId,
      before: auditView(before),
      after: auditView(after),
      reason: options.reason ?? null,
    };
    await this.t.audit.add(event);
    if (options.undoable !== false && isUndoable(table)) this.changes.push({ table, key, before, after });
  }
}

function defaultId(): string {
  return crypto.randomUUID();
}

/**
 * Runs `body` in one read-write transaction over all read tables. The session's reader must exist
 * (except when `allowUnknownReader`: creating the first profile).
 */
export async function runWrite<T>(
  session: ReadingSession,
  label: string,
  body: (w: Writer) => Promise<T>,
  allowUnknownReader = false,
): Promise<Mutation<T>> {
  const t = readTables(session.db);
  const makeId = session.newId ?? defaultId;
  const commandId = makeId();
  const at = (session.now?.() ?? new Date()).toISOString();
  // Sealing has its own short transactions (auditSeal.ts): writers never wait for it.
  const { auditSeals: _seals, ...writable } = t;
  const all = Object.values(writable);
  return session.db.transaction('rw', all, async () => {
    if (!allowUnknownReader && !(await t.readers.get(session.readerId)))
      throw new ReadingError('NOT_FOUND', `reader profile ${session.readerId} does not exist`);
    const writer = new Writer(t, at, session.readerId, commandId, makeId);
    const value = await body(writer);
    const command = writer.changes.length > 0 ? { label, changes: writer.changes } : null;
    return { value, command, commandId };
  });
}

export async function mustGet<R>(
  table: Table<R, string>,
  id: string,
  what: string,
  isLive: (record: R) => boolean = () => true,
): Promise<R> {
  const record = await table.get(id);
  if (!record || !isLive(record)) throw new ReadingError('NOT_FOUND', `${what} ${id} does not exist`);
  return record;
}
