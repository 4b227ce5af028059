/**
 * Accounts, subjects, visits and new images: each change is one command of the write policy
 * (core/policy), run by commandRunner.ts; the queries read the tables directly.
 */
import type { AccountRole, Reader, ReaderNumber, Subject, Timepoint } from '../../core/reading/model';
import type { ReaderAssignment } from '../../core/trial/worklist';
import { orderTimepoints, type ProposedSubject } from '../../core/reading/grouping';
import type { SubjectPatch } from '../../core/policy/subjectCommands';
import type { NewImageResolution, StudyDestination } from '../../core/policy/visitCommands';
import type { NewImage, Settings } from '../../core/policy/records';
import { defaultSettings } from '../../core/policy/records';
import { runCommand, type ReadingSession } from './commandRunner';
import { hashPassphrase } from './passphrase';
import { readTables, type ReadDatabase } from './readSchema';

export type { NewImageResolution, StudyDestination, SubjectPatch };

// ---------------------------------------------------------------------------------------------------
// Accounts and settings

/**
 * Creates an account with its passphrase (PBKDF2). With no administrator yet, the session may have no
 * account (readerId null) and the account must be the administrator.
 */
export async function createAccount(
  session: ReadingSession,
  input: {
    name: string;
    role: AccountRole;
    passphrase: string;
    readerNumber?: ReaderNumber | null;
    assignment?: ReaderAssignment;
  },
  iterations?: number,
) {
  const { passphrase, ...account } = input;
  const credential = await hashPassphrase(passphrase, iterations);
  return runCommand(session, {
    type: 'createAccount',
    input: { ...account, credential },
    label: 'create account',
  });
}

export function updateAccount(
  session: ReadingSession,
  input: {
    readerId: string;
    name?: string;
    role?: AccountRole;
    disabled?: boolean;
    readerNumber?: ReaderNumber | null;
    assignment?: ReaderAssignment;
  },
) {
  return runCommand(session, { type: 'updateAccount', input, label: 'change account' });
}

/** An admin sets anyone's passphrase; changing one's own needs the current one (`current`). */
export async function setPassphrase(
  session: ReadingSession,
  input: { readerId: string; passphrase: string; current?: string },
  iterations?: number,
) {
  const credential = await hashPassphrase(input.passphrase, iterations);
  return runCommand(
    session,
    { type: 'setPassphrase', input: { readerId: input.readerId, credential }, label: 'set passphrase' },
    input.current === undefined ? {} : { passphrase: input.current },
  );
}

export function updateSettings(session: ReadingSession, input: { inactivityMinutes: number }) {
  return runCommand(session, { type: 'updateSettings', input, label: 'change settings' });
}

export async function getSettings(db: ReadDatabase): Promise<Settings> {
  return (await readTables(db).settings.get('workstation')) ?? defaultSettings;
}

export function listReaders(db: ReadDatabase): Promise<Reader[]> {
  return readTables(db).readers.orderBy('id').toArray();
}

// ---------------------------------------------------------------------------------------------------
// Subjects and visits

export function listSubjects(db: ReadDatabase): Promise<Subject[]> {
  return readTables(db)
    .subjects.toArray()
    .then((subjects) => subjects.sort((a, b) => a.label.localeCompare(b.label)));
}

/** The subject's visits in date order: the first is the baseline of a read started now. */
export async function listTimepoints(db: ReadDatabase, subjectId: string): Promise<Timepoint[]> {
  return orderTimepoints(await readTables(db).timepoints.where('subjectId').equals(subjectId).toArray());
}

/** What grouping must not propose again: placed studies, and studies waiting in "new images". */
export async function getGroupingState(db: ReadDatabase): Promise<{
  subjects: Subject[];
  timepoints: Timepoint[];
  newImages: NewImage[];
}> {
  const t = readTables(db);
  return {
    subjects: await t.subjects.toArray(),
    timepoints: await t.timepoints.toArray(),
    newImages: await t.newImages.toArray(),
  };
}

/** The studies that arrived for a subject with a read, oldest first. */
export async function listNewImages(db: ReadDatabase, subjectId: string): Promise<NewImage[]> {
  const images = await readTables(db).newImages.where('subjectId').equals(subjectId).toArray();
  return images.sort((a, b) => a.arrivedAt.localeCompare(b.arrivedAt) || a.id.localeCompare(b.id));
}

export function applyGrouping(session: ReadingSession, proposal: readonly ProposedSubject[]) {
  return runCommand(session, {
    type: 'applyGrouping',
    input: { proposal },
    label: 'group studies into subjects and timepoints',
  });
}

export function resolveNewImage(session: ReadingSession, newImageId: string, resolution: NewImageResolution) {
  return runCommand(session, {
    type: 'resolveNewImage',
    input: { newImageId, resolution },
    label: 'resolve new images',
  });
}

/**
 * Edits a subject's label and dates. Frozen dates (a read of the subject is signed) need an admin's
 * reason and passphrase: pass both.
 */
export function updateSubject(
  session: ReadingSession,
  subjectId: string,
  patch: SubjectPatch,
  correction?: { reason: string; passphrase: string },
) {
  return runCommand(
    session,
    {
      type: 'updateSubject',
      input: { subjectId, patch, reason: correction?.reason ?? null },
      label: 'edit subject',
    },
    correction ? { passphrase: correction.passphrase } : {},
  );
}

export function renameTimepoint(session: ReadingSession, timepointId: string, visitName: string) {
  return runCommand(session, {
    type: 'renameVisit',
    input: { timepointId, visitName },
    label: 'rename visit',
  });
}

/** Moves one study to another visit (of the same or another subject), or into a new visit. */
export function moveStudy(session: ReadingSession, studyInstanceUid: string, destination: StudyDestination) {
  return runCommand(session, {
    type: 'moveStudy',
    input: { studyInstanceUid, destination },
    label: 'move study',
  });
}
