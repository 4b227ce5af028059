/** Reading the audit trail (events are only ever appended, by readWriter.ts). */
import type { AuditEntity, AuditEvent } from '../../core/reading/audit';
import { readTables, type ReadDatabase } from './readSchema';

export type AuditFilter =
  | { readonly readId: string }
  | { readonly entity: AuditEntity; readonly entityId: string }
  | { readonly commandId: string };

/** The events matching the filter, oldest first. */
export async function auditTrail(db: ReadDatabase, filter: AuditFilter): Promise<AuditEvent[]> {
  const { audit } = readTables(db);
  const events =
    'readId' in filter
      ? await audit.where('readId').equals(filter.readId).toArray()
      : 'commandId' in filter
        ? await audit.where('commandId').equals(filter.commandId).toArray()
        : await audit.where('[entity+entityId]').equals([filter.entity, filter.entityId]).toArray();
  return events.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
}

/** The last `limit` events of the whole database, newest first. */
export function recentAudit(db: ReadDatabase, limit = 100): Promise<AuditEvent[]> {
  return readTables(db).audit.orderBy('seq').reverse().limit(limit).toArray();
}
