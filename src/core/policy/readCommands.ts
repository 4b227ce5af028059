/**
 * Commands on a read: start it, change its criteria, its lesions, their assessments and key images.
 * Each checks ownership (only the read's reader), the lock rules (core/reading/locks.ts) and the reading
 * rules (core/reading/rules.ts) against the records, then drafts the writes.
 */
import { parseOrThrow, ReadingError } from '../reading/errors';
import { uidFromUuid } from '../reading/ids';
import { nextLesionLabel } from '../reading/labels';
import { locationCatalogue } from '../reading/locations';
import {
  assertAssessmentEditable,
  assertLesionDefinitionEditable,
  assertLesionDeletable,
  assertTimepointOpen,
} from '../reading/locks';
import {
  AssessmentSchema,
  AssessmentValueSchema,
  KeyImageMetaSchema,
  LesionSchema,
  ReadOptionsSchema,
  ReadSchema,
  type Assessment,
  type AssessmentValue,
  type Lesion,
  type LesionKind,
  type Read,
  type ReadOptions,
  type Reader,
  type Subject,
} from '../reading/model';
import { isAssigned } from '../trial/worklist';
import { trialOf } from './trialCommands';
import { orderTimepoints } from '../reading/grouping';
import { assertAssessmentValid } from '../reading/rules';
import { measurementsOf, nodalMeasurementProblem } from '../reading/size';
import type { Draft } from './draft';
import {
  assertOwnRead,
  assertReaderRole,
  assertVisitInOrder,
  loadReadContext,
  mustGet,
  timepointIndex,
  type PolicyReadContext,
} from './readContext';
import type { KeyImageInfo, RecordSet } from './recordSet';

const isLive = (lesion: Lesion) => !lesion.deleted;

function liveLesion(records: RecordSet, lesionId: string): Lesion {
  const lesion = records.get('lesions', lesionId);
  if (!lesion || lesion.deleted) throw new ReadingError('NOT_FOUND', `lesion ${lesionId} does not exist`);
  return lesion;
}

/** The read of a lesion, checked to be the actor's own. */
function ownLesionContext(d: Draft, lesionId: string) {
  const lesion = liveLesion(d.records, lesionId);
  const context = loadReadContext(d.records, lesion.readId);
  assertOwnRead(d.records, d.actor, context.read);
  return { lesion, context };
}

function validateAssessment(
  context: PolicyReadContext,
  lesion: Lesion,
  timepointId: string,
  value: AssessmentValue,
) {
  const index = timepointIndex(context, timepointId);
  const firstSeenIndex =
    lesion.firstSeenTimepointId === null ? null : timepointIndex(context, lesion.firstSeenTimepointId);
  assertAssessmentValid(lesion, value, {
    timepointIndex: index,
    firstSeenIndex,
    nodal: locationCatalogue.require(lesion.locationCode).nodal,
    liveTargets: context.lesions.filter((l) => isLive(l) && l.kind === 'target'),
  });
}

export interface StartReadInput {
  readonly subjectId: string;
  readonly criteria?: Read['criteria'];
  readonly options?: Partial<ReadOptions>;
}

