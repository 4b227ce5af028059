/**
 * A trial that reports iRECIST beside RECIST 1.1 (protocol criteria "RECIST1.1+iRECIST") derives it
 * from the very same measurements: the read's converted JSON with only its criteria changed, so the two
 * can never disagree about what was measured.
 */
import type { TimepointResult } from '../model';
import type { SubjectResult } from '../model/subject-result';
import { evaluateInput } from '../recist/evaluate';
import type { ReadEvaluation } from './evaluation';

export interface BesideEvaluation {
  readonly criteria: 'iRECIST';
  readonly result: SubjectResult;
  /** The engine's row of each stored timepoint (by stored timepoint id). */
  readonly rowsByTimepointId: ReadonlyMap<string, TimepointResult>;
}

/** iRECIST from a RECIST 1.1 read's evaluation; null when there is nothing to evaluate yet. */
export function iRecistBeside(evaluation: ReadEvaluation): BesideEvaluation | null {
  if (evaluation.result === null) return null;
  const json = evaluation.conversion.subjectRead;
  if (json.criteria === 'iRECIST') return null;
  const outcome = evaluateInput({ ...json, criteria: 'iRECIST' });
  if (!outcome.ok) return null;
  const rowsByTimepointId = new Map<string, TimepointResult>();
  for (const row of outcome.result.timepoints) {
    const id = evaluation.conversion.timepointIds.get(row.id);
    if (id !== undefined) rowsByTimepointId.set(id, row);
  }
  return { criteria: 'iRECIST', result: outcome.result, rowsByTimepointId };
}
