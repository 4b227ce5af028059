/**
 * Trial-mode grouping and the administrator's queue of studies that matched no subject: each change is
 * one command of the write policy (core/policy/visitCommands.ts, unmatchedCommands.ts), run by
 * commandRunner.ts; the queries read the tables directly.
 */
import type { Table } from 'dexie';
import type { NewImage, UnmatchedStudy } from '../../core/policy/records';
import type { Subject, Timepoint } from '../../core/reading/model';
import type { TrialGroupingProposal } from '../../core/trial/trialGrouping';
import { runCommand, type ReadingSession } from './commandRunner';
import type { StudyRecord } from './database';
import { readTables, type ReadDatabase } from './readSchema';

/** What trial grouping must know: placed studies, new images and the queue (decided studies stay out). */
export async function getTrialGroupingState(db: ReadDatabase): Promise<{
  subjects: Subject[];
  timepoints: Timepoint[];
  newImages: NewImage[];
  unmatchedStudies: UnmatchedStudy[];
}> {
  const t = readTables(db);
  return {
    subjects: await t.subjects.toArray(),
    timepoints: await t.timepoints.toArray(),
    newImages: await t.newImages.toArray(),
    unmatchedStudies: await t.unmatchedStudies.toArray(),
  };
}

export function applyTrialGrouping(session: ReadingSession, proposal: TrialGroupingProposal) {
  return runCommand(session, {
    type: 'applyGrouping',
    input: { proposal: proposal.subjects, unmatched: proposal.unmatched },
    label: "match studies to the trial's subjects and visits",
  });
}

/** The administrator puts a queued study on a subject (its visit by the schedule). */
export function assignUnmatchedStudy(session: ReadingSession, unmatchedStudyId: string, subjectId: string) {
  return runCommand(session, {
    type: 'assignUnmatchedStudy',
    input: { unmatchedStudyId, subjectId },
    label: 'assign study to subject',
  });
}

/** The administrator keeps a queued study out of the trial's reads, with a reason. */
export function setAsideUnmatchedStudy(session: ReadingSession, unmatchedStudyId: string, reason: string) {
  return runCommand(session, {
    type: 'setAsideUnmatchedStudy',
    input: { unmatchedStudyId, reason },
    label: 'set study aside',
  });
}

/** A queued study as the administrator's queue shows it: with what the DICOM index says of it. */
export interface WaitingStudy extends UnmatchedStudy {
  /** '' (and no modalities) when the study is no longer in the index. */
  readonly patientName: string;
  readonly studyDescription: string;
  readonly modalities: readonly string[];
}

/** The studies waiting for the administrator, oldest study date first (undated last). */
export async function listWaitingStudies(db: ReadDatabase): Promise<WaitingStudy[]> {
  const waiting = await readTables(db).unmatchedStudies.where('state').equals('waiting').toArray();
  // The DICOM index (database.ts), read only: the queue keeps no patient name of its own.
  const index = db.table('studies') as Table<StudyRecord, string>;
  const records = await index.bulkGet(waiting.map((u) => u.study.studyInstanceUid));
  return waiting
    .map((u, i): WaitingStudy => ({
      ...u,
      patientName: records[i]?.patientName ?? '',
      studyDescription: records[i]?.studyDescription ?? '',
      modalities: records[i]?.modalities ?? [],
    }))
    .sort(
      (a, b) =>
        (a.study.studyDate ?? '\uffff').localeCompare(b.study.studyDate ?? '\uffff') ||
        a.arrivedAt.localeCompare(b.arrivedAt) ||
        a.id.localeCompare(b.id),
    );
}