/** The actor's own read of a subject; its baseline is the subject's earliest visit now, for good. */
export function startRead(d: Draft, input: StartReadInput): Read {
  const actor = assertReaderRole(d.actor, 'start a read');
  if (actor.role === 'adjudicator')
    throw new ReadingError(
      'FORBIDDEN',
      'An adjudicator does not read subjects: they compare the two BICR reads and choose one',
    );
  const subject = mustGet(d.records.get('subjects', input.subjectId), 'subject', input.subjectId);
  if (d.records.where('reads', (r) => r.subjectId === input.subjectId && r.readerId === actor.id).length > 0)
    throw new ReadingError('CONFLICT', 'this reader already has a read of the subject');
  const trial = trialOf(d.records);
  if (trial) assertMayReadInTrial(d, actor, subject);
  const baseline = orderTimepoints(d.records.where('timepoints', (t) => t.subjectId === input.subjectId))[0];
  if (!baseline)
    throw new ReadingError('INVALID', 'the subject has no visit yet: import its baseline scan first');
  // In a trial the protocol sets the rules, and RECIST 1.1 is the primary criteria: a trial that also
  // reports iRECIST derives it from the same measurements (the panel shows both), never as the read's own.
  const protocol = trial?.protocol;
  const read = parseOrThrow(
    ReadSchema,
    {
      id: d.newId(),
      subjectId: input.subjectId,
      readerId: actor.id,
      criteria: protocol ? 'RECIST1.1' : (input.criteria ?? 'RECIST1.1'),
      options: parseOrThrow(
        ReadOptionsSchema,
        protocol
          ? {
              confirmationRequired: protocol.confirmationRequired,
              confirmationMinDays: protocol.confirmationMinDays,
              sdMinDays: protocol.sdMinDays,
            }
          : (input.options ?? {}),
        'read options',
      ),
      baselineTimepointId: baseline.id,
      role: actor.role,
      readerNumber: trial && actor.role === 'bicr-reader' ? actor.readerNumber : null,
      createdAt: d.at,
    },
    'read',
  );
  d.write('reads', null, read, { undoable: false });
  return read;
}

/** A trial's reader reads only assigned subjects; BICR pairs reader 1 and reader 2 on each subject. */
function assertMayReadInTrial(d: Draft, actor: Reader, subject: Subject): void {
  if (!isAssigned(actor.assignment, subject))
    throw new ReadingError('FORBIDDEN', `You are not assigned to read subject ${subject.label}`);
  if (actor.role !== 'bicr-reader') return;
  if (actor.readerNumber === null)
    throw new ReadingError(
      'FORBIDDEN',
      'An administrator must make you BICR reader 1 or reader 2 before you read',
    );
  const taken = d.records.where(
    'reads',
    (r) => r.subjectId === subject.id && r.role === 'bicr-reader' && r.readerNumber === actor.readerNumber,
  );
  if (taken.length > 0)
    throw new ReadingError(
      'CONFLICT',
      `Subject ${subject.label} already has a reader ${actor.readerNumber} read by another account`,
    );
}

/** Criteria and options change every derived response: only while nothing of the read is signed. */
export function updateRead(
  d: Draft,
  input: { readId: string; criteria?: Read['criteria']; options?: Partial<ReadOptions> },
): Read {
  const context = loadReadContext(d.records, input.readId);
  assertOwnRead(d.records, d.actor, context.read);
  if (context.lock.signed.size > 0)
    throw new ReadingError(
      'LOCKED',
      'criteria and options cannot change once a timepoint of the read is signed',
    );
  const before = context.read;
  const after = parseOrThrow(
    ReadSchema,
    {
      ...before,
      criteria: input.criteria ?? before.criteria,
      options: parseOrThrow(ReadOptionsSchema, { ...before.options, ...input.options }, 'read options'),
    },
    'read',
  );
  d.write('reads', before, after, { undoable: false });
  return after;
}

export interface AddLesionInput {
  readonly readId: string;
  readonly kind: LesionKind;
  readonly locationCode: string;
  /** Targets and non-targets: the baseline. New lesions: the timepoint where first seen. */
  readonly timepointId: string;
  /** Its first assessment: a baseline measurement, "present", or "equivocal"/"unequivocal". */
  readonly value: AssessmentValue;
  readonly description?: string;
  readonly multiple?: boolean;
  /** The lesion's DICOM tracking UID; a new random one when absent. */
  readonly trackingUid?: string;
}

