/**
 * The records a command is decided on, as the write policy sees them: the stored records of the
 * command's scope, plus what the command has written so far (later checks of the same command see its
 * own earlier writes). Plain data only: the Dexie layer loads it and applies what the policy returns.
 */
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
} from '../reading/model';
import type {
  Adjudication,
  ChangeNotice,
  Credential,
  ESignature,
  NewImage,
  Settings,
  Trial,
  UnmatchedStudy,
} from './records';

/** A key image as the policy knows it: its PNG is represented by its hash and size. */
export interface KeyImageInfo extends KeyImageMeta {
  /** null only for key images kept before their PNGs were hashed. */
  readonly pngSha256: string | null;
  readonly pngBytes: number;
}

export interface PolicyRecords {
  readers: Reader;
  credentials: Credential;
  settings: Settings;
  subjects: Subject;
  timepoints: Timepoint;
  reads: Read;
  lesions: Lesion;
  assessments: Assessment;
  signoffs: Signoff;
  overrides: Override;
  keyImages: KeyImageInfo;
  eSignatures: ESignature;
  newImages: NewImage;
  changeNotices: ChangeNotice;
  trial: Trial;
  unmatchedStudies: UnmatchedStudy;
  adjudications: Adjudication;
}
export type PolicyTable = keyof PolicyRecords;

export const policyTables: readonly PolicyTable[] = [
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
  'eSignatures',
  'newImages',
  'changeNotices',
  'trial',
  'unmatchedStudies',
  'adjudications',
];

export type RecordKey = string | readonly [string, string];

/** The primary key of a record, as Dexie stores it. */
export function keyOf<T extends PolicyTable>(table: T, record: PolicyRecords[T]): RecordKey {
  switch (table) {
    case 'credentials':
      return (record as Credential).readerId;
    case 'assessments': {
      const a = record as Assessment;
      return [a.lesionId, a.timepointId];
    }
    case 'signoffs': {
      const s = record as Signoff;
      return [s.readId, s.timepointId];
    }
    default:
      return (record as { id: string }).id;
  }
}

export function keyString(key: RecordKey): string {
  return typeof key === 'string' ? key : key.join('@');
}

/** Which records were loaded: a subject's (and the workstation-wide light tables), or everything. */
export type Scope = { readonly kind: 'subject'; readonly subjectId: string } | { readonly kind: 'all' };

export type PolicySnapshot = { readonly [T in PolicyTable]: readonly PolicyRecords[T][] };

export class RecordSet {
  private readonly maps = new Map<PolicyTable, Map<string, unknown>>();

  constructor(snapshot: Partial<PolicySnapshot>) {
    for (const table of policyTables) {
      const map = new Map<string, unknown>();
      for (const record of (snapshot[table] ?? []) as PolicyRecords[typeof table][])
        map.set(keyString(keyOf(table, record)), record);
      this.maps.set(table, map);
    }
  }

  get<T extends PolicyTable>(table: T, key: RecordKey): PolicyRecords[T] | null {
    return (this.maps.get(table)!.get(keyString(key)) as PolicyRecords[T] | undefined) ?? null;
  }

  all<T extends PolicyTable>(table: T): PolicyRecords[T][] {
    return [...this.maps.get(table)!.values()] as PolicyRecords[T][];
  }

  where<T extends PolicyTable>(table: T, test: (record: PolicyRecords[T]) => boolean): PolicyRecords[T][] {
    return this.all(table).filter(test);
  }

  set<T extends PolicyTable>(table: T, key: RecordKey, record: PolicyRecords[T] | null): void {
    const map = this.maps.get(table)!;
    if (record === null) map.delete(keyString(key));
    else map.set(keyString(key), record);
  }

  snapshot(): PolicySnapshot {
    return Object.fromEntries(policyTables.map((t) => [t, this.all(t)])) as unknown as PolicySnapshot;
  }

  clone(): RecordSet {
    return new RecordSet(this.snapshot());
  }
}
