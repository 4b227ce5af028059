/**
 * Reader profiles, subjects and timepoints: creating them from the grouping proposal and fixing a wrong
 * grouping. Timepoints are shared by every read of the subject, so a timepoint signed in any read is
 * frozen (its studies and visit name).
 */
import { parseOrThrow, ReadingError } from '../../core/reading/errors';
import {
  defaultVisitName,
  orderTimepoints,
  timepointScanDate,
  type ProposedSubject,
} from '../../core/reading/grouping';
import {
  ReaderSchema,
  SubjectSchema,
  TimepointSchema,
  type Reader,
  type Subject,
  type Timepoint,
} from '../../core/reading/model';
import { measurementsOf } from '../../core/reading/size';
import { assertSubjectDatesPossible } from '../../core/reading/subjectDates';
import { readTables, type ReadDatabase, type ReadTables } from './readSchema';
import { mustGet, runWrite, type Mutation, type ReadingSession, type Writer } from './readWriter';

// ---------------------------------------------------------------------------------------------------
// Reader profiles

/** Creates a local reader profile; the new reader is the actor of its own creation event. */
export async function createReader(
  db: ReadDatabase,
  input: { name: string; role: Reader['role'] },
  options: Pick<ReadingSession, 'now' | 'newId'> = {},
): Promise<Mutation<Reader>> {
  const id = (options.newId ?? (() => crypto.randomUUID()))();
  const session: ReadingSession = { db, readerId: id, ...options };
  return runWrite(
    session,
    'create reader profile',
    async (w) => {
      const reader = parseOrThrow(ReaderSchema, { id, ...input, createdAt: w.at }, 'reader');
      await w.write('readers', id, null, reader, { readId: null, undoable: false });
      return reader;
    },
    true,
  );
}

export async function updateReader(
  session: ReadingSession,
  patch: Partial<Pick<Reader, 'name' | 'role'>>,
): Promise<Mutation<Reader>> {
  return runWrite(session, 'edit reader profile', async (w) => {
    const before = await mustGet(w.t.readers, session.readerId, 'reader profile');
    const after = parseOrThrow(
      ReaderSchema,
      { ...before, name: patch.name ?? before.name, role: patch.role ?? before.role },
      'reader',
    );
    await w.write('readers', after.id, before, after, { readId: null, undoable: false });
    return after;
  });
}

export function listReaders(db: ReadDatabase): Promise<Reader[]> {
  return readTables(db).readers.orderBy('id').toArray();
}

// ---------------------------------------------------------------------------------------------------
// Subjects and timepoints

export function listSubjects(db: ReadDatabase): Promise<Subject[]> {
  return readTables(db)
    .subjects.toArray()
    .then((subjects) => subjects.sort((a, b) => a.label.localeCompare(b.label)));
}

/** The subject's timepoints in date order: the first is the baseline. */
export async function listTimepoints(db: ReadDatabase, subjectId: string): Promise<Timepoint[]> {
  return orderTimepoints(await readTables(db).timepoints.where('subjectId').equals(subjectId).toArray());
}

export async function getGroupingState(
  db: ReadDatabase,
): Promise<{ subjects: Subject[]; timepoints: Timepoint[] }> {
  const t = readTables(db);
  return { subjects: await t.subjects.toArray(), timepoints: await t.timepoints.toArray() };
}

async function assertTimepointUnsigned(t: ReadTables, timepoint: Timepoint, what: string): Promise<void> {
  const signed = await t.signoffs.where('timepointId').equals(timepoint.id).count();
  if (signed > 0)
    throw new ReadingError(
      'LOCKED',
      `${what}: ${timepoint.visitName} is signed in a read; unlock it there (with a reason) first`,
    );
}

/**
 * Applies a grouping proposal (proposeGrouping) in one transaction: new subjects, Patient ID routing,
 * new timepoints, studies added to existing ones. Refused when the index moved on since the proposal
 * (a study already placed, a Patient ID routed elsewhere, a timepoint signed meanwhile).
 */
