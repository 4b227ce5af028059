/**
 * E-signatures (21 CFR Part 11 §11.50, §11.200): the meaning shown before a person signs is the meaning
 * stored, and a signature binds the signer, role, time and a hash of what was signed (with the audit
 * trail's signed head at that moment). The passphrase is checked by the caller (PBKDF2 is slow and
 * asynchronous); the policy only accepts a signature the caller says was re-authenticated.
 */
import { canonicalJson } from '../audit/canonicalJson';
import { sha256Hex } from '../audit/chain';
import { parseOrThrow, ReadingError } from '../reading/errors';
import type { Draft } from './draft';
import { ESignatureSchema, type ESignature, type SignatureKind } from './records';

export type SignatureMeaning =
  | { readonly kind: 'sign-visit'; readonly visit: string }
  | { readonly kind: 'override'; readonly visit: string; readonly codes: readonly string[] }
  | { readonly kind: 'unlock-visit'; readonly visit: string }
  | { readonly kind: 'correct-subject'; readonly subject: string; readonly field: string }
  | { readonly kind: 're-sign'; readonly subject: string }
  | { readonly kind: 'adjudicate'; readonly subject: string; readonly readerNumber: 1 | 2 };

/** The sentence the signer reads before signing, and the one stored with the signature. */
export function signatureMeaning(signerName: string, meaning: SignatureMeaning): string {
  switch (meaning.kind) {
    case 'sign-visit':
      return `I, ${signerName}, confirm this assessment of ${meaning.visit} is my own.`;
    case 'override':
      return (
        `I, ${signerName}, confirm this assessment of ${meaning.visit} is my own, and sign it although ` +
        `the lesion selection checks failed (${meaning.codes.join(', ')}), for the reason I gave.`
      );
    case 'unlock-visit':
      return `I, ${signerName}, unlock my signed assessment of ${meaning.visit} to correct it, for the reason I gave.`;
    case 'correct-subject':
      return `I, ${signerName}, correct the ${meaning.field} of subject ${meaning.subject}, for the reason I gave.`;
    case 're-sign':
      return `I, ${signerName}, have reviewed the change to subject ${meaning.subject}'s data and confirm my assessments.`;
    case 'adjudicate':
      return (
        `I, ${signerName}, have compared both blinded reads of subject ${meaning.subject} and accept ` +
        `reader ${meaning.readerNumber}'s read as the read of record, for the reason I gave.`
      );
  }
}

export interface SignInput {
  readonly meaning: SignatureMeaning;
  readonly readId: string | null;
  readonly subjectId: string | null;
  readonly timepointId: string | null;
  readonly reason: string | null;
  /** What is signed, as plain data: hashed with the audit head into contentHash. */
  readonly content: unknown;
}

/** Drafts the e-signature record (audited) and returns it; refused without a fresh passphrase. */
export function eSign(d: Draft, input: SignInput): ESignature {
  const actor = d.actor;
  if (actor === null) throw new ReadingError('FORBIDDEN', 'Sign in first');
  if (!d.env.reauthenticated)
    throw new ReadingError('SIGNATURE', 'Signing needs your passphrase: enter it to sign');
  const head = d.env.head;
  const kind: SignatureKind = input.meaning.kind;
  const signature = parseOrThrow(
    ESignatureSchema,
    {
      id: d.newId(),
      kind,
      signerId: actor.id,
      signerName: actor.name,
      role: actor.role,
      at: d.at,
      meaning: signatureMeaning(actor.name, input.meaning),
      readId: input.readId,
      subjectId: input.subjectId,
      timepointId: input.timepointId,
      reason: input.reason,
      contentHash: sha256Hex(
        canonicalJson({
          content: input.content,
          auditHead: head ? { seq: head.seq, hash: head.hash } : null,
        }),
      ),
      signedHead: head,
    },
    'signature',
  );
  d.write('eSignatures', null, signature, {
    action: kind === 're-sign' ? 're-sign' : 'sign',
    reason: input.reason,
    undoable: false,
    signatureId: signature.id,
  });
  return signature;
}