export function addLesion(d: Draft, input: AddLesionInput): { lesion: Lesion; assessment: Assessment } {
  const context = loadReadContext(d.records, input.readId);
  assertOwnRead(d.records, d.actor, context.read);
  const index = timepointIndex(context, input.timepointId);
  assertVisitInOrder(context, input.timepointId);
  if (input.kind !== 'new' && index !== 0)
    throw new ReadingError('INVALID', 'target and non-target lesions are recorded at baseline');
  locationCatalogue.require(input.locationCode);
  if (input.multiple && input.kind !== 'non-target')
    throw new ReadingError('INVALID', 'only a non-target entry can stand for multiple lesions');
  const label = nextLesionLabel(
    input.kind,
    context.lesions.filter(isLive).map((l) => l.label),
  );
  const lesion = parseOrThrow(
    LesionSchema,
    {
      id: d.newId(),
      readId: input.readId,
      label,
      kind: input.kind,
      locationCode: input.locationCode,
      description: input.description ?? '',
      multiple: input.multiple ?? false,
      trackingUid: input.trackingUid ?? uidFromUuid(d.newId()),
      firstSeenTimepointId: input.kind === 'new' ? input.timepointId : null,
      deleted: false,
      createdAt: d.at,
    },
    'lesion',
  );
  if (d.records.where('lesions', (l) => l.trackingUid === lesion.trackingUid).length > 0)
    throw new ReadingError('CONFLICT', 'a lesion with this tracking UID exists');
  assertLesionDefinitionEditable(lesion, context.lock);
  const value = parseOrThrow(AssessmentValueSchema, input.value, `${label} assessment`);
  validateAssessment({ ...context, lesions: [...context.lesions, lesion] }, lesion, input.timepointId, value);
  const assessment = parseOrThrow(
    AssessmentSchema,
    { readId: input.readId, lesionId: lesion.id, timepointId: input.timepointId, value, updatedAt: d.at },
    'assessment',
  );
  d.write('lesions', null, lesion);
  d.write('assessments', null, assessment);
  return { lesion, assessment };
}

export type LesionPatch = Partial<Pick<Lesion, 'locationCode' | 'description' | 'multiple'>>;

export function updateLesion(d: Draft, input: { lesionId: string; patch: LesionPatch }): Lesion {
  const { lesion: before, context } = ownLesionContext(d, input.lesionId);
  assertLesionDefinitionEditable(before, context.lock);
  const { patch } = input;
  // Only the editable fields: label, kind, identity and history never change through an edit.
  const after = parseOrThrow(
    LesionSchema,
    {
      ...before,
      locationCode: patch.locationCode ?? before.locationCode,
      description: patch.description ?? before.description,
      multiple: patch.multiple ?? before.multiple,
    },
    'lesion',
  );
  locationCatalogue.require(after.locationCode);
  if (after.multiple && after.kind !== 'non-target')
    throw new ReadingError('INVALID', 'only a non-target entry can stand for multiple lesions');
  const wasNodal = locationCatalogue.require(before.locationCode).nodal;
  const nodal = locationCatalogue.require(after.locationCode).nodal;
  if (nodal && !wasNodal) {
    const own = d.records.where('assessments', (a) => a.lesionId === before.id);
    const problem = nodalMeasurementProblem(own.flatMap((a) => measurementsOf(a.value)));
    if (problem) throw new ReadingError('INVALID', `${before.label} cannot become a lymph node: ${problem}`);
  }
  d.write('lesions', before, after);
  return after;
}

/**
 * Why a lesion cannot leave the read (soft delete, or the undo of its creation): a signed timepoint
 * holds it, or another lesion is merged into it. `hard`: its assessments must already be gone too.
 */
export function assertLesionRemovable(
  records: RecordSet,
  lesion: Lesion,
  context: PolicyReadContext,
  hard: boolean,
): void {
  const own = records.where('assessments', (a) => a.lesionId === lesion.id);
  assertLesionDeletable(
    lesion,
    own.map((a) => a.timepointId),
    context.lock,
  );
  const mergedInto = records.where(
    'assessments',
    (a) => a.readId === lesion.readId && a.value.status === 'merged' && a.value.intoLesionId === lesion.id,
  );
  if (mergedInto.length > 0) {
    const labels = mergedInto.map(
      (a) => context.lesions.find((l) => l.id === a.lesionId)?.label ?? a.lesionId,
    );
    throw new ReadingError('CONFLICT', `${labels.join(', ')} merged into ${lesion.label}: change that first`);
  }
  if (hard && own.length > 0) {
    const names = own.map(
      (a) => context.timepoints.find((tp) => tp.id === a.timepointId)?.visitName ?? a.timepointId,
    );
    throw new ReadingError(
      'CONFLICT',
      `${lesion.label} is still assessed at ${names.join(', ')}: clear that first`,
    );
  }
}