export async function applyGrouping(
  session: ReadingSession,
  proposal: readonly ProposedSubject[],
): Promise<Mutation<{ subjectIds: string[]; timepointIds: string[] }>> {
  return runWrite(session, 'group studies into subjects and timepoints', async (w) => {
    const subjectIds: string[] = [];
    const timepointIds: string[] = [];
    const allTimepoints = await w.t.timepoints.toArray();
    const placed = new Set(allTimepoints.flatMap((t) => t.studies.map((s) => s.studyInstanceUid)));
    for (const proposed of proposal) {
      let subject: Subject;
      if (proposed.subjectId === null) {
        subject = parseOrThrow(
          SubjectSchema,
          {
            id: w.newId(),
            label: proposed.label,
            patientIds: [],
            enrollmentDate: null,
            deathDate: null,
            newAnticancerTherapyDate: null,
            createdAt: w.at,
          },
          'subject',
        );
      } else subject = await mustGet(w.t.subjects, proposed.subjectId, 'subject');
      const beforeSubject = proposed.subjectId === null ? null : subject;
      if (proposed.addPatientIds.length > 0) {
        for (const patientId of proposed.addPatientIds) {
          const owner = await w.t.subjects.where('patientIds').equals(patientId).first();
          if (owner && owner.id !== subject.id)
            throw new ReadingError(
              'CONFLICT',
              `Patient ID ${patientId} already belongs to subject ${owner.label}`,
            );
        }
        subject = {
          ...subject,
          patientIds: [...new Set([...subject.patientIds, ...proposed.addPatientIds])],
        };
      }
      if (beforeSubject === null || subject !== beforeSubject)
        await w.write('subjects', subject.id, beforeSubject, subject, { readId: null });
      subjectIds.push(subject.id);

      for (const tp of proposed.timepoints) {
        for (const study of tp.studies) {
          if (placed.has(study.studyInstanceUid))
            throw new ReadingError('CONFLICT', `study ${study.studyInstanceUid} is already in a timepoint`);
          placed.add(study.studyInstanceUid);
        }
        if (tp.timepointId === null) {
          const timepoint = parseOrThrow(
            TimepointSchema,
            {
              id: w.newId(),
              subjectId: subject.id,
              visitName: tp.visitName,
              studies: tp.studies,
              createdAt: w.at,
            },
            'timepoint',
          );
          await w.write('timepoints', timepoint.id, null, timepoint, { readId: null });
          timepointIds.push(timepoint.id);
        } else {
          const before = await mustGet(w.t.timepoints, tp.timepointId, 'timepoint');
          if (before.subjectId !== subject.id)
            throw new ReadingError('CONFLICT', `timepoint ${before.visitName} belongs to another subject`);
          await assertTimepointUnsigned(w.t, before, 'cannot add studies');
          const after = { ...before, studies: [...before.studies, ...tp.studies] };
          await w.write('timepoints', before.id, before, after, { readId: null });
          timepointIds.push(before.id);
        }
      }
    }
    return { subjectIds, timepointIds };
  });
}

export type SubjectPatch = Partial<
  Pick<Subject, 'label' | 'enrollmentDate' | 'deathDate' | 'newAnticancerTherapyDate'>
>;

export async function updateSubject(
  session: ReadingSession,
  subjectId: string,
  patch: SubjectPatch,
): Promise<Mutation<Subject>> {
  return runWrite(session, 'edit subject', async (w) => {
    const before = await mustGet(w.t.subjects, subjectId, 'subject');
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
    const timepoints = await w.t.timepoints.where('subjectId').equals(subjectId).toArray();
    assertSubjectDatesPossible(before, after, timepoints);
    await w.write('subjects', subjectId, before, after, { readId: null });
    return after;
  });
}

export async function renameTimepoint(
  session: ReadingSession,
  timepointId: string,
  visitName: string,
): Promise<Mutation<Timepoint>> {
  return runWrite(session, 'rename visit', async (w) => {
    const before = await mustGet(w.t.timepoints, timepointId, 'timepoint');
    await assertTimepointUnsigned(w.t, before, 'cannot rename the visit');
    const after = parseOrThrow(TimepointSchema, { ...before, visitName }, 'timepoint');
    const clash = await w.t.timepoints
      .where('subjectId')
      .equals(before.subjectId)
      .filter((t) => t.id !== timepointId && t.visitName === after.visitName)
      .first();
    if (clash)
      throw new ReadingError(
        'CONFLICT',
        `This subject already has a visit named "${after.visitName}"`,
        'visitName',
      );
    await w.write('timepoints', timepointId, before, after, { readId: null });
    return after;
  });
}

export type StudyDestination =
  { readonly timepointId: string } | { readonly newTimepointOfSubjectId: string };

/**
 * Moves one study to another timepoint (of the same or another subject), or into a new timepoint.
 * Refused when a timepoint involved is signed in any read, or when an assessment of the source
 * timepoint points at the study's images. A source timepoint left without studies is removed, unless
 * assessments refer to it, and so is a source subject left without timepoints and reads. Patient ID
 * routing follows the studies: the source subject stops routing a Patient ID it no longer holds
 * studies of; the destination routes it when no subject does.
 */
