/**
 * Reading and verifying the audit trail (events are only ever appended, by commandRunner.ts).
 */
import { verifyChain, type ChainVerification } from '../../core/audit/chain';
import type { AuditEntity, AuditEvent } from '../../core/reading/audit';
import { signInitialHead, type AuditSigner } from './commandRunner';
import { readTables, transactionTables, type ReadDatabase } from './readSchema';

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

/**
 * Verifies the whole trail against its signed head and the installation's key: what the app does on
 * opening. A trail migrated from v2 has its head signed here, once, before it is verified.
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
