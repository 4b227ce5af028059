/**
 * Reading and verifying the audit trail (events are only ever appended, by commandRunner.ts).
 */
import type { AuditEntity, AuditEvent } from '../../core/reading/audit';
import { readTables, type ReadDatabase } from './readSchema';

export type AuditFilter =
  | { readonly readId: string }
  | { readonly entity: AuditEntity; readonly entityId: string }
  | { readonly commandId: string };

/** The events matching the filter, oldest first. */
export async function auditTrail(db: ReadDatabase, filter: AuditFilter): Promise<AuditEvent[]> {
  const { auditTrail: trail } = readTables(db);
  const events =
    'readId' in filter
      ? await trail.where('readId').equals(filter.readId).toArray()
      : 'commandId' in filter
        ? await trail.where('commandId').equals(filter.commandId).toArray()
        : await trail.where('[entity+entityId]').equals([filter.entity, filter.entityId]).toArray();
  return events.sort((a, b) => a.seq - b.seq);
}

/** The last `limit` events of the whole database, newest first. */
export function recentAudit(db: ReadDatabase, limit = 100): Promise<AuditEvent[]> {
  return readTables(db).auditTrail.orderBy('seq').reverse().limit(limit).toArray();
}

export { verifyStoredTrail } from './commandRunner';
