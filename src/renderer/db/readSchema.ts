/**
 * The reading workflow's tables, added to the app's Dexie database (version 1 is the DICOM index:
 * studies, series, instances, importReports). The database class calls applyReadSchema(this) in its
 * constructor after its own version(1).
 *
 * Only commandRunner.ts writes these tables, with what the write policy (core/policy) decided; every
 * other module gets them through readTables(), typed read-only (test/unit/renderer/db/writePath.test.ts
 * checks that no other module writes).
 *
 * Migration notes:
 * - v2: readers, subjects, timepoints, reads, lesions, assessments, signoffs, overrides, keyImages,
 *   audit, auditSeals.
 * - v4: the trial (protocol), studies that matched no trial subject, and adjudications.
 * - v3: accounts (credentials, settings), e-signatures, new images, change notices, key image PNGs kept
 *   by hash, and the audit trail sealed at write time (auditTrail + auditHead replace audit +
 *   auditSeals: the old events are sealed into the new chain in order, and the head is signed when the
 *   app next opens). Never edit a shipped version's store strings: add a version.
 */
import type { Table, Transaction } from 'dexie';
import { EMPTY_HEAD, sealEvents, type SignedHead } from '../../core/audit/chain';
import type { AuditEvent, AuditEventBody } from '../../core/reading/audit';
import type {
  Assessment,
  Lesion,
  Override,
  Read,
  Reader,
  Signoff,
  Subject,
  Timepoint,
} from '../../core/reading/model';
import type { KeyImageInfo } from '../../core/policy/recordSet';
import type {
  Adjudication,
  ChangeNotice,
  Credential,
  ESignature,
  NewImage,
  Settings,
  Trial,
  UnmatchedStudy,
} from '../../core/policy/records';

/** A key image: a PNG screenshot of a measured lesion (never DICOM pixel data); its bytes by hash. */
export type KeyImageRecord = KeyImageInfo & {
  /** Only on key images kept before v3; newer ones keep their PNG in keyImagePngs. */
  readonly png?: Blob;
};

export interface KeyImagePng {
  readonly sha256: string;
  readonly png: Blob;
}

/** The signed head of the audit chain (one row, id 'head'). `pending`: sign it when the app opens. */
export interface AuditHeadRecord {
  readonly id: 'head';
  readonly head: SignedHead | null;
  readonly pending?: { readonly seq: number; readonly hash: string };
}

export type AssessmentKey = [lesionId: string, timepointId: string];
export type SignoffKey = [readId: string, timepointId: string];

/** Read-only: what every module but commandRunner.ts may do with a table. */
export type ReadOnlyTable<T, K> = Omit<
  Table<T, K>,
  | 'add'
  | 'bulkAdd'
  | 'put'
  | 'bulkPut'
  | 'update'
  | 'bulkUpdate'
  | 'delete'
  | 'bulkDelete'
  | 'clear'
  | 'upsert'
>;

export interface WritableReadTables {
  readonly readers: Table<Reader, string>;
  readonly credentials: Table<Credential, string>;
  readonly settings: Table<Settings, string>;
  readonly subjects: Table<Subject, string>;
  readonly timepoints: Table<Timepoint, string>;
  readonly reads: Table<Read, string>;
  readonly lesions: Table<Lesion, string>;
  readonly assessments: Table<Assessment, AssessmentKey>;
  readonly signoffs: Table<Signoff, SignoffKey>;
  readonly overrides: Table<Override, string>;
  readonly keyImages: Table<KeyImageRecord, string>;
  readonly keyImagePngs: Table<KeyImagePng, string>;
  readonly eSignatures: Table<ESignature, string>;
  readonly newImages: Table<NewImage, string>;
  readonly changeNotices: Table<ChangeNotice, string>;
  readonly auditTrail: Table<AuditEvent, number>;
  readonly auditHead: Table<AuditHeadRecord, string>;
  readonly trial: Table<Trial, string>;
  readonly unmatchedStudies: Table<UnmatchedStudy, string>;
  readonly adjudications: Table<Adjudication, string>;
}

export type ReadTables = {
  readonly [K in keyof WritableReadTables]: WritableReadTables[K] extends Table<infer T, infer Key>
    ? ReadOnlyTable<T, Key>
    : never;
};

export const READ_SCHEMA_VERSION = 4;

const v2Stores = {
  readers: 'id',
  subjects: 'id, *patientIds',
  timepoints: 'id, subjectId',
  reads: 'id, subjectId, readerId, &[subjectId+readerId]',
  lesions: 'id, readId, &trackingUid',
  assessments: '[lesionId+timepointId], readId, timepointId',
  signoffs: '[readId+timepointId], readId, timepointId',
  overrides: 'id, readId, [readId+timepointId]',
  keyImages: 'id, readId, [lesionId+timepointId]',
  audit: '++seq, at, [entity+entityId], readId, commandId',
  auditSeals: 'seq',
};

