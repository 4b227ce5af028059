/**
 * The administrator's reader agreement figures, from the trial's BICR cases (loadBicrCases): the
 * subjects whose two BICR reads are both complete, each with the read as the engine saw it (lesion
 * ids and location codes included, so lesions can be paired) and the adjudicator's decision.
 */
import {
  readerAgreementReport,
  type AgreementSubject,
  type ReaderAgreementInput,
  type ReaderAgreementReport,
} from '../../core/trial/agreementReport';
import type { BicrCase, BicrRead } from '../../core/trial/bicrCase';
import type { TrialProtocol } from '../../core/trial/protocol';
import type { ReadDatabase } from '../db/readSchema';
import { loadBicrCases } from '../db/readTrial';

export interface CaseOfSubject {
  readonly label: string;
  readonly bicr: BicrCase;
}

function agreementRead(read: BicrRead | null) {
  if (!read?.complete || !read.compared) return null;
  // The converted read, not `compared.read`: it keeps the lesion ids, location codes and sizes.
  return { read: read.evaluation.conversion.subjectRead, result: read.compared.result };
}

/** One subject of the report, or null while either BICR read is incomplete or has no result. */
export function agreementSubject({ label, bicr }: CaseOfSubject): AgreementSubject | null {
  const reader1 = agreementRead(bicr.reader1);
  const reader2 = agreementRead(bicr.reader2);
  if (!bicr.complete || !reader1 || !reader2) return null;
  return {
    subjectId: label,
    reader1,
    reader2,
    adjudicated: bicr.adjudicated,
    // The charter's pick is not an adjudicator's acceptance: only decisions count per reader.
    acceptedReader: bicr.accepted?.by === 'adjudication' ? bicr.accepted.readerNumber : null,
  };
}

export function agreementInput(
  protocol: Pick<TrialProtocol, 'adjudication' | 'schedule'>,
  cases: readonly CaseOfSubject[],
): ReaderAgreementInput {
  return {
    subjects: [...cases]
      .sort((a, b) => a.label.localeCompare(b.label))
      .flatMap((c) => agreementSubject(c) ?? []),
    triggers: protocol.adjudication,
    // Two progression scans within one visit window could be the same visit.
    progressionWindowDays: protocol.schedule.windowDays,
  };
}

export async function loadAgreementReport(db: ReadDatabase, actorId: string): Promise<ReaderAgreementReport> {
  const { trial, cases } = await loadBicrCases(db, actorId);
  return readerAgreementReport(agreementInput(trial.protocol, cases));
}
