/**
 * The administrator's queue of studies that matched no trial subject, or no visit of its schedule
 * (issue 11, "unmatched studies wait in a queue; the admin can reassign"). Grouping adds to it; the
 * administrator assigns a study to a subject or sets it aside with a reason. Deliberate acts, so not
 * undoable; the audit trail keeps who decided what.
 */
import { proposeTimepoints } from '../reading/grouping';
import { parseOrThrow, ReadingError } from '../reading/errors';
import { TimepointSchema, type Subject, type TimepointStudy } from '../reading/model';
import { placeInSchedule } from '../trial/trialGrouping';
import type { Draft } from './draft';
import { assertAdmin, mustGet } from './readContext';
import type { UnmatchedStudy } from './records';
import { assertVisitUnsigned, hasRead, waitInNewImages } from './visitCommands';

function waitingStudy(d: Draft, unmatchedStudyId: string): UnmatchedStudy {
  const before = mustGet(
    d.records.get('unmatchedStudies', unmatchedStudyId),
    'unmatched study',
    unmatchedStudyId,
  );
  if (before.state !== 'waiting')
    throw new ReadingError('CONFLICT', 'This study was already assigned or set aside');
  return before;
}

/** The study's Patient ID now routes to the subject, unless another subject routes it already. */
function routePatientId(d: Draft, subject: Subject, patientId: string): Subject {
  const id = patientId.trim();
  if (id === '' || d.records.where('subjects', (s) => s.patientIds.includes(id)).length > 0) return subject;
  const after = { ...subject, patientIds: [...subject.patientIds, id] };
  d.write('subjects', subject, after, { undoable: false });
  return after;
}

/** Places the study in the subject's visits: by the trial's schedule, else by date. */
function placeStudy(d: Draft, subject: Subject, study: TimepointStudy): string {
  const existing = d.records.where('timepoints', (t) => t.subjectId === subject.id);
  const trial = d.records.get('trial', 'trial');
  const [proposed] = trial
    ? placeInSchedule(trial.protocol, subject, existing, [study], true).timepoints
    : proposeTimepoints([{ ...study, patientName: '' }], existing);
  if (!proposed) throw new Error(`no visit proposed for study ${study.studyInstanceUid}`);
  if (proposed.timepointId === null) {
    const timepoint = parseOrThrow(
      TimepointSchema,
      {
        id: d.newId(),
        subjectId: subject.id,
        visitName: proposed.visitName,
        studies: [study],
        createdAt: d.at,
      },
      'timepoint',
    );
    d.write('timepoints', null, timepoint, { undoable: false });
    return timepoint.id;
  }
  const before = mustGet(
    d.records.get('timepoints', proposed.timepointId),
    'timepoint',
    proposed.timepointId,
  );
  assertVisitUnsigned(d, before, 'Cannot add the study');
  d.write('timepoints', before, { ...before, studies: [...before.studies, study] }, { undoable: false });
  return before.id;
}

/**
 * The administrator puts a queued study on a subject: it joins the visit its date falls in (a study
 * before the baseline window joins the baseline: accepting the deviation is the administrator's call),
 * or waits in "new images" when the subject already has a read. Its Patient ID then routes to the
 * subject, so the patient's later studies follow.
 */
export function assignUnmatchedStudy(
  d: Draft,
  input: { unmatchedStudyId: string; subjectId: string },
): { timepointId: string | null; newImageId: string | null } {
  const actor = assertAdmin(d.actor, 'assign a study from the queue to a subject');
  const before = waitingStudy(d, input.unmatchedStudyId);
  let subject = mustGet(d.records.get('subjects', input.subjectId), 'subject', input.subjectId);
  const uid = before.study.studyInstanceUid;
  const elsewhere =
    d.records.where('timepoints', (t) => t.studies.some((s) => s.studyInstanceUid === uid)).length > 0 ||
    d.records.where('newImages', (n) => n.study.studyInstanceUid === uid).length > 0;
  if (elsewhere) throw new ReadingError('CONFLICT', 'This study is already in a visit');
  subject = routePatientId(d, subject, before.study.patientId);
  let timepointId: string | null = null;
  let newImageId: string | null = null;
  if (hasRead(d.records, subject.id)) newImageId = waitInNewImages(d, subject.id, before.study).id;
  else timepointId = placeStudy(d, subject, before.study);
  const after: UnmatchedStudy = {
    ...before,
    state: 'assigned',
    subjectId: subject.id,
    resolvedBy: actor.id,
    resolvedAt: d.at,
  };
  d.write('unmatchedStudies', before, after, {
    action: 'resolve',
    reason: `Assigned to subject ${subject.label}`,
    undoable: false,
  });
  return { timepointId, newImageId };
}

/** The administrator keeps a queued study out of the trial's reads, with a reason for the audit trail. */
export function setAsideUnmatchedStudy(
  d: Draft,
  input: { unmatchedStudyId: string; reason: string },
): UnmatchedStudy {
  const actor = assertAdmin(d.actor, 'set aside a study from the queue');
  const before = waitingStudy(d, input.unmatchedStudyId);
  const reason = input.reason.trim();
  if (reason === '')
    throw new ReadingError('REASON_REQUIRED', 'Setting a study aside needs a reason', 'reason');
  const after: UnmatchedStudy = { ...before, state: 'set-aside', resolvedBy: actor.id, resolvedAt: d.at };
  d.write('unmatchedStudies', before, after, { action: 'resolve', reason, undoable: false });
  return after;
}
