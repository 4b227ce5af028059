/**
 * Visits and the studies in them. Visits are shared by every read of a subject, so a visit signed in any
 * read is frozen. Once a subject has a read, new studies never change its visits on their own: they wait
 * in "new images" until a reader assigns them, makes them a visit or sets them aside. No visit may be
 * dated before a started read's baseline.
 */
import { parseOrThrow, ReadingError } from '../reading/errors';
import {
  defaultVisitName,
  orderTimepoints,
  timepointScanDate,
  type ProposedSubject,
} from '../reading/grouping';
import {
  SubjectSchema,
  TimepointSchema,
  type Subject,
  type Timepoint,
  type TimepointStudy,
} from '../reading/model';
import { measurementsOf } from '../reading/size';
import type { Draft } from './draft';
import { assertSignedIn, mustGet } from './readContext';
import { NewImageSchema, type NewImage } from './records';
import type { RecordSet } from './recordSet';
import type { ProposedUnmatchedStudy } from '../trial/trialGrouping';
import { assertSubjectsFromTrial, queueUnmatchedStudies, settleQueuedStudy } from './unmatchedQueue';

export function assertVisitUnsigned(d: Draft, timepoint: Timepoint, what: string): void {
  const signedIn = d.records.where('signoffs', (s) => s.timepointId === timepoint.id);
  if (signedIn.length === 0) return;
  // Another reader's read is named only as such: readers may be blinded to each other.
  const own = signedIn.some((s) => d.records.get('reads', s.readId)?.readerId === d.actor?.id);
  throw new ReadingError(
    'LOCKED',
    own
      ? `${what}: ${timepoint.visitName} is signed in your read; unlock it there (with a reason) first`
      : `${what}: ${timepoint.visitName} is signed in another reader's read`,
  );
}

/** The earliest baseline date of the subject's reads: no visit may be dated before it once a read started. */
function readBaselineDate(records: RecordSet, subjectId: string): string | null {
  let earliest: string | null = null;
  for (const read of records.where('reads', (r) => r.subjectId === subjectId)) {
    const baseline = read.baselineTimepointId ? records.get('timepoints', read.baselineTimepointId) : null;
    const date = baseline ? timepointScanDate(baseline) : null;
    if (date !== null && (earliest === null || date < earliest)) earliest = date;
  }
  return earliest;
}

function assertNotBeforeBaseline(records: RecordSet, subjectId: string, timepoint: Timepoint): void {
  const baseline = readBaselineDate(records, subjectId);
  const date = timepointScanDate(timepoint);
  if (baseline !== null && date !== null && date < baseline)
    throw new ReadingError(
      'CONFLICT',
      `a study of ${date} is before the baseline (${baseline}) of a started read: it cannot become a visit of ` +
        'this subject (set it aside instead)',
    );
}

/** A read's baseline visit never loses its last study, and never goes. */
function assertNotReadBaseline(records: RecordSet, timepoint: Timepoint, what: string): void {
  if (isReadBaseline(records, timepoint.id))
    throw new ReadingError('CONFLICT', `${what}: ${timepoint.visitName} is the baseline of a started read`);
}

export function hasRead(records: RecordSet, subjectId: string): boolean {
  return records.where('reads', (r) => r.subjectId === subjectId).length > 0;
}

export function waitInNewImages(d: Draft, subjectId: string, study: TimepointStudy): NewImage {
  const image = parseOrThrow(
    NewImageSchema,
    {
      id: d.newId(),
      subjectId,
      study,
      arrivedAt: d.at,
      state: 'waiting',
      timepointId: null,
      reason: null,
      resolvedBy: null,
      resolvedAt: null,
    },
    'new image',
  );
  d.write('newImages', null, image, { undoable: false });
  return image;
}

/**
 * Applies a grouping proposal (proposeGrouping, or proposeTrialGrouping with its `unmatched` studies for
 * the administrator's queue): new subjects (never in a trial), Patient ID routing, new visits, studies
 * added to visits. For a subject with a read, the studies go to "new images" instead. Refused when the
 * records moved on since the proposal (a study already placed, a Patient ID routed elsewhere). Anyone
 * signed in applies it: the administrator imports the trial's studies.
 */