export const readStores: Readonly<Record<keyof WritableReadTables | 'audit' | 'auditSeals', string | null>> =
  {
    ...v2Stores,
    credentials: 'readerId',
    settings: 'id',
    keyImagePngs: 'sha256',
    eSignatures: 'id, readId, subjectId',
    newImages: 'id, subjectId, state',
    changeNotices: 'id, readId, subjectId',
    auditTrail: 'seq, at, [entity+entityId], readId, subjectId, timepointId, readerId, action, commandId',
    auditHead: 'id',
    trial: 'id',
    unmatchedStudies: 'id, &study.studyInstanceUid, state',
    adjudications: 'id, &subjectId',
    audit: null,
    auditSeals: null,
  };

/** Structural, so a Dexie subclass can pass `this` from its constructor without deep type comparison. */
interface Versioned {
  version(versionNumber: number): {
    stores(schema: { [tableName: string]: string | null }): {
      upgrade(fn: (tx: Transaction) => PromiseLike<unknown> | void): unknown;
    };
  };
}

/** v2 audit events (auto-numbered, unsealed) sealed into the v3 chain in their order. */
async function upgradeToV3(tx: Transaction): Promise<void> {
  const old = (await tx.table('audit').orderBy('seq').toArray()) as (Record<string, unknown> & {
    seq: number;
  })[];
  const bodies: AuditEventBody[] = old.map(({ seq: _seq, ...event }) => ({
    ...(event as Omit<AuditEventBody, 'subjectId' | 'timepointId' | 'signatureId'>),
    // A v2 key image event logged its PNG by size: kept as it was.
    subjectId: null,
    timepointId: null,
    signatureId: null,
  }));
  const { events, head } = sealEvents(EMPTY_HEAD, bodies);
  await tx.table('auditTrail').bulkAdd(events);
  if (events.length > 0) await tx.table('auditHead').put({ id: 'head', head: null, pending: head });
  await tx
    .table('readers')
    .toCollection()
    .modify((reader: { disabled?: boolean }) => {
      reader.disabled ??= false;
    });
  await tx
    .table('keyImages')
    .toCollection()
    .modify((image: { png?: Blob; pngSha256?: string | null; pngBytes?: number }) => {
      image.pngSha256 ??= null;
      image.pngBytes ??= image.png?.size ?? 0;
    });
}

const {
  trial: _trial,
  unmatchedStudies: _unmatched,
  adjudications: _adjudications,
  ...v3Stores
} = readStores;

export function applyReadSchema(db: Versioned): void {
  db.version(2).stores(v2Stores);
  db.version(3).stores(v3Stores).upgrade(upgradeToV3);
  db.version(READ_SCHEMA_VERSION).stores(readStores).upgrade(upgradeToV4);
}

/** v4 adds the trial's tables, and gives older records the new fields' defaults. */
async function upgradeToV4(tx: Transaction): Promise<void> {
  await tx
    .table('subjects')
    .toCollection()
    .modify((subject: { site?: string | null; treatmentStartDate?: string | null }) => {
      subject.site ??= null;
      subject.treatmentStartDate ??= null;
    });
  await tx
    .table('readers')
    .toCollection()
    .modify((reader: { readerNumber?: number | null; assignment?: unknown }) => {
      reader.readerNumber ??= null;
      reader.assignment ??= { kind: 'all' };
    });
  await tx
    .table('reads')
    .toCollection()
    .modify((read: { role?: string | null; readerNumber?: number | null }) => {
      read.role ??= null;
      read.readerNumber ??= null;
    });
}

/**
 * What the repositories need of the database. Narrower than Dexie on purpose: TypeScript cannot
 * compare a Dexie subclass with Dexie itself (its `this`-typed transaction overloads recurse: TS2589),
 * but any Dexie instance, subclass or not, is a ReadDatabase.
 */
export interface ReadDatabase {
  table(tableName: string): Table;
  transaction<U>(mode: 'r' | 'rw', tables: readonly Table[], scope: () => PromiseLike<U>): PromiseLike<U>;
}

const tableNames: readonly (keyof WritableReadTables)[] = [
  'readers',
  'credentials',
  'settings',
  'subjects',
  'timepoints',
  'reads',
  'lesions',
  'assessments',
  'signoffs',
  'overrides',
  'keyImages',
  'keyImagePngs',
  'eSignatures',
  'newImages',
  'changeNotices',
  'auditTrail',
  'auditHead',
  'trial',
  'unmatchedStudies',
  'adjudications',
];

/** For commandRunner.ts only (the write path). */
export function writableReadTables(db: ReadDatabase): WritableReadTables {
  return Object.fromEntries(
    tableNames.map((name) => [name, db.table(name)]),
  ) as unknown as WritableReadTables;
}

/** The read tables, read-only: queries and live queries use these. */
export function readTables(db: ReadDatabase): ReadTables {
  return writableReadTables(db);
}

/** Tables as Dexie needs them to open a transaction. */
export function transactionTables(db: ReadDatabase, names: readonly (keyof WritableReadTables)[]): Table[] {
  return names.map((name) => db.table(name));
}