/** Soft delete: the lesion and its assessments stay stored (and audited), out of every export. */
export function deleteLesion(d: Draft, input: { lesionId: string }): Lesion {
  const { lesion: before, context } = ownLesionContext(d, input.lesionId);
  assertLesionRemovable(d.records, before, context, false);
  const after = { ...before, deleted: true };
  d.write('lesions', before, after, { action: 'delete' });
  return after;
}

/** Records (or replaces) a lesion's assessment at a timepoint. */
export function setAssessment(
  d: Draft,
  input: { lesionId: string; timepointId: string; value: AssessmentValue },
): Assessment {
  const { lesion, context } = ownLesionContext(d, input.lesionId);
  assertAssessmentEditable(lesion, input.timepointId, context.lock);
  assertVisitInOrder(context, input.timepointId);
  const value = parseOrThrow(AssessmentValueSchema, input.value, `${lesion.label} assessment`);
  validateAssessment(context, lesion, input.timepointId, value);
  const before = d.records.get('assessments', [lesion.id, input.timepointId]);
  const after = parseOrThrow(
    AssessmentSchema,
    { readId: lesion.readId, lesionId: lesion.id, timepointId: input.timepointId, value, updatedAt: d.at },
    'assessment',
  );
  d.write('assessments', before, after);
  return after;
}

/** Removes a follow-up assessment (a baseline one defines the lesion: delete the lesion instead). */
export function clearAssessment(d: Draft, input: { lesionId: string; timepointId: string }): null {
  const { lesion, context } = ownLesionContext(d, input.lesionId);
  assertAssessmentEditable(lesion, input.timepointId, context.lock);
  assertVisitInOrder(context, input.timepointId);
  const defining = lesion.kind === 'new' ? lesion.firstSeenTimepointId : context.timepoints[0]?.id;
  if (input.timepointId === defining)
    throw new ReadingError(
      'INVALID',
      `${lesion.label}: this assessment defines the lesion; delete the lesion instead`,
    );
  const before = d.records.get('assessments', [lesion.id, input.timepointId]);
  if (before) d.write('assessments', before, null);
  return null;
}

/** Keeps one PNG screenshot per lesion and timepoint (a new one replaces the old, audited by its hash). */
export function saveKeyImage(
  d: Draft,
  input: { lesionId: string; timepointId: string; pngSha256: string; pngBytes: number },
): KeyImageInfo {
  const { lesion, context } = ownLesionContext(d, input.lesionId);
  timepointIndex(context, input.timepointId);
  assertVisitInOrder(context, input.timepointId);
  assertTimepointOpen(context.lock, input.timepointId, `cannot change the key image of ${lesion.label}`);
  if (!/^[0-9a-f]{64}$/.test(input.pngSha256) || !Number.isInteger(input.pngBytes) || input.pngBytes <= 0)
    throw new ReadingError('INVALID', 'a key image needs its PNG bytes and their SHA-256');
  for (const old of d.records.where(
    'keyImages',
    (k) => k.lesionId === lesion.id && k.timepointId === input.timepointId,
  ))
    d.write('keyImages', old, null);
  const meta = parseOrThrow(
    KeyImageMetaSchema,
    { id: d.newId(), readId: lesion.readId, lesionId: lesion.id, timepointId: input.timepointId, at: d.at },
    'key image',
  );
  const record: KeyImageInfo = { ...meta, pngSha256: input.pngSha256, pngBytes: input.pngBytes };
  d.write('keyImages', null, record);
  return record;
}