export function applyGrouping(
  d: Draft,
  input: { proposal: readonly ProposedSubject[]; unmatched?: readonly ProposedUnmatchedStudy[] },
): { subjectIds: string[]; timepointIds: string[]; newImageIds: string[]; unmatchedStudyIds: string[] } {
  assertSignedIn(d.actor);
  assertSubjectsFromTrial(d, input.proposal);
  const subjectIds: string[] = [];
  const timepointIds: string[] = [];
  const newImageIds: string[] = [];
  const placed = new Set([
    ...d.records.all('timepoints').flatMap((t) => t.studies.map((s) => s.studyInstanceUid)),
    ...d.records.all('newImages').map((n) => n.study.studyInstanceUid),
  ]);
  for (const proposed of input.proposal) {
    let subject: Subject =
      proposed.subjectId === null
        ? parseOrThrow(
            SubjectSchema,
            {
              id: d.newId(),
              label: proposed.label,
              patientIds: [],
              enrollmentDate: null,
              deathDate: null,
              newAnticancerTherapyDate: null,
              createdAt: d.at,
            },
            'subject',
          )
        : mustGet(d.records.get('subjects', proposed.subjectId), 'subject', proposed.subjectId);
    const beforeSubject = proposed.subjectId === null ? null : subject;
    if (proposed.addPatientIds.length > 0) {
      for (const patientId of proposed.addPatientIds) {
        const owner = d.records.where('subjects', (s) => s.patientIds.includes(patientId))[0];
        if (owner && owner.id !== subject.id)
          throw new ReadingError(
            'CONFLICT',
            `Patient ID ${patientId} already belongs to subject ${owner.label}`,
          );
      }
      subject = { ...subject, patientIds: [...new Set([...subject.patientIds, ...proposed.addPatientIds])] };
    }
    if (beforeSubject === null || subject !== beforeSubject) d.write('subjects', beforeSubject, subject);
    subjectIds.push(subject.id);

    const read = hasRead(d.records, subject.id);
    for (const tp of proposed.timepoints) {
      for (const study of tp.studies) {
        if (placed.has(study.studyInstanceUid))
          throw new ReadingError('CONFLICT', `study ${study.studyInstanceUid} is already in a timepoint`);
        placed.add(study.studyInstanceUid);
        settleQueuedStudy(d, study.studyInstanceUid, subject.id);
      }
      if (read) {
        for (const study of tp.studies) newImageIds.push(waitInNewImages(d, subject.id, study).id);
        continue;
      }
      if (tp.timepointId === null) {
        const timepoint = parseOrThrow(
          TimepointSchema,
          {
            id: d.newId(),
            subjectId: subject.id,
            visitName: tp.visitName,
            studies: tp.studies,
            createdAt: d.at,
          },
          'timepoint',
        );
        d.write('timepoints', null, timepoint);
        timepointIds.push(timepoint.id);
      } else {
        const before = mustGet(d.records.get('timepoints', tp.timepointId), 'timepoint', tp.timepointId);
        if (before.subjectId !== subject.id)
          throw new ReadingError('CONFLICT', `timepoint ${before.visitName} belongs to another subject`);
        assertVisitUnsigned(d, before, 'Cannot add studies');
        d.write('timepoints', before, { ...before, studies: [...before.studies, ...tp.studies] });
        timepointIds.push(before.id);
      }
    }
  }
  const unmatchedStudyIds = queueUnmatchedStudies(d, input.unmatched ?? []);
  return { subjectIds, timepointIds, newImageIds, unmatchedStudyIds };
}

export type NewImageResolution =
  | { readonly assignTo: string }
  | { readonly newVisit: true; readonly visitName?: string }
  | { readonly setAside: true; readonly reason: string };

