/**
 * A subject's label and dates. The dates freeze once any visit of any read of the subject is signed:
 * then only an admin's signed, reasoned correction changes them, and every signed read it affects is
 * marked with its responses and endpoints before and after until its reader re-signs.
 */
import { parseOrThrow, ReadingError } from '../reading/errors';
import { evaluateRead } from '../reading/evaluation';
import { SubjectSchema, type Subject } from '../reading/model';
import { assertSubjectDatesPossible } from '../reading/subjectDates';
import type { Draft } from './draft';
import { assertAdmin, assertSignedIn, loadReadContext, mustGet } from './readContext';
import type { ReadOutcome } from './records';
import type { RecordSet } from './recordSet';
import { eSign } from './signatures';

export type SubjectPatch = Partial<
  Pick<Subject, 'label' | 'enrollmentDate' | 'deathDate' | 'newAnticancerTherapyDate'>
>;

const dateFields = ['enrollmentDate', 'deathDate', 'newAnticancerTherapyDate'] as const;
const dateFieldNames: Record<(typeof dateFields)[number], string> = {
  enrollmentDate: 'enrolment date',
  deathDate: 'date of death',
  newAnticancerTherapyDate: 'new anticancer therapy date',
};

/** Whether any visit of any read of the subject is signed: its dates are then frozen. */
export function subjectDatesFrozen(records: RecordSet, subjectId: string): boolean {
  const readIds = new Set(records.where('reads', (r) => r.subjectId === subjectId).map((r) => r.id));
  return records.where('signoffs', (s) => readIds.has(s.readId)).length > 0;
}

function outcomeOf(records: RecordSet, readId: string): ReadOutcome | null {
  const context = loadReadContext(records, readId);
  try {
    const { result } = evaluateRead({
      read: context.read,
      subject: context.subject,
      timepoints: context.timepoints,
      lesions: context.lesions,
      assessments: records.where('assessments', (a) => a.readId === readId),
    });
    if (!result) return null;
    return {
      overall: Object.fromEntries(result.timepoints.map((t) => [t.id, t.overall])),
      bestOverallResponse: result.bestOverallResponse,
      pfsDays: result.pfs.days,
      pfsEvent: result.pfs.event,
      dorDays: result.dor.days,
      dorEvent: result.dor.event,
    };
  } catch {
    return null;
  }
}

/**
 * Edits a subject's label and dates. Dates frozen by a signature need an admin, a reason and an
 * e-signature; each signed read of the subject then gets a notice with its responses before and after.
 */
export function updateSubject(
  d: Draft,
  input: { subjectId: string; patch: SubjectPatch; reason?: string | null },
): Subject {
  const actor = assertSignedIn(d.actor);
  const before = mustGet(d.records.get('subjects', input.subjectId), 'subject', input.subjectId);
  const { patch } = input;
  // Only the editable fields; `undefined` keeps a value, `null` clears a date.
  const pick = <K extends keyof SubjectPatch>(key: K) =>
    patch[key] === undefined ? before[key] : patch[key];
  const after = parseOrThrow(
    SubjectSchema,
    {
      ...before,
      label: pick('label'),
      enrollmentDate: pick('enrollmentDate'),
      deathDate: pick('deathDate'),
      newAnticancerTherapyDate: pick('newAnticancerTherapyDate'),
    },
    'subject',
  );
  const timepoints = d.records.where('timepoints', (t) => t.subjectId === input.subjectId);
  assertSubjectDatesPossible(before, after, timepoints);
  const changedDates = dateFields.filter((f) => before[f] !== after[f]);
  if (changedDates.length === 0 || !subjectDatesFrozen(d.records, input.subjectId)) {
    d.write('subjects', before, after);
    return after;
  }
  assertAdmin(
    actor,
    `change the ${changedDates.map((f) => dateFieldNames[f]).join(' and ')} of ${before.label}: a read of this ` +
      'subject is signed',
  );
  const reason = input.reason?.trim() ?? '';
  if (reason === '')
    throw new ReadingError('REASON_REQUIRED', 'A correction of signed subject data needs a reason', 'reason');
  const signedReads = d.records
    .where('reads', (r) => r.subjectId === input.subjectId)
    .filter((r) => d.records.where('signoffs', (s) => s.readId === r.id).length > 0);
  const outcomesBefore = new Map(signedReads.map((r) => [r.id, outcomeOf(d.records, r.id)]));
  const signature = eSign(d, {
    meaning: {
      kind: 'correct-subject',
      subject: before.label,
      field: changedDates.map((f) => dateFieldNames[f]).join(' and '),
    },
    readId: null,
    subjectId: before.id,
    timepointId: null,
    reason,
    content: { before, after },
  });
  d.write('subjects', before, after, {
    action: 'correct',
    reason,
    undoable: false,
    signatureId: signature.id,
  });
  for (const read of signedReads)
    for (const field of changedDates)
      d.write(
        'changeNotices',
        null,
        {
          id: d.newId(),
          readId: read.id,
          subjectId: before.id,
          at: d.at,
          changedBy: actor.id,
          reason,
          field,
          from: before[field],
          to: after[field],
          before: outcomesBefore.get(read.id) ?? null,
          after: outcomeOf(d.records, read.id),
          resolvedBySignatureId: null,
        },
        { undoable: false, signatureId: signature.id },
      );
  return after;
}
