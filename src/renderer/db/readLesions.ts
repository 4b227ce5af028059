/**
 * Reads, lesions, assessments and key images. Every function refuses what the lock rules forbid
 * (core/reading/locks.ts) and what the reading rules forbid (core/reading/rules.ts), inside the same
 * transaction that writes, so a concurrent sign-off cannot slip between the check and the write.
 */
import { parseOrThrow, ReadingError } from '../../core/reading/errors';
import { orderTimepoints } from '../../core/reading/grouping';
import { uidFromUuid } from '../../core/reading/ids';
import { nextLesionLabel } from '../../core/reading/labels';
import { locationCatalogue } from '../../core/reading/locations';
import {
  assertAssessmentEditable,
  assertLesionDefinitionEditable,
  assertLesionDeletable,
  assertTimepointOpen,
  type ReadLockState,
} from '../../core/reading/locks';
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
} from '../../core/reading/model';
import { assertAssessmentValid } from '../../core/reading/rules';
import { measurementsOf, nodalMeasurementProblem } from '../../core/reading/size';
import type { KeyImageRecord, ReadTables } from './readSchema';
import { mustGet, runWrite, type Mutation, type ReadingSession, type Writer } from './readWriter';

// ---------------------------------------------------------------------------------------------------
// Shared loading inside a transaction

export interface ReadContext {
  readonly read: Read;
  readonly lock: ReadLockState;
  readonly lesions: Lesion[];
}

export async function loadReadContext(t: ReadTables, readId: string): Promise<ReadContext> {
  const read = await mustGet(t.reads, readId, 'read');
  const timepoints = orderTimepoints(await t.timepoints.where('subjectId').equals(read.subjectId).toArray());
  const signoffs = await t.signoffs.where('readId').equals(readId).toArray();
  const lesions = await t.lesions.where('readId').equals(readId).toArray();
  return { read, lock: { timepoints, signed: new Set(signoffs.map((s) => s.timepointId)) }, lesions };
}

const isLive = (lesion: Lesion) => !lesion.deleted;

function timepointIndex(context: ReadContext, timepointId: string): number {
  const index = context.lock.timepoints.findIndex((t) => t.id === timepointId);
  if (index < 0)
    throw new ReadingError('NOT_FOUND', `timepoint ${timepointId} is not a timepoint of this subject`);
  return index;
}

function validateAssessment(
  context: ReadContext,
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

// ---------------------------------------------------------------------------------------------------
// Reads

/** The reader's own read of a subject (one per reader and subject). */
export async function createRead(
  session: ReadingSession,
  input: { subjectId: string; criteria?: Read['criteria']; options?: Partial<ReadOptions> },
): Promise<Mutation<Read>> {
  return runWrite(session, 'start read', async (w) => {
    await mustGet(w.t.subjects, input.subjectId, 'subject');
    const existing = await w.t.reads
      .where('[subjectId+readerId]')
      .equals([input.subjectId, session.readerId])
      .first();
    if (existing) throw new ReadingError('CONFLICT', 'this reader already has a read of the subject');
    const read = parseOrThrow(
      ReadSchema,
      {
        id: w.newId(),
        subjectId: input.subjectId,
        readerId: session.readerId,
        criteria: input.criteria ?? 'RECIST1.1',
        options: parseOrThrow(ReadOptionsSchema, input.options ?? {}, 'read options'),
        createdAt: w.at,
      },
      'read',
    );
    await w.write('reads', read.id, null, read, { readId: read.id, undoable: false });
    return read;
  });
}

/** Criteria and options change every derived response: only while nothing of the read is signed. */
export async function updateRead(
  session: ReadingSession,
  readId: string,
  patch: { criteria?: Read['criteria']; options?: Partial<ReadOptions> },
): Promise<Mutation<Read>> {
  return runWrite(session, 'change read criteria', async (w) => {
    const context = await loadReadContext(w.t, readId);
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
        criteria: patch.criteria ?? before.criteria,
        options: parseOrThrow(ReadOptionsSchema, { ...before.options, ...patch.options }, 'read options'),
      },
      'read',
    );
    await w.write('reads', readId, before, after, { readId, undoable: false });
    return after;
  });
}

// ---------------------------------------------------------------------------------------------------
// Lesions

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
}

