/**
 * The audit trail: one event per changed record, appended in the same Dexie transaction as the change.
 *
 * Each event is sealed into a hash chain in the transaction that writes it, and the chain's head is
 * signed with the installation key (core/audit/chain.ts).
 */
import { z } from 'zod';
import { entityId, isoDateTime } from './model';

export const auditActions = [
  'create',
  'update',
  'delete',
  'restore',
  'sign',
  'unlock',
  'override',
  /** A study waiting in "new images" assigned, made a visit or set aside. */
  'resolve',
  /** An admin's signed correction of frozen subject data. */
  'correct',
  're-sign',
  'set-passphrase',
] as const;
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
  'credential',
  'settings',
  'signature',
  'newImage',
  'changeNotice',
  'trial',
  'unmatchedStudy',
  'adjudication',
] as const;
export type AuditEntity = (typeof auditEntities)[number];

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** One event of the trail as the write policy drafts it; the Dexie layer seals it (core/audit/chain.ts). */
export const AuditEventBodySchema = z.strictObject({
  at: isoDateTime,
  /** Who did it (the signed-in account). */
  readerId: entityId,
  action: z.enum(auditActions),
  entity: z.enum(auditEntities),
  entityId: z.string().min(1),
  /** The read the change belongs to, when it belongs to one (for the read's trail). */
  readId: entityId.nullable(),
  /** The subject and visit concerned, when there is one: what the audit view filters by. */
  subjectId: entityId.nullable(),
  timepointId: entityId.nullable(),
  /** All events of one command (one click of the reader) share it; undo/redo name their origin. */
  commandId: entityId,
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  /** The e-signature this change was made under (signing, unlocking, a signed correction). */
  signatureId: entityId.nullable(),
});
export type AuditEventBody = z.infer<typeof AuditEventBodySchema>;

/** A sealed event as stored: numbered without gaps from 1 and chained by hash. */
export const AuditEventSchema = AuditEventBodySchema.extend({
  seq: z.int().positive(),
  prevHash: hex64,
  hash: hex64,
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export { canonicalJson } from '../audit/canonicalJson';
