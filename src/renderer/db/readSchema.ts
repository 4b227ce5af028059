/**
 * The reading workflow's tables, added to the app's Dexie database as schema version 2 (version 1 is
 * the DICOM index: studies, series, instances, importReports). The database class calls
 * applyReadSchema(this) in its constructor after its own version(1); repositories reach the tables
 * through readTables(db), so they work on any Dexie database that applied this schema (typed as
 * ReadDatabase, below).
 *
 * Migration notes:
 * - v2 (this file): readers, subjects, timepoints, reads, lesions, assessments, signoffs, overrides,
 *   keyImages, audit, auditSeals. Later changes to these tables go in a new version() here with an upgrade
 *   function; never edit v2's store strings once shipped.
 */
import type { Table } from 'dexie';
import type { AuditEvent } from '../../core/reading/audit';
import type {
  Assessment,
  KeyImageMeta,
  Lesion,
  Override,
  Read,
  Reader,
  Signoff,
  Subject,
  Timepoint,
} from '../../core/reading/model';

/** A key image: a PNG screenshot of a measured lesion (never DICOM pixel data). */
export interface KeyImageRecord extends KeyImageMeta {
  readonly png: Blob;
}

/** One link of the audit hash chain (auditSeal.ts): the chained SHA-256 after the event `seq`. */
export interface AuditSeal {
  readonly seq: number;
  readonly hash: string;
}

export type AssessmentKey = [lesionId: string, timepointId: string];
export type SignoffKey = [readId: string, timepointId: string];

export interface ReadTables {
  readonly readers: Table<Reader, string>;
  readonly subjects: Table<Subject, string>;
  readonly timepoints: Table<Timepoint, string>;
  readonly reads: Table<Read, string>;
  readonly lesions: Table<Lesion, string>;
  readonly assessments: Table<Assessment, AssessmentKey>;
  readonly signoffs: Table<Signoff, SignoffKey>;
  readonly overrides: Table<Override, string>;
  readonly keyImages: Table<KeyImageRecord, string>;
  readonly audit: Table<AuditEvent, number>;
  readonly auditSeals: Table<AuditSeal, number>;
}

export const READ_SCHEMA_VERSION = 2;

export const readStores: Readonly<Record<keyof ReadTables, string>> = {
  readers: 'id',
  // One subject per DICOM Patient ID: the multi-entry index routes newly imported studies.
  subjects: 'id, *patientIds',
  timepoints: 'id, subjectId',
  // One read per reader per subject.
  reads: 'id, subjectId, readerId, &[subjectId+readerId]',
  lesions: 'id, readId, &trackingUid',
  assessments: '[lesionId+timepointId], readId, timepointId',
  signoffs: '[readId+timepointId], readId, timepointId',
  overrides: 'id, readId, [readId+timepointId]',
  keyImages: 'id, readId, [lesionId+timepointId]',
  audit: '++seq, at, [entity+entityId], readId, commandId',
  auditSeals: 'seq',
};

/** Structural, so a Dexie subclass can pass `this` from its constructor without deep type comparison. */
interface Versioned {
  version(versionNumber: number): { stores(schema: { [tableName: string]: string | null }): unknown };
}

export function applyReadSchema(db: Versioned): void {
  db.version(READ_SCHEMA_VERSION).stores(readStores);
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

export function readTables(db: ReadDatabase): ReadTables {
  return {
    readers: db.table('readers'),
    subjects: db.table('subjects'),
    timepoints: db.table('timepoints'),
    reads: db.table('reads'),
    lesions: db.table('lesions'),
    assessments: db.table('assessments'),
    signoffs: db.table('signoffs'),
    overrides: db.table('overrides'),
    keyImages: db.table('keyImages'),
    audit: db.table('audit'),
    auditSeals: db.table('auditSeals'),
  };
}