export async function addLesion(
  session: ReadingSession,
  input: AddLesionInput,
): Promise<Mutation<{ lesion: Lesion; assessment: Assessment }>> {
  return runWrite(session, `add ${input.kind} lesion`, async (w) => {
    const context = await loadReadContext(w.t, input.readId);
    const index = timepointIndex(context, input.timepointId);
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
        id: w.newId(),
        readId: input.readId,
        label,
        kind: input.kind,
        locationCode: input.locationCode,
        description: input.description ?? '',
        multiple: input.multiple ?? false,
        trackingUid: uidFromUuid(crypto.randomUUID()),
        firstSeenTimepointId: input.kind === 'new' ? input.timepointId : null,
        deleted: false,
        createdAt: w.at,
      },
      'lesion',
    );
    assertLesionDefinitionEditable(lesion, context.lock);
    const value = parseOrThrow(AssessmentValueSchema, input.value, `${label} assessment`);
    validateAssessment(
      { ...context, lesions: [...context.lesions, lesion] },
      lesion,
      input.timepointId,
      value,
    );
    const assessment = parseOrThrow(
      AssessmentSchema,
      { readId: input.readId, lesionId: lesion.id, timepointId: input.timepointId, value, updatedAt: w.at },
      'assessment',
    );
    await w.write('lesions', lesion.id, null, lesion, { readId: input.readId });
    await w.write('assessments', [lesion.id, input.timepointId], null, assessment, { readId: input.readId });
    return { lesion, assessment };
  });
}

export type LesionPatch = Partial<Pick<Lesion, 'locationCode' | 'description' | 'multiple'>>;

export async function updateLesion(
  session: ReadingSession,
  lesionId: string,
  patch: LesionPatch,
): Promise<Mutation<Lesion>> {
  return runWrite(session, 'edit lesion', async (w) => {
    const before = await mustGet(w.t.lesions, lesionId, 'lesion', isLive);
    const context = await loadReadContext(w.t, before.readId);
    assertLesionDefinitionEditable(before, context.lock);
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
      const assessments = await w.t.assessments
        .where('[lesionId+timepointId]')
        .between([lesionId, ''], [lesionId, '\uffff'])
        .toArray();
      const problem = nodalMeasurementProblem(assessments.flatMap((a) => measurementsOf(a.value)));
      if (problem)
        throw new ReadingError('INVALID', `${before.label} cannot become a lymph node: ${problem}`);
    }
    await w.write('lesions', lesionId, before, after, { readId: before.readId });
    return after;
  });
}

/**
 * Why a lesion cannot leave the read (soft delete, or the undo of its creation): a signed timepoint
 * holds it, or another lesion is merged into it. `hard`: its assessments must already be gone too.
 */
export async function assertLesionRemovable(
  t: ReadTables,
  lesion: Lesion,
  context: ReadContext,
  hard: boolean,
) {
  const own = await t.assessments
    .where('[lesionId+timepointId]')
    .between([lesion.id, ''], [lesion.id, '\uffff'])
    .toArray();
  assertLesionDeletable(
    lesion,
    own.map((a) => a.timepointId),
    context.lock,
  );
  const mergedInto = (await t.assessments.where('readId').equals(lesion.readId).toArray()).filter(
    (a) => a.value.status === 'merged' && a.value.intoLesionId === lesion.id,
  );
  if (mergedInto.length > 0) {
    const labels = mergedInto.map(
      (a) => context.lesions.find((l) => l.id === a.lesionId)?.label ?? a.lesionId,
    );
    throw new ReadingError('CONFLICT', `${labels.join(', ')} merged into ${lesion.label}: change that first`);
  }
  if (hard && own.length > 0) {
    const names = own.map(
      (a) => context.lock.timepoints.find((tp) => tp.id === a.timepointId)?.visitName ?? a.timepointId,
    );
    throw new ReadingError(
      'CONFLICT',
      `${lesion.label} is still assessed at ${names.join(', ')}: clear that first`,
    );
  }
}

/** Soft delete: the lesion and its assessments stay stored (and audited), out of every export. */
export async function deleteLesion(session: ReadingSession, lesionId: string): Promise<Mutation<Lesion>> {
  return runWrite(session, 'delete lesion', async (w) => {
    const before = await mustGet(w.t.lesions, lesionId, 'lesion', isLive);
    const context = await loadReadContext(w.t, before.readId);
    await assertLesionRemovable(w.t, before, context, false);
    const after = { ...before, deleted: true };
    await w.write('lesions', lesionId, before, after, { readId: before.readId, action: 'delete' });
    return after;
  });
}

