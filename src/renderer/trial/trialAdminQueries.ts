/**
 * What the administrator's trial screens read: whether the protocol is frozen, and each trial subject's
 * row (dates, visits, the state of its two BICR reads). The admin sees states, never a read's contents.
 */
import type { ReaderNumber, Subject } from '../../core/reading/model';
import type { BicrCase, BicrRead } from '../../core/trial/bicrCase';
import { readTables, type ReadDatabase } from '../db/readSchema';
import { listSubjects } from '../db/readSubjects';
import { getTrial, loadBicrCases } from '../db/readTrial';

/** The policy's rule (saveTrial): a signed visit of any read froze the protocol. */
export async function isProtocolFrozen(db: ReadDatabase): Promise<boolean> {
  return (await readTables(db).signoffs.count()) > 0;
}

export type BicrReadState =
  { readonly kind: 'not-started' } | { readonly kind: 'in-progress' | 'complete'; readonly readId: string };

export interface TrialSubjectRow {
  readonly subject: Subject;
  readonly visits: number;
  readonly reader1: BicrReadState;
  readonly reader2: BicrReadState;
  readonly recordWords: string;
}

function stateOf(read: BicrRead | null): BicrReadState {
  if (!read) return { kind: 'not-started' };
  return { kind: read.complete ? 'complete' : 'in-progress', readId: read.read.id };
}

/** Which read is the read of record, in the words of the charter. */
export function readOfRecordWords(bicr: BicrCase | undefined): string {
  if (!bicr) return 'Not yet';
  const reader = (n: ReaderNumber) => `Reader ${n}`;
  if (bicr.accepted?.by === 'adjudication')
    return `${reader(bicr.accepted.readerNumber)}, chosen by the adjudicator`;
  if (bicr.accepted?.by === 'charter')
    return `${reader(bicr.accepted.readerNumber)}, by the charter (the reads agree)`;
  if (bicr.needsAdjudication) return 'Waiting for the adjudicator';
  return 'Not yet: both reads must be signed';
}

/** The trial's subjects by label; empty when there is no trial. */
export async function loadTrialSubjectRows(db: ReadDatabase, adminId: string): Promise<TrialSubjectRow[]> {
  if (!(await getTrial(db))) return [];
  const [subjects, timepoints, { cases }] = await Promise.all([
    listSubjects(db),
    readTables(db).timepoints.toArray(),
    loadBicrCases(db, adminId),
  ]);
  const bySubject = new Map(cases.map((c) => [c.subjectId, c.bicr]));
  return subjects.map((subject) => {
    const bicr = bySubject.get(subject.id);
    return {
      subject,
      visits: timepoints.filter((t) => t.subjectId === subject.id).length,
      reader1: stateOf(bicr?.reader1 ?? null),
      reader2: stateOf(bicr?.reader2 ?? null),
      recordWords: readOfRecordWords(bicr),
    };
  });
}