/** A reader decides what a waiting study is: part of a visit not signed, a new visit, or set aside. */
export function resolveNewImage(
  d: Draft,
  input: { newImageId: string; resolution: NewImageResolution },
): NewImage {
  const actor = assertSignedIn(d.actor);
  if (actor.role === 'admin')
    throw new ReadingError('FORBIDDEN', 'An administrator does not decide what images belong to a read');
  const before = mustGet(d.records.get('newImages', input.newImageId), 'new image', input.newImageId);
  if (before.state !== 'waiting') throw new ReadingError('CONFLICT', 'this study was already dealt with');
  const { resolution } = input;
  const resolved = { resolvedBy: actor.id, resolvedAt: d.at };
  let after: NewImage;
  if ('assignTo' in resolution) {
    const visit = mustGet(d.records.get('timepoints', resolution.assignTo), 'visit', resolution.assignTo);
    if (visit.subjectId !== before.subjectId)
      throw new ReadingError('CONFLICT', `${visit.visitName} is a visit of another subject`);
    assertVisitUnsigned(d, visit, 'Cannot add the study');
    const joined = { ...visit, studies: [...visit.studies, before.study] };
    assertNotBeforeBaseline(d.records, before.subjectId, joined);
    if (isReadBaseline(d.records, visit.id) && timepointScanDate(joined) !== timepointScanDate(visit))
      throw new ReadingError(
        'CONFLICT',
        `the study would change the date of ${visit.visitName}, a read's baseline`,
      );
    d.write('timepoints', visit, joined, { undoable: false });
    after = { ...before, ...resolved, state: 'assigned', timepointId: visit.id, reason: null };
  } else if ('newVisit' in resolution) {
    const existing = orderTimepoints(d.records.where('timepoints', (t) => t.subjectId === before.subjectId));
    const probe: Timepoint = {
      id: '\uffff',
      subjectId: before.subjectId,
      visitName: 'new',
      studies: [before.study],
      createdAt: d.at,
    };
    assertNotBeforeBaseline(d.records, before.subjectId, probe);
    const withNew = orderTimepoints([...existing, probe]);
    const index = withNew.findIndex((t) => t.id === '\uffff');
    const visitName =
      resolution.visitName?.trim() ||
      defaultVisitName(
        index,
        before.study.studyDate,
        timepointScanDate(withNew[0]!),
        new Set(existing.map((t) => t.visitName)),
      );
    if (existing.some((t) => t.visitName === visitName))
      throw new ReadingError(
        'CONFLICT',
        `This subject already has a visit named "${visitName}"`,
        'visitName',
      );
    const visit = parseOrThrow(
      TimepointSchema,
      { id: d.newId(), subjectId: before.subjectId, visitName, studies: [before.study], createdAt: d.at },
      'timepoint',
    );
    d.write('timepoints', null, visit, { undoable: false });
    after = { ...before, ...resolved, state: 'new-visit', timepointId: visit.id, reason: null };
  } else {
    const reason = resolution.reason.trim();
    if (reason === '')
      throw new ReadingError('REASON_REQUIRED', 'Setting a study aside needs a reason', 'reason');
    after = { ...before, ...resolved, state: 'set-aside', timepointId: null, reason };
  }
  d.write('newImages', before, after, { action: 'resolve', reason: after.reason, undoable: false });
  return after;
}

function isReadBaseline(records: RecordSet, timepointId: string): boolean {
  return records.where('reads', (r) => r.baselineTimepointId === timepointId).length > 0;
}

export function renameVisit(d: Draft, input: { timepointId: string; visitName: string }): Timepoint {
  assertSignedIn(d.actor);
  const before = mustGet(d.records.get('timepoints', input.timepointId), 'timepoint', input.timepointId);
  assertVisitUnsigned(d, before, 'Cannot rename the visit');
  const after = parseOrThrow(TimepointSchema, { ...before, visitName: input.visitName }, 'timepoint');
  const clash = d.records.where(
    'timepoints',
    (t) => t.subjectId === before.subjectId && t.id !== before.id && t.visitName === after.visitName,
  );
  if (clash.length > 0)
    throw new ReadingError(
      'CONFLICT',
      `This subject already has a visit named "${after.visitName}"`,
      'visitName',
    );
  d.write('timepoints', before, after);
  return after;
}

export type StudyDestination =
  { readonly timepointId: string } | { readonly newTimepointOfSubjectId: string };

/**
 * Moves one study to another visit (of the same or another subject), or into a new visit. Refused when a
 * visit involved is signed in any read, when an assessment of the source visit points at the study's
 * images, or when it would change a read's baseline. A source visit left without studies is removed, and
 * so is a source subject left without visits and reads. Patient ID routing follows the studies.
 */