// ---------------------------------------------------------------------------------------------------
// Assessments

async function lesionAndContext(w: Writer, lesionId: string) {
  const lesion = await mustGet(w.t.lesions, lesionId, 'lesion', isLive);
  return { lesion, context: await loadReadContext(w.t, lesion.readId) };
}

/** Records (or replaces) a lesion's assessment at a timepoint. */
export async function setAssessment(
  session: ReadingSession,
  input: { lesionId: string; timepointId: string; value: AssessmentValue },
): Promise<Mutation<Assessment>> {
  return runWrite(session, 'assess lesion', async (w) => {
    const { lesion, context } = await lesionAndContext(w, input.lesionId);
    assertAssessmentEditable(lesion, input.timepointId, context.lock);
    const value = parseOrThrow(AssessmentValueSchema, input.value, `${lesion.label} assessment`);
    validateAssessment(context, lesion, input.timepointId, value);
    const key: [string, string] = [lesion.id, input.timepointId];
    const before = (await w.t.assessments.get(key)) ?? null;
    const after = parseOrThrow(
      AssessmentSchema,
      { readId: lesion.readId, lesionId: lesion.id, timepointId: input.timepointId, value, updatedAt: w.at },
      'assessment',
    );
    await w.write('assessments', key, before, after, { readId: lesion.readId });
    return after;
  });
}

/** Removes a follow-up assessment (a baseline one defines the lesion: delete the lesion instead). */
export async function clearAssessment(
  session: ReadingSession,
  input: { lesionId: string; timepointId: string },
): Promise<Mutation<null>> {
  return runWrite(session, 'clear assessment', async (w) => {
    const { lesion, context } = await lesionAndContext(w, input.lesionId);
    assertAssessmentEditable(lesion, input.timepointId, context.lock);
    const defining = lesion.kind === 'new' ? lesion.firstSeenTimepointId : context.lock.timepoints[0]?.id;
    if (input.timepointId === defining)
      throw new ReadingError(
        'INVALID',
        `${lesion.label}: this assessment defines the lesion; delete the lesion instead`,
      );
    const key: [string, string] = [lesion.id, input.timepointId];
    const before = await w.t.assessments.get(key);
    if (!before) return null;
    await w.write('assessments', key, before, null, { readId: lesion.readId });
    return null;
  });
}

// ---------------------------------------------------------------------------------------------------
// Key images

/** Keeps one PNG screenshot per lesion and timepoint (a new one replaces the old, audited). */
export async function saveKeyImage(
  session: ReadingSession,
  input: { lesionId: string; timepointId: string; png: Blob },
): Promise<Mutation<KeyImageRecord>> {
  if (input.png.type !== 'image/png')
    throw new ReadingError('INVALID', `a key image is a PNG, not "${input.png.type}"`);
  const saved = await runWrite(session, 'save key image', async (w) => {
    const { lesion, context } = await lesionAndContext(w, input.lesionId);
    timepointIndex(context, input.timepointId);
    assertTimepointOpen(context.lock, input.timepointId, `cannot change the key image of ${lesion.label}`);
    const existing = await w.t.keyImages
      .where('[lesionId+timepointId]')
      .equals([lesion.id, input.timepointId])
      .toArray();
    for (const old of existing) await w.write('keyImages', old.id, old, null, { readId: lesion.readId });
    const meta = parseOrThrow(
      KeyImageMetaSchema,
      { id: w.newId(), readId: lesion.readId, lesionId: lesion.id, timepointId: input.timepointId, at: w.at },
      'key image',
    );
    const record: KeyImageRecord = { ...meta, png: input.png };
    await w.write('keyImages', record.id, null, record, { readId: lesion.readId });
    return record;
  });
  // The picture of a measurement belongs to the step that stored the measurement: whatever UI path
  // saved them, one undo takes away the lesion (or measurement) and its key image together.
  const measured = { table: 'assessments' as const, key: [input.lesionId, input.timepointId] as const };
  return saved.command ? { ...saved, command: { ...saved.command, completes: measured } } : saved;
}
