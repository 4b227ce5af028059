/**
 * Signing and unlocking a visit of a read, and re-signing a read after its subject's data changed.
 * Each is an e-signature (signatures.ts): the reader's own, with the passphrase typed again.
 */
import { parseOrThrow, ReadingError } from '../reading/errors';
import { readViolations } from '../reading/evaluation';
import { assertCanSign, assertCanUnlock, unresolvedViolations } from '../reading/locks';
import { OverrideSchema, SignoffSchema, type Override, type Signoff } from '../reading/model';
import { liveLesions, toSubjectRead } from '../reading/subjectRead';
import type { Reader, Subject } from '../reading/model';
import { isBlindedRole } from '../trial/blinding';
import { redactDates } from '../trial/blindedText';
import type { Draft } from './draft';
import { assertOwnRead, assertVisitInOrder, loadReadContext, timepointIndex } from './readContext';
import type { ChangeNotice, ESignature } from './records';
import { eSign } from './signatures';

export interface SignVisitInput {
  readonly readId: string;
  readonly timepointId: string;
  readonly overrideReason?: string | null;
  /** Slice thickness of the series measured on (from the DICOM index), for the measurability check. */
  readonly seriesThicknessMm?: Readonly<Record<string, number | null>>;
}

/**
 * The visit as the signer's screen names it: a blinded reader's shows no real date, and the meaning
 * stored is the one they read before signing.
 */
function visitAsSignerSees(actor: Reader, subject: Subject, visitName: string): string {
  return isBlindedRole(actor.role) ? redactDates(visitName, subject.enrollmentDate) : visitName;
}

export function signVisit(
  d: Draft,
  input: SignVisitInput,
): { signoff: Signoff; override: Override | null; signature: ESignature } {
  const context = loadReadContext(d.records, input.readId);
  const actor = assertOwnRead(d.records, d.actor, context.read);
  const index = timepointIndex(context, input.timepointId);
  assertVisitInOrder(context, input.timepointId);
  const visit = context.timepoints[index]!;
  const assessments = d.records.where('assessments', (a) => a.readId === input.readId);
  // The read as it stood at this visit: later visits cannot make it violate anything.
  const upTo = new Set(context.timepoints.slice(0, index + 1).map((t) => t.id));
  const thickness = input.seriesThicknessMm ?? {};
  const conversion = toSubjectRead(
    {
      read: context.read,
      subject: context.subject,
      timepoints: context.timepoints.filter((t) => upTo.has(t.id)),
      lesions: context.lesions,
      assessments,
    },
    { sliceThicknessMm: (uid) => thickness[uid] ?? null },
  );
  const atVisit = assessments.filter((a) => a.timepointId === input.timepointId);
  const assessed = new Set(atVisit.map((a) => a.lesionId));
  // Baseline lesions, and every new lesion known by then (seen at an earlier visit), need a word here.
  const earlier = new Set(context.timepoints.slice(0, index).map((t) => t.id));
  const unassessedLabels = liveLesions(context.lesions)
    .filter(
      (l) =>
        (l.kind !== 'new' || (l.firstSeenTimepointId !== null && earlier.has(l.firstSeenTimepointId))) &&
        !assessed.has(l.id),
    )
    .map((l) => l.label);
  const overrides = d.records.where('overrides', (o) => o.readId === input.readId);
  const unresolved = unresolvedViolations(readViolations(conversion.subjectRead), overrides);
  const { needsOverride } = assertCanSign(context.lock, {
    timepointId: input.timepointId,
    unassessedLabels,
    unresolved,
    overrideReason: input.overrideReason ?? null,
  });
  const reason = needsOverride ? input.overrideReason!.trim() : null;
  const signature = eSign(d, {
    meaning: needsOverride
      ? {
          kind: 'override',
          visit: visitAsSignerSees(actor, context.subject, visit.visitName),
          codes: [...new Set(unresolved.map((v) => v.code))],
        }
      : { kind: 'sign-visit', visit: visitAsSignerSees(actor, context.subject, visit.visitName) },
    readId: input.readId,
    subjectId: context.read.subjectId,
    timepointId: input.timepointId,
    reason,
    content: {
      visit: { id: visit.id, name: visit.visitName, studies: visit.studies },
      lesions: liveLesions(context.lesions).map((l) => ({
        id: l.id,
        label: l.label,
        kind: l.kind,
        location: l.locationCode,
        trackingUid: l.trackingUid,
      })),
      assessments: [...atVisit].sort((a, b) => (a.lesionId < b.lesionId ? -1 : 1)),
    },
  });
  let override: Override | null = null;
  if (needsOverride) {
    override = parseOrThrow(
      OverrideSchema,
      {
        id: d.newId(),
        readId: input.readId,
        timepointId: input.timepointId,
        violations: unresolved.map((v) => ({
          code: v.code,
          lesionIds: [...v.lesionIds],
          message: v.message,
        })),
        reason,
        readerId: actor.id,
        at: d.at,
      },
      'override',
    );
    d.write('overrides', null, override, {
      action: 'override',
      reason,
      undoable: false,
      signatureId: signature.id,
    });
  }
  const signoff = parseOrThrow(
    SignoffSchema,
    {
      readId: input.readId,
      timepointId: input.timepointId,
      signedBy: actor.id,
      signedAt: d.at,
      overrideId: override?.id ?? null,
      signatureId: signature.id,
    },
    'sign-off',
  );
  d.write('signoffs', null, signoff, { action: 'sign', undoable: false, signatureId: signature.id });
  return { signoff, override, signature };
}

export function unlockVisit(
  d: Draft,
  input: { readId: string; timepointId: string; reason: string },
): Signoff {
  const context = loadReadContext(d.records, input.readId);
  const actor = assertOwnRead(d.records, d.actor, context.read);
  assertCanUnlock(context.lock, input.timepointId, input.reason);
  const visit = context.timepoints[timepointIndex(context, input.timepointId)]!;
  const before = d.records.get('signoffs', [input.readId, input.timepointId])!;
  const reason = input.reason.trim();
  const signature = eSign(d, {
    meaning: { kind: 'unlock-visit', visit: visitAsSignerSees(actor, context.subject, visit.visitName) },
    readId: input.readId,
    subjectId: context.read.subjectId,
    timepointId: input.timepointId,
    reason,
    content: { signoff: before },
  });
  d.write('signoffs', before, null, { action: 'unlock', reason, undoable: false, signatureId: signature.id });
  return before;
}

/** The read's reader confirms their read after its subject's data changed: closes the open notices. */
export function reSign(d: Draft, input: { readId: string }): ChangeNotice[] {
  const context = loadReadContext(d.records, input.readId);
  assertOwnRead(d.records, d.actor, context.read);
  const open = d.records.where(
    'changeNotices',
    (n) => n.readId === input.readId && n.resolvedBySignatureId === null,
  );
  if (open.length === 0) throw new ReadingError('CONFLICT', 'nothing in this read waits for a new signature');
  const signature = eSign(d, {
    meaning: { kind: 're-sign', subject: context.subject.label },
    readId: input.readId,
    subjectId: context.read.subjectId,
    timepointId: null,
    reason: null,
    content: { notices: open, subject: context.subject },
  });
  return open.map((notice) => {
    const after = { ...notice, resolvedBySignatureId: signature.id };
    d.write('changeNotices', notice, after, {
      action: 're-sign',
      undoable: false,
      signatureId: signature.id,
    });
    return after;
  });
}
