/**
 * A reader's worklist in a trial: one row per subject their account is assigned, with the next visit of
 * their own read and its status. "Awaiting adjudication" needs to know whether the two BICR reads
 * disagree, which this query works out from both reads, but it returns only the status: a reader never
 * learns what the other reader recorded.
 */
import { ReadingError } from '../../core/reading/errors';
import type { AccountRole, Read, Signoff, Subject, Timepoint } from '../../core/reading/model';
import { bicrCase } from '../../core/trial/bicrCase';
import { dateFormatter } from '../../core/trial/blindedText';
import { isBlindedRole } from '../../core/trial/blinding';
import { isAssigned, worklistRow, type RoleRead, type WorklistRow } from '../../core/trial/worklist';
import { visitListLabel } from '../trial/worklistLabels';
import { readTables, transactionTables, type ReadDatabase } from './readSchema';

export interface WorklistData {
  readonly rows: readonly WorklistRow[];
  /** Whether the next visits are named by study day (a blinded reader). */
  readonly blinded: boolean;
}

/** The signed-in reader's worklist rows (unsorted); null outside a trial. */
export async function loadWorklist(db: ReadDatabase, actorId: string): Promise<WorklistData | null> {
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
  return await db.transaction('r', transactionTables(db, names), async () => {
    const [actor, trial, readers, subjects, timepoints, reads, signoffs] = await Promise.all([
      t.readers.get(actorId),
      t.trial.get('trial'),
      t.readers.toArray(),
      t.subjects.toArray(),
      t.timepoints.toArray(),
      t.reads.toArray(),
      t.signoffs.toArray(),
    ]);
    if (!trial) return null;
    if (!actor || actor.role === 'admin' || actor.role === 'adjudicator')
      throw new ReadingError('FORBIDDEN', 'Only a reader has a worklist');
    const roleOf = new Map<string, AccountRole>(readers.map((r) => [r.id, r.role]));
    // The role a read was started in counts, not the account's role today.
    const roleReads: RoleRead[] = reads.map((read) => ({
      read,
      readerRole: read.role ?? roleOf.get(read.readerId) ?? 'site-radiologist',
    }));
    const blinded = isBlindedRole(actor.role);
    const rows: WorklistRow[] = [];
    for (const subject of subjects) {
      if (!isAssigned(actor.assignment, subject)) continue;
      const dates = dateFormatter(blinded, subject.enrollmentDate);
      // The row's visit names are what the list shows: blinded labels for a blinded reader.
      const labelled = timepoints
        .filter((tp) => tp.subjectId === subject.id)
        .map((tp) => ({ ...tp, visitName: visitListLabel(dates, tp) }));
      const row = worklistRow(actor, subject, roleReads, labelled, signoffs);
      if (row.status === 'signed' && actor.role === 'bicr-reader') {
        const open = await adjudicationOpen(t, trial.protocol, subject, timepoints, reads, signoffs);
        rows.push(open ? worklistRow(actor, subject, roleReads, labelled, signoffs, true) : row);
      } else rows.push(row);
    }
    return { rows, blinded };
  });
}

type Tables = ReturnType<typeof readTables>;

/** Whether the subject's two BICR reads wait for the adjudicator (both signed, a trigger fired). */
async function adjudicationOpen(
  t: Tables,
  protocol: Parameters<typeof bicrCase>[0],
  subject: Subject,
  timepoints: readonly Timepoint[],
  reads: readonly Read[],
  signoffs: readonly Signoff[],
): Promise<boolean> {
  const bicrReads = reads.filter((r) => r.subjectId === subject.id && r.role === 'bicr-reader');
  if (bicrReads.length < 2) return false;
  const readIds = bicrReads.map((r) => r.id);
  const [lesions, assessments, adjudication] = await Promise.all([
    t.lesions.where('readId').anyOf(readIds).toArray(),
    t.assessments.where('readId').anyOf(readIds).toArray(),
    t.adjudications.where('subjectId').equals(subject.id).first(),
  ]);
  if (adjudication) return false;
  const bicr = bicrCase(protocol, {
    subject,
    timepoints: timepoints.filter((tp) => tp.subjectId === subject.id),
    reads: bicrReads,
    lesions,
    assessments,
    signoffs: signoffs.filter((s) => readIds.includes(s.readId)),
    adjudication: null,
  });
  return bicr.needsAdjudication;
}
