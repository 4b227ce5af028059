/**
 * The audit trail: one event per changed record, appended in the same Dexie transaction as the change.
 *
 * Tamper evidence (21 CFR Part 11) is computed after the write (renderer/db/auditSeal.ts): a sealer
 * reads events in `seq` order OUTSIDE any write transaction, hashes canonicalJson(event) chained to the
 * previous hash with crypto.subtle, and stores the hashes in their own table. Hashing cannot run inside
 * the write transaction, because awaiting a non-Dexie promise there makes IndexedDB commit early.
 */
import { z } from 'zod';
import { entityId, isoDateTime } from './model';

export const auditActions = ['create', 'update', 'delete', 'restore', 'sign', 'unlock', 'override'] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditEntities = [
  'reader',
  'subject',
  'timepoint',
  'read',
  'lesion',
  'assessment',
  'signoff',
  'override',
  'keyImage',
] as const;
export type AuditEntity = (typeof auditEntities)[number];

export const AuditEventSchema = z.strictObject({
  /** Auto-incremented by Dexie: the order of the trail, and the order a hash chain will follow. */
  seq: z.int().positive().optional(),
  at: isoDateTime,
  readerId: entityId,
  action: z.enum(auditActions),
  entity: z.enum(auditEntities),
  entityId: z.string().min(1),
  /** The read the change belongs to, when it belongs to one (for the read's trail). */
  readId: entityId.nullable(),
  /** All events of one command (one click of the reader) share it; undo/redo name their origin. */
  commandId: entityId,
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export { canonicalJson } from '../audit/canonicalJson';
