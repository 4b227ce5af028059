/**
 * The queue of studies that matched no trial subject, as grouping fills and drains it: studies are
 * queued once, and a queued study grouping places after all (its subject was imported since) leaves the
 * queue as assigned. The administrator's own decisions are in unmatchedCommands.ts.
 */
import type { ProposedSubject } from '../reading/grouping';
import { parseOrThrow, ReadingError } from '../reading/errors';
import type { ProposedUnmatchedStudy } from '../trial/trialGrouping';
import type { Draft } from './draft';
import { UnmatchedStudySchema, type UnmatchedStudy } from './records';

export function unmatchedOf(d: Draft, studyInstanceUid: string): UnmatchedStudy | null {
  return d.records.where('unmatchedStudies', (u) => u.study.studyInstanceUid === studyInstanceUid)[0] ?? null;
}

/** In a trial, subjects come from its subject list: grouping never makes one from a study's Patient ID. */
export function assertSubjectsFromTrial(d: Draft, proposal: readonly ProposedSubject[]): void {
  const trial = d.records.get('trial', 'trial');
  if (trial === null) return;
  const made = proposal.find((p) => p.subjectId === null);
  if (made)
    throw new ReadingError(
      'CONFLICT',
      `Trial ${trial.protocol.protocolId} takes its subjects from its subject list: studies of ` +
        `"${made.label}" cannot make a new subject (import the subject, or assign the studies from the queue)`,
    );
}

/**
 * A study grouping places that was waiting in the queue (its subject was added since) leaves the queue,
 * assigned; one the administrator set aside stays out of every visit.
 */
export function settleQueuedStudy(d: Draft, studyInstanceUid: string, subjectId: string): void {
  const before = unmatchedOf(d, studyInstanceUid);
  if (before === null) return;
  if (before.state !== 'waiting')
    throw new ReadingError('CONFLICT', `study ${studyInstanceUid} was already dealt with in the queue`);
  const after: UnmatchedStudy = {
    ...before,
    state: 'assigned',
    subjectId,
    resolvedBy: d.actor?.id ?? null,
    resolvedAt: d.at,
  };
  d.write('unmatchedStudies', before, after, { action: 'resolve', undoable: false });
}

/** Puts the studies in the queue; a study already in it (in any state) is not added again. */
export function queueUnmatchedStudies(d: Draft, unmatched: readonly ProposedUnmatchedStudy[]): string[] {
  const ids: string[] = [];
  const inVisits = new Set([
    ...d.records.all('timepoints').flatMap((t) => t.studies.map((s) => s.studyInstanceUid)),
    ...d.records.all('newImages').map((n) => n.study.studyInstanceUid),
  ]);
  for (const u of unmatched) {
    const uid = u.study.studyInstanceUid;
    if (inVisits.has(uid) || unmatchedOf(d, uid) !== null) continue;
    const record = parseOrThrow(
      UnmatchedStudySchema,
      {
        id: d.newId(),
        study: u.study,
        clinicalTrialSubjectId: u.clinicalTrialSubjectId,
        reason: u.reason,
        arrivedAt: d.at,
        state: 'waiting',
        subjectId: null,
        resolvedBy: null,
        resolvedAt: null,
      },
      'unmatched study',
    );
    d.write('unmatchedStudies', null, record, { undoable: false });
    ids.push(record.id);
  }
  return ids;
}
