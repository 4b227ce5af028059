/**
 * The trial: its protocol, its subjects and the adjudications, each change one command of the write
 * policy (core/policy/trialCommands.ts); the queries decide what each role may see with core's rules.
 */
import { ReadingError } from '../../core/reading/errors';
import type { Trial } from '../../core/policy/records';
import { subjectBicrCase, type BicrCase } from '../../core/trial/bicrCase';
import type { TrialProtocolInput } from '../../core/trial/protocol';
import type { TrialSubjectRow } from '../../core/trial/subjectsCsv';
import { runCommand, type ReadingSession } from './commandRunner';
import { readTables, transactionTables, type ReadDatabase } from './readSchema';

export function saveTrial(session: ReadingSession, protocol: TrialProtocolInput) {
  return runCommand(session, { type: 'saveTrial', input: { protocol }, label: 'save trial protocol' });
}

export function importTrialSubjects(session: ReadingSession, rows: readonly TrialSubjectRow[]) {
  return runCommand(session, { type: 'importSubjects', input: { rows }, label: 'import trial subjects' });
}

export function adjudicate(
  session: ReadingSession,
  input: { subjectId: string; acceptedReadId: string; reason: string; passphrase: string },
) {
  const { passphrase, ...rest } = input;
  return runCommand(session, { type: 'adjudicate', input: rest, label: 'adjudicate' }, { passphrase });
}

export async function getTrial(db: ReadDatabase): Promise<Trial | null> {
  return (await readTables(db).trial.get('trial')) ?? null;
}

/**
 * Every trial subject's BICR case, for the adjudicator (who sees both BICR reads) and for the
 * administrator's agreement figures (who sees figures, never a read's screens). Nobody else: a reader
 * never learns what the other reader recorded.
 */
export async function loadBicrCases(
  db: ReadDatabase,
  actorId: string,
  subjectIds?: readonly string[],
): Promise<{ trial: Trial; cases: { subjectId: string; label: string; bicr: BicrCase }[] }> {
  const t = readTables(db);
  const names = [
    'readers',
    'trial',
    'subjects',
    'timepoints',
    'reads',
    'lesions',
    'assessments',
    'signoffs',
    'adjudications',
  ] as const;
  const stored = await db.transaction('r', transactionTables(db, names), async () => {
    const [actor, trial, subjects, timepoints, reads, lesions, assessments, signoffs, adjudications] =
      await Promise.all([
        t.readers.get(actorId),
        t.trial.get('trial'),
        t.subjects.toArray(),
        t.timepoints.toArray(),
        t.reads.toArray(),
        t.lesions.toArray(),
        t.assessments.toArray(),
        t.signoffs.toArray(),
        t.adjudications.toArray(),
      ]);
    return { actor, trial, subjects, timepoints, reads, lesions, assessments, signoffs, adjudications };
  });
  if (!stored.actor || (stored.actor.role !== 'adjudicator' && stored.actor.role !== 'admin'))
    throw new ReadingError(
      'FORBIDDEN',
      'Only the adjudicator and the administrator see the BICR reads side by side',
    );
  if (!stored.trial) throw new ReadingError('NOT_FOUND', 'There is no trial on this workstation yet');
  const trial = stored.trial;
  const wanted = subjectIds ? new Set(subjectIds) : null;
  // Only BICR reads ever reach these screens: the site read stays out of the comparison.
  const cases = stored.subjects
    .filter((s) => !wanted || wanted.has(s.id))
    .map((subject) => ({
      subjectId: subject.id,
      label: subject.label,
      bicr: subjectBicrCase(trial.protocol, subject, stored),
    }));
  return { trial, cases };
}
