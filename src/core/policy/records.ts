/**
 * Records the write policy keeps besides the read model (core/reading/model.ts): credentials, settings,
 * e-signatures, images waiting for a reader's decision, and notices of changes made after signature.
 */
import { z } from 'zod';
import { entityId, isoDate, isoDateTime, TimepointStudySchema, accountRoles } from '../reading/model';

/** PBKDF2-SHA-256 of a passphrase: the passphrase itself is never stored or logged. */
export const MIN_PBKDF2_ITERATIONS = 600_000;
export const CredentialSchema = z.strictObject({
  readerId: entityId,
  algorithm: z.literal('PBKDF2-SHA-256'),
  iterations: z.int().min(MIN_PBKDF2_ITERATIONS),
  /** Per-account random salt, hex. */
  salt: z.string().regex(/^[0-9a-f]{32,128}$/),
  /** The derived key, hex. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  setAt: isoDateTime,
});
export type Credential = z.infer<typeof CredentialSchema>;

export const DEFAULT_INACTIVITY_MINUTES = 15;
export const SettingsSchema = z.strictObject({
  id: z.literal('workstation'),
  /** A signed-in session locks after this long without input. */
  inactivityMinutes: z.int().min(1).max(240),
});
export type Settings = z.infer<typeof SettingsSchema>;
export const defaultSettings: Settings = { id: 'workstation', inactivityMinutes: DEFAULT_INACTIVITY_MINUTES };

/** What a person's e-signature stands for; the meaning is shown before they sign and stored with it. */
export const signatureKinds = [
  'sign-visit',
  'unlock-visit',
  'override',
  'correct-subject',
  're-sign',
] as const;
export type SignatureKind = (typeof signatureKinds)[number];

const SignedHeadSchema = z.strictObject({
  seq: z.int().nonnegative(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: isoDateTime,
  signature: z.string().regex(/^[0-9a-f]{128}$/),
  publicKey: z.string().regex(/^04[0-9a-f]{128}$/),
});

/** A 21 CFR Part 11 e-signature: who, as what, when, meaning what, over which content. */
export const ESignatureSchema = z.strictObject({
  id: entityId,
  kind: z.enum(signatureKinds),
  signerId: entityId,
  signerName: z.string().min(1),
  role: z.enum(accountRoles),
  at: isoDateTime,
  meaning: z.string().min(1),
  readId: entityId.nullable(),
  subjectId: entityId.nullable(),
  timepointId: entityId.nullable(),
  reason: z.string().nullable(),
  /** SHA-256 of the canonical JSON of what was signed (a visit's assessments, a subject's dates...). */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The audit trail's head when the signature was made, signed with the installation key. */
  signedHead: SignedHeadSchema.nullable(),
});
export type ESignature = z.infer<typeof ESignatureSchema>;

/** Studies that arrived for a subject with a read: they change nothing until a reader decides. */
export const newImageStates = ['waiting', 'assigned', 'new-visit', 'set-aside'] as const;
export const NewImageSchema = z.strictObject({
  id: entityId,
  subjectId: entityId,
  study: TimepointStudySchema,
  arrivedAt: isoDateTime,
  state: z.enum(newImageStates),
  /** The visit it went to (assigned or new visit). */
  timepointId: entityId.nullable(),
  reason: z.string().nullable(),
  resolvedBy: entityId.nullable(),
  resolvedAt: isoDateTime.nullable(),
});
export type NewImage = z.infer<typeof NewImageSchema>;

/** A read's responses and endpoints at one moment, for "changed after signature" before/after. */
export const ReadOutcomeSchema = z.strictObject({
  overall: z.record(z.string(), z.string()),
  bestOverallResponse: z.string().nullable(),
  pfsDays: z.number().nullable(),
  pfsEvent: z.boolean().nullable(),
  dorDays: z.number().nullable(),
  dorEvent: z.boolean().nullable(),
});
export type ReadOutcome = z.infer<typeof ReadOutcomeSchema>;

/** A signed read whose subject data changed after signature: open until its reader re-signs. */
export const ChangeNoticeSchema = z.strictObject({
  id: entityId,
  readId: entityId,
  subjectId: entityId,
  at: isoDateTime,
  changedBy: entityId,
  reason: z.string().min(1),
  field: z.string().min(1),
  from: isoDate.nullable(),
  to: isoDate.nullable(),
  before: ReadOutcomeSchema.nullable(),
  after: ReadOutcomeSchema.nullable(),
  /** The reader's re-signature that closed the notice. */
  resolvedBySignatureId: entityId.nullable(),
});
export type ChangeNotice = z.infer<typeof ChangeNoticeSchema>;
