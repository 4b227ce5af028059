/**
 * What a command decides, built up while it checks: the records to write and, for each, its audit event
 * (and the undo step when the change is one a reader may take back). Every write goes through
 * Draft.write, so no record changes without its event.
 */
import type { SignedHead } from '../audit/chain';
import type { AuditAction, AuditEntity, AuditEventBody } from '../reading/audit';
import { isUndoable, type Command, type RecordChange } from '../reading/undo';
import type { Reader } from '../reading/model';
import { keyOf, type PolicyRecords, type PolicyTable, type RecordKey, type RecordSet } from './recordSet';

const entityOf: Readonly<Record<PolicyTable, AuditEntity>> = {
  readers: 'reader',
  credentials: 'credential',
  settings: 'settings',
  subjects: 'subject',
  timepoints: 'timepoint',
  reads: 'read',
  lesions: 'lesion',
  assessments: 'assessment',
  signoffs: 'signoff',
  overrides: 'override',
  keyImages: 'keyImage',
  eSignatures: 'signature',
  newImages: 'newImage',
  changeNotices: 'changeNotice',
  trial: 'trial',
  unmatchedStudies: 'unmatchedStudy',
  adjudications: 'adjudication',
};

export interface RecordWrite {
  readonly table: PolicyTable;
  readonly key: RecordKey;
  /** null: delete the record. */
  readonly record: unknown;
}

export interface Decision<T> {
  readonly value: T;
  readonly writes: readonly RecordWrite[];
  readonly events: readonly AuditEventBody[];
  /** What undo/redo replays; null when nothing undoable changed. */
  readonly undo: Command | null;
  /** The records as they are once the writes are applied. */
  readonly records: RecordSet;
}

export interface WriteOptions {
  readonly action?: AuditAction;
  readonly reason?: string | null;
  /** Sign-offs, signatures, accounts and resolutions are deliberate acts, not undoable edits. */
  readonly undoable?: boolean;
  readonly signatureId?: string | null;
  /** Who the event names when nobody is signed in yet (the first admin creating their own account). */
  readonly actorId?: string;
}

/** The environment of one decision: injected so the policy stays a pure function of its inputs. */
export interface DecisionEnv {
  readonly at: string;
  readonly commandId: string;
  readonly newId: () => string;
  /** The actor typed their passphrase again for this command (checked by the caller against PBKDF2). */
  readonly reauthenticated: boolean;
  /** The audit trail's signed head before this command: e-signatures record it. */
  readonly head: SignedHead | null;
}

export function entityIdOf(key: RecordKey): string {
  return typeof key === 'string' ? key : key.join('@');
}

/** Audit events hold no secret: a credential is logged without its salt and hash. */
function auditView(table: PolicyTable, record: unknown): unknown {
  if (record === null || record === undefined) return null;
  if (table === 'credentials') {
    const { salt: _salt, hash: _hash, ...rest } = record as PolicyRecords['credentials'];
    return rest;
  }
  return record;
}

export class Draft {
  private readonly writes: RecordWrite[] = [];
  private readonly events: AuditEventBody[] = [];
  private readonly changes: RecordChange[] = [];

  constructor(
    readonly records: RecordSet,
    readonly env: DecisionEnv,
    /** null only while the first admin account is created. */
    readonly actor: Reader | null,
  ) {}

  get at(): string {
    return this.env.at;
  }

  newId(): string {
    return this.env.newId();
  }

  /** Writes `after` over `before` (null: create / delete) and appends the audit event. */
  write<T extends PolicyTable>(
    table: T,
    before: PolicyRecords[T] | null,
    after: PolicyRecords[T] | null,
    options: WriteOptions = {},
  ): void {
    const record = after ?? before;
    if (record === null) return;
    const key = keyOf(table, record);
    this.records.set(table, key, after);
    this.writes.push({ table, key, record: after });
    const where = this.whereOf(table, record);
    this.events.push({
      at: this.env.at,
      readerId: this.actor?.id ?? options.actorId ?? 'nobody',
      action: options.action ?? (before === null ? 'create' : after === null ? 'delete' : 'update'),
      entity: entityOf[table],
      entityId: entityIdOf(key),
      readId: where.readId,
      subjectId: where.subjectId,
      timepointId: where.timepointId,
      commandId: this.env.commandId,
      before: auditView(table, before),
      after: auditView(table, after),
      reason: options.reason ?? null,
      signatureId: options.signatureId ?? null,
    });
    if (options.undoable !== false && isUndoable(table)) this.changes.push({ table, key, before, after });
  }

  /** The read, subject and visit an event concerns, for the audit view's filters. */
  private whereOf(table: PolicyTable, record: unknown) {
    const r = record as Record<string, unknown>;
    const readId = table === 'reads' ? (r.id as string) : typeof r.readId === 'string' ? r.readId : null;
    const read = readId ? this.records.get('reads', readId) : null;
    const subjectId =
      table === 'subjects'
        ? (r.id as string)
        : typeof r.subjectId === 'string'
          ? r.subjectId
          : (read?.subjectId ?? null);
    const timepointId =
      table === 'timepoints' ? (r.id as string) : typeof r.timepointId === 'string' ? r.timepointId : null;
    return { readId, subjectId, timepointId };
  }

  finish<T>(value: T, label: string): Decision<T> {
    return {
      value,
      writes: this.writes,
      events: this.events,
      undo: this.changes.length > 0 ? { label, changes: this.changes } : null,
      records: this.records,
    };
  }
}
