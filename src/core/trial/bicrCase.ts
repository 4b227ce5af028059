/**
 * One subject's blinded independent central review as a whole: its two BICR reads (reader 1 and
 * reader 2), whether both are complete, which adjudication triggers fire, and which read is the read of
 * record ("accepted"): the adjudicator's choice, or, when no trigger fires, the charter's rule. Pure: the
 * write policy (adjudicate), the worklists and the agreement figures all decide from this one function.
 */
import { evaluateRead, type ReadEvaluation } from '../reading/evaluation';
import { readTimepoints } from '../reading/grouping';
import type { Assessment, Lesion, Read, ReaderNumber, Signoff, Subject, Timepoint } from '../reading/model';
import type { SubjectResult } from '../model/subject-result';
import { adjudicationTriggers, type FiredTrigger, type ReaderRead } from './adjudication';
import type { TrialProtocol } from './protocol';

export interface BicrRecords {
  readonly subject: Subject;
  readonly timepoints: readonly Timepoint[];
  readonly reads: readonly Read[];
  readonly lesions: readonly Lesion[];
  readonly assessments: readonly Assessment[];
  readonly signoffs: readonly Pick<Signoff, 'readId' | 'timepointId'>[];
  readonly adjudication: {
    readonly acceptedReadId: string;
    readonly acceptedReaderNumber: ReaderNumber;
  } | null;
}

export interface BicrRead {
  readonly read: Read;
  readonly complete: boolean;
  readonly evaluation: ReadEvaluation;
  /** As the comparison functions take it; null until the engine has a result. */
  readonly compared: ReaderRead | null;
}

export type Acceptance =
  | { readonly by: 'adjudication'; readonly readId: string; readonly readerNumber: ReaderNumber }
  | { readonly by: 'charter'; readonly readId: string; readonly readerNumber: ReaderNumber };

export interface BicrCase {
  readonly reader1: BicrRead | null;
  readonly reader2: BicrRead | null;
  /** Both reads exist and every visit of each is signed. */
  readonly complete: boolean;
  /** The triggers that fire once both reads are complete (empty before). */
  readonly triggers: readonly FiredTrigger[];
  readonly needsAdjudication: boolean;
  readonly adjudicated: boolean;
  /** The read of record, once there is one. */
  readonly accepted: Acceptance | null;
}

function readOf(records: BicrRecords, read: Read): BicrRead {
  const subjectTimepoints = records.timepoints.filter((t) => t.subjectId === read.subjectId);
  const order = readTimepoints(read, subjectTimepoints);
  const signed = new Set(records.signoffs.filter((s) => s.readId === read.id).map((s) => s.timepointId));
  const complete = order.length > 0 && order.every((t) => signed.has(t.id));
  const evaluation = evaluateRead({
    read,
    subject: records.subject,
    timepoints: order,
    lesions: records.lesions.filter((l) => l.readId === read.id),
    assessments: records.assessments.filter((a) => a.readId === read.id),
  });
  const result: SubjectResult | null = evaluation.result;
  const compared =
    result === null || evaluation.conversion.subjectRead.subject.enrollmentDate === null
      ? null
      : ({ read: evaluation.conversion.subjectRead, result } as ReaderRead);
  return { read, complete, evaluation, compared };
}

/** The subject's BICR case under the trial's protocol. */
export function bicrCase(
  protocol: Pick<TrialProtocol, 'adjudication' | 'acceptedWithoutAdjudication'>,
  records: BicrRecords,
): BicrCase {
  const bicr = records.reads.filter((r) => r.subjectId === records.subject.id && r.role === 'bicr-reader');
  const byNumber = (n: ReaderNumber) => bicr.find((r) => r.readerNumber === n) ?? null;
  const first = byNumber(1);
  const second = byNumber(2);
  const reader1 = first ? readOf(records, first) : null;
  const reader2 = second ? readOf(records, second) : null;
  const complete = !!reader1?.complete && !!reader2?.complete;
  const triggers =
    complete && reader1.compared && reader2.compared
      ? adjudicationTriggers(protocol.adjudication, reader1.compared, reader2.compared)
      : [];
  const adjudication = records.adjudication;
  let accepted: Acceptance | null = null;
  if (adjudication)
    accepted = {
      by: 'adjudication',
      readId: adjudication.acceptedReadId,
      readerNumber: adjudication.acceptedReaderNumber,
    };
  else if (complete && triggers.length === 0) {
    const number = protocol.acceptedWithoutAdjudication;
    accepted = { by: 'charter', readId: (number === 1 ? reader1 : reader2).read.id, readerNumber: number };
  }
  return {
    reader1,
    reader2,
    complete,
    triggers,
    needsAdjudication: complete && triggers.length > 0,
    adjudicated: adjudication !== null,
    accepted,
  };
}

/** What the workstation holds, as whole tables (or a scope of them): subjectBicrCase picks the subject's. */
export interface TrialRecords {
  readonly timepoints: readonly Timepoint[];
  readonly reads: readonly Read[];
  readonly lesions: readonly Lesion[];
  readonly assessments: readonly Assessment[];
  readonly signoffs: readonly Pick<Signoff, 'readId' | 'timepointId'>[];
  readonly adjudications: readonly (NonNullable<BicrRecords['adjudication']> & {
    readonly subjectId: string;
  })[];
}

/** One subject's BICR case from the trial's records: only its BICR reads, never the site read. */
export function subjectBicrCase(
  protocol: Parameters<typeof bicrCase>[0],
  subject: Subject,
  records: TrialRecords,
): BicrCase {
  const reads = records.reads.filter((r) => r.subjectId === subject.id && r.role === 'bicr-reader');
  const readIds = new Set(reads.map((r) => r.id));
  return bicrCase(protocol, {
    subject,
    timepoints: records.timepoints.filter((t) => t.subjectId === subject.id),
    reads,
    lesions: records.lesions.filter((l) => readIds.has(l.readId)),
    assessments: records.assessments.filter((a) => readIds.has(a.readId)),
    signoffs: records.signoffs.filter((s) => readIds.has(s.readId)),
    adjudication: records.adjudications.find((a) => a.subjectId === subject.id) ?? null,
  });
}
