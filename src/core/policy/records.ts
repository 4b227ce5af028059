/**
 * Records the write policy keeps besides the read model (core/reading/model.ts): credentials, settings,
 * e-signatures, images waiting for a reader's decision, and notices of changes made after signature.
 */
import { z } from 'zod';
import {
  accountRoles,
  entityId,
  isoDate,
  isoDateTime,
  readerNumber,
  TimepointStudySchema,
} from '../reading/model';
import { TrialProtocolSchema } from '../trial/protocol';

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
  'adjudicate',
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

/**
 * The workstation's trial (one row, id 'trial'): its protocol decides read options, visit matching and
 * adjudication. It changes only before the first signature of any read.
 */
export const TrialSchema = z.strictObject({
  id: z.literal('trial'),
  protocol: TrialProtocolSchema,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Trial = z.infer<typeof TrialSchema>;

/** A study that matched no trial subject (or no visit): it waits for the administrator. */
export const unmatchedStudyStates = ['waiting', 'assigned', 'set-aside'] as const;
export const UnmatchedStudySchema = z.strictObject({
  id: entityId,
  study: TimepointStudySchema,
  /** Clinical Trial Subject ID (0012,0040) of the study, '' when absent. */
  clinicalTrialSubjectId: z.string(),
  /** Why it matched nothing, in the admin's words. */
  reason: z.string().min(1),
  arrivedAt: isoDateTime,
  state: z.enum(unmatchedStudyStates),
  subjectId: entityId.nullable(),
  resolvedBy: entityId.nullable(),
  resolvedAt: isoDateTime.nullable(),
});
export type UnmatchedStudy = z.infer<typeof UnmatchedStudySchema>;

/** The adjudicator's choice between the two BICR reads of a subject: signed, final. */
export const AdjudicationSchema = z.strictObject({
  id: entityId,
  subjectId: entityId,
  /** Reader 1's and reader 2's reads, in that order. */
  readIds: z.tuple([entityId, entityId]),
  /** What made the subject need adjudication, in words ("Best overall response differs: PR vs SD"). */
  triggers: z.array(z.string().min(1)).min(1),
  acceptedReadId: entityId,
  acceptedReaderNumber: readerNumber,
  reason: z.string().trim().min(1),
  adjudicatorId: entityId,
  signatureId: entityId,
  at: isoDateTime,
});
export type Adjudication = z.infer<typeof AdjudicationSchema>;
