/**
 * The audit view's queries (read-only, through readTables) and how an event is put into words.
 */
import type { AuditAction, AuditEntity, AuditEvent } from '../../core/reading/audit';
import type { ESignature } from '../../core/policy/records';
import type { Reader } from '../../core/reading/model';
import { readTables, type ReadDatabase } from '../db/readSchema';

export interface AuditViewFilter {
  readonly subjectId?: string;
  readonly readerId?: string;
  readonly timepointId?: string;
  readonly action?: AuditAction;
  /** Local calendar dates (YYYY-MM-DD), both included. */
  readonly from?: string;
  readonly to?: string;
}

/** The filter as ISO bounds: `from` at local midnight, `to` up to the next local midnight. */
export function timeBounds(filter: AuditViewFilter): { lower: string | null; upper: string | null } {
  const at = (date: string, days: number) => {
    const d = new Date(`${date}T00:00:00`);
    d.setDate(d.getDate() + days);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  };
  return {
    lower: filter.from ? at(filter.from, 0) : null,
    upper: filter.to ? at(filter.to, 1) : null,
  };
}

export function isEmptyFilter(filter: AuditViewFilter): boolean {
  return Object.values(filter).every((v) => v === undefined || v === '');
}

/**
 * The matching events, newest first. The most selective criterion goes through its index (visit,
 * subject, reader, action, then the time range); the others are checked on what it returns.
 */
export async function queryAudit(db: ReadDatabase, filter: AuditViewFilter): Promise<AuditEvent[]> {
  const trail = readTables(db).auditTrail;
  const { lower, upper } = timeBounds(filter);
  const collection = filter.timepointId
    ? trail.where('timepointId').equals(filter.timepointId)
    : filter.subjectId
      ? trail.where('subjectId').equals(filter.subjectId)
      : filter.readerId
        ? trail.where('readerId').equals(filter.readerId)
        : filter.action
          ? trail.where('action').equals(filter.action)
          : lower || upper
            ? trail.where('at').between(lower ?? '', upper ?? '\uffff', true, false)
            : trail.toCollection();
  const events = await collection
    .filter(
      (e) =>
        (!filter.subjectId || e.subjectId === filter.subjectId) &&
        (!filter.readerId || e.readerId === filter.readerId) &&
        (!filter.timepointId || e.timepointId === filter.timepointId) &&
        (!filter.action || e.action === filter.action) &&
        (!lower || e.at >= lower) &&
        (!upper || e.at < upper),
    )
    .toArray();
  return events.sort((a, b) => b.seq - a.seq);
}

/** The signatures some events were made under, by id. */
export async function signaturesOf(
  db: ReadDatabase,
  events: readonly AuditEvent[],
): Promise<Map<string, ESignature>> {
  const ids = [...new Set(events.flatMap((e) => (e.signatureId ? [e.signatureId] : [])))];
  const found = await readTables(db).eSignatures.bulkGet(ids);
  return new Map(found.flatMap((s) => (s ? [[s.id, s] as const] : [])));
}

const entityWords: Record<AuditEntity, string> = {
  reader: 'Account',
  subject: 'Subject',
  timepoint: 'Visit',
  read: 'Read',
  lesion: 'Lesion',
  assessment: 'Assessment',
  signoff: 'Visit sign-off',
  override: 'Check override',
  keyImage: 'Key image',
  credential: 'Passphrase',
  settings: 'Settings',
  signature: 'E-signature',
  newImage: 'New images',
  changeNotice: 'Change after signature',
  trial: 'Trial protocol',
  unmatchedStudy: 'Unmatched study',
  adjudication: 'Adjudication',
};

const actionWords: Record<AuditAction, string> = {
  create: 'created',
  update: 'changed',
  delete: 'deleted',
  restore: 'restored',
  sign: 'signed',
  unlock: 'unlocked',
  override: 'overridden',
  resolve: 'resolved',
  correct: 'corrected',
  're-sign': 're-signed',
  'set-passphrase': 'set',
};

export const actionLabels = actionWords;

export function describeWhat(event: Pick<AuditEvent, 'entity' | 'action'>): string {
  return `${entityWords[event.entity]} ${actionWords[event.action]}`;
}

export interface FieldChange {
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

const MAX_VALUE = 80;

function compact(value: unknown): string {
  if (value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The fields that differ between before and after (both objects), or the whole value otherwise.
 * (The policy leaves a passphrase's salt and hash out of its events, so nothing here is secret.)
 */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys
      .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
      .map((k) => ({ field: k, before: compact(before[k]), after: compact(after[k]) }));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ field: '', before: summary(before), after: summary(after) }];
}

/** A created or deleted record in one line: its own fields, not the ids that link it to others. */
function summary(value: unknown): string {
  if (value == null) return '—';
  if (!isRecord(value)) return compact(value);
  const text = Object.entries(value)
    .filter(([k]) => k !== 'id' && !k.endsWith('Id') && !k.endsWith('Ids'))
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');
  return text.length > 2 * MAX_VALUE ? `${text.slice(0, 2 * MAX_VALUE - 1)}…` : text;
}

export function readerLabel(
  readers: ReadonlyMap<string, Reader>,
  id: string,
  roleNames: Record<string, string>,
) {
  const reader = readers.get(id);
  return reader ? { name: reader.name, role: roleNames[reader.role] ?? reader.role } : { name: id, role: '' };
}