export async function moveStudy(
  session: ReadingSession,
  studyInstanceUid: string,
  destination: StudyDestination,
): Promise<Mutation<{ timepointId: string }>> {
  return runWrite(session, 'move study', async (w) => {
    const source = (await w.t.timepoints.toArray()).find((t) =>
      t.studies.some((s) => s.studyInstanceUid === studyInstanceUid),
    );
    if (!source) throw new ReadingError('NOT_FOUND', `study ${studyInstanceUid} is not in any timepoint`);
    const study = source.studies.find((s) => s.studyInstanceUid === studyInstanceUid)!;
    await assertTimepointUnsigned(w.t, source, 'cannot move the study');
    const sourceAssessments = await w.t.assessments.where('timepointId').equals(source.id).toArray();
    const referencing = sourceAssessments.filter((a) =>
      [...measurementsOf(a.value), ...('marker' in a.value && a.value.marker ? [a.value.marker] : [])].some(
        (m) => m.image.studyInstanceUid === studyInstanceUid,
      ),
    );
    if (referencing.length > 0)
      throw new ReadingError(
        'CONFLICT',
        `cannot move the study: ${referencing.length} assessment(s) of ${source.visitName} were made on its images`,
      );

    let target: Timepoint;
    let targetBefore: Timepoint | null;
    if ('timepointId' in destination) {
      if (destination.timepointId === source.id) return { timepointId: source.id };
      targetBefore = await mustGet(w.t.timepoints, destination.timepointId, 'timepoint');
      await assertTimepointUnsigned(w.t, targetBefore, 'cannot move the study');
      target = { ...targetBefore, studies: [...targetBefore.studies, study] };
    } else {
      const subjectId = destination.newTimepointOfSubjectId;
      await mustGet(w.t.subjects, subjectId, 'subject');
      const existing = orderTimepoints(await w.t.timepoints.where('subjectId').equals(subjectId).toArray());
      const withNew = orderTimepoints([
        ...existing,
        { id: '\uffff', createdAt: w.at, studies: [study], visitName: '', subjectId },
      ]);
      const index = withNew.findIndex((t) => t.id === '\uffff');
      const baselineDate = timepointScanDate(withNew[0]!);
      targetBefore = null;
      target = parseOrThrow(
        TimepointSchema,
        {
          id: w.newId(),
          subjectId,
          visitName: defaultVisitName(
            index,
            study.studyDate,
            baselineDate,
            new Set(existing.map((t) => t.visitName)),
          ),
          studies: [study],
          createdAt: w.at,
        },
        'timepoint',
      );
    }

    const remaining = source.studies.filter((s) => s.studyInstanceUid !== studyInstanceUid);
    if (remaining.length === 0) {
      if (sourceAssessments.length > 0)
        throw new ReadingError(
          'CONFLICT',
          `cannot move the last study out of ${source.visitName}: it holds assessments (clear them first)`,
        );
      await w.write('timepoints', source.id, source, null, { readId: null });
    } else
      await w.write('timepoints', source.id, source, { ...source, studies: remaining }, { readId: null });
    await w.write('timepoints', target.id, targetBefore, target, { readId: null });
    await rerouteAfterMove(w, study.patientId, source.subjectId, target.subjectId);
    return { timepointId: target.id };
  });
}

async function rerouteAfterMove(w: Writer, patientId: string, fromSubjectId: string, toSubjectId: string) {
  if (fromSubjectId === toSubjectId) return;
  const from = await mustGet(w.t.subjects, fromSubjectId, 'subject');
  // A subject left with no study and no read was a wrong grouping: it goes (audited, undoable).
  const fromTimepoints = await w.t.timepoints.where('subjectId').equals(fromSubjectId).count();
  const fromReads = await w.t.reads.where('subjectId').equals(fromSubjectId).count();
  if (fromTimepoints === 0 && fromReads === 0) {
    await w.write('subjects', from.id, from, null, { readId: null });
    if (patientId.trim() !== '' && from.patientIds.includes(patientId))
      await routeTo(w, patientId, toSubjectId);
    return;
  }
  if (patientId.trim() === '') return;
  const fromStillHolds = (await w.t.timepoints.where('subjectId').equals(fromSubjectId).toArray()).some((t) =>
    t.studies.some((s) => s.patientId === patientId),
  );
  if (!fromStillHolds && from.patientIds.includes(patientId))
    await w.write(
      'subjects',
      from.id,
      from,
      { ...from, patientIds: from.patientIds.filter((p) => p !== patientId) },
      {
        readId: null,
      },
    );
  await routeTo(w, patientId, toSubjectId);
}

/** Routes the Patient ID to the subject unless another subject routes it already. */
async function routeTo(w: Writer, patientId: string, subjectId: string) {
  const owner = await w.t.subjects.where('patientIds').equals(patientId).first();
  if (owner) return;
  const to = await mustGet(w.t.subjects, subjectId, 'subject');
  await w.write(
    'subjects',
    to.id,
    to,
    { ...to, patientIds: [...to.patientIds, patientId] },
    { readId: null },
  );
}