export function moveStudy(
  d: Draft,
  input: { studyInstanceUid: string; destination: StudyDestination },
): { timepointId: string } {
  assertSignedIn(d.actor);
  const { studyInstanceUid, destination } = input;
  const source = d.records
    .all('timepoints')
    .find((t) => t.studies.some((s) => s.studyInstanceUid === studyInstanceUid));
  if (!source) throw new ReadingError('NOT_FOUND', `study ${studyInstanceUid} is not in any timepoint`);
  const study = source.studies.find((s) => s.studyInstanceUid === studyInstanceUid)!;
  assertVisitUnsigned(d, source, 'Cannot move the study');
  assertNotReadBaseline(d.records, source, 'Cannot move the study');
  const sourceAssessments = d.records.where('assessments', (a) => a.timepointId === source.id);
  const referencing = sourceAssessments.filter((a) =>
    [...measurementsOf(a.value), ...('marker' in a.value && a.value.marker ? [a.value.marker] : [])].some(
      (m) => m.image.studyInstanceUid === studyInstanceUid,
    ),
  );
  if (referencing.length > 0)
    throw new ReadingError(
      'CONFLICT',
      `Cannot move the study: ${referencing.length} assessment(s) of ${source.visitName} were made on its images`,
    );

  let target: Timepoint;
  let targetBefore: Timepoint | null;
  if ('timepointId' in destination) {
    if (destination.timepointId === source.id) return { timepointId: source.id };
    targetBefore = mustGet(
      d.records.get('timepoints', destination.timepointId),
      'timepoint',
      destination.timepointId,
    );
    assertVisitUnsigned(d, targetBefore, 'Cannot move the study');
    assertNotReadBaseline(d.records, targetBefore, 'Cannot move the study');
    target = { ...targetBefore, studies: [...targetBefore.studies, study] };
  } else {
    const subjectId = destination.newTimepointOfSubjectId;
    mustGet(d.records.get('subjects', subjectId), 'subject', subjectId);
    const existing = orderTimepoints(d.records.where('timepoints', (t) => t.subjectId === subjectId));
    const withNew = orderTimepoints([
      ...existing,
      { id: '\uffff', createdAt: d.at, studies: [study], visitName: '', subjectId },
    ]);
    const index = withNew.findIndex((t) => t.id === '\uffff');
    targetBefore = null;
    target = parseOrThrow(
      TimepointSchema,
      {
        id: d.newId(),
        subjectId,
        visitName: defaultVisitName(
          index,
          study.studyDate,
          timepointScanDate(withNew[0]!),
          new Set(existing.map((t) => t.visitName)),
        ),
        studies: [study],
        createdAt: d.at,
      },
      'timepoint',
    );
  }
  assertNotBeforeBaseline(d.records, target.subjectId, target);

  const remaining = source.studies.filter((s) => s.studyInstanceUid !== studyInstanceUid);
  if (remaining.length === 0) {
    if (sourceAssessments.length > 0)
      throw new ReadingError(
        'CONFLICT',
        `Cannot move the last study out of ${source.visitName}: it holds assessments (clear them first)`,
      );
    d.write('timepoints', source, null);
  } else d.write('timepoints', source, { ...source, studies: remaining });
  d.write('timepoints', targetBefore, target);
  rerouteAfterMove(d, study.patientId, source.subjectId, target.subjectId);
  return { timepointId: target.id };
}

function rerouteAfterMove(d: Draft, patientId: string, fromSubjectId: string, toSubjectId: string) {
  if (fromSubjectId === toSubjectId) return;
  const from = mustGet(d.records.get('subjects', fromSubjectId), 'subject', fromSubjectId);
  // A subject left with no study and no read was a wrong grouping: it goes (audited, undoable).
  const fromTimepoints = d.records.where('timepoints', (t) => t.subjectId === fromSubjectId);
  if (fromTimepoints.length === 0 && !hasRead(d.records, fromSubjectId)) {
    d.write('subjects', from, null);
    if (patientId.trim() !== '' && from.patientIds.includes(patientId)) routeTo(d, patientId, toSubjectId);
    return;
  }
  if (patientId.trim() === '') return;
  const fromStillHolds = fromTimepoints.some((t) => t.studies.some((s) => s.patientId === patientId));
  if (!fromStillHolds && from.patientIds.includes(patientId))
    d.write('subjects', from, { ...from, patientIds: from.patientIds.filter((p) => p !== patientId) });
  routeTo(d, patientId, toSubjectId);
}

/** Routes the Patient ID to the subject unless another subject routes it already. */
function routeTo(d: Draft, patientId: string, subjectId: string) {
  if (d.records.where('subjects', (s) => s.patientIds.includes(patientId)).length > 0) return;
  const to = mustGet(d.records.get('subjects', subjectId), 'subject', subjectId);
  d.write('subjects', to, { ...to, patientIds: [...to.patientIds, patientId] });
}
