/**
 * The live RECIST panel's data: a stored read converted to the subject-read JSON and run through the
 * engine, with the engine's ids (labels, visit names) mapped back to the stored records. The panel shows
 * `result` as it is, so it always agrees with `npm run cli -- evaluate` on the exported JSON.
 */
import {
  chronologyProblems,
  formatValidationError,
  parseSubjectRead,
  type SubjectResult,
  type TimepointResult,
} from '../model';
import type { Violation } from '../model';
import { checkRead, evaluateSubject, pendingConfirmation, type PendingConfirmation } from '../recist';
import { ReadingError } from './errors';
import {
  toSubjectRead,
  type ConversionOptions,
  type ReadSnapshot,
  type SubjectReadConversion,
  type SubjectReadJson,
} from './subjectRead';

export interface ReadEvaluation {
  readonly conversion: SubjectReadConversion;
  /** null only when there is nothing to evaluate yet (no dated timepoint). */
  readonly result: SubjectResult | null;
  /** The engine's row of each stored timepoint (by stored timepoint id). */
  readonly rowsByTimepointId: ReadonlyMap<string, TimepointResult>;
  /** The violations that name a lesion, by stored lesion id: shown at the lesion. */
  readonly violationsByLesionId: ReadonlyMap<string, readonly Violation[]>;
  /** A response met that a later scan could still confirm (and from which date). */
  readonly pendingConfirmation: PendingConfirmation | null;
}

/** Dates that cannot all be true (a scan imported after the recorded death...): the engine refuses
 *  them, so the panel shows why there are no responses (toSubjectRead lists them) instead of failing. */
function hasImpossibleDates(json: SubjectReadJson): boolean {
  return (
    chronologyProblems(
      json.subject,
      json.timepoints.map((t) => t.date),
    ).length > 0
  );
}

function parseOrFail(json: SubjectReadJson) {
  if (hasImpossibleDates(json))
    throw new ReadingError(
      'INVALID',
      chronologyProblems(
        json.subject,
        json.timepoints.map((t) => t.date),
      )
        .map((p) => p.message)
        .join('; '),
    );
  const parsed = parseSubjectRead(json);
  if (!parsed.ok)
    // toSubjectRead writes the contract; a schema error here is a bug in the conversion, not user input.
    throw new ReadingError(
      'INVALID',
      `the converted read does not match the contract: ${parsed.errors.map(formatValidationError).join('; ')}`,
    );
  return parsed.read;
}

export function evaluateRead(snapshot: ReadSnapshot, options: ConversionOptions = {}): ReadEvaluation {
  const conversion = toSubjectRead(snapshot, options);
  // Nothing to evaluate yet, or dates no subject can have (the panel shows the date problem instead).
  if (conversion.subjectRead.timepoints.length === 0 || hasImpossibleDates(conversion.subjectRead))
    return {
      conversion,
      result: null,
      rowsByTimepointId: new Map(),
      violationsByLesionId: new Map(),
      pendingConfirmation: null,
    };
  const read = parseOrFail(conversion.subjectRead);
  const result = evaluateSubject(read);
  const rowsByTimepointId = new Map<string, TimepointResult>();
  for (const row of result.timepoints) {
    const id = conversion.timepointIds.get(row.id);
    if (id !== undefined) rowsByTimepointId.set(id, row);
  }
  const violationsByLesionId = new Map<string, Violation[]>();
  for (const violation of result.violations)
    for (const label of violation.lesionIds) {
      const id = conversion.lesionIds.get(label);
      if (id === undefined) continue;
      const list = violationsByLesionId.get(id) ?? [];
      list.push(violation);
      violationsByLesionId.set(id, list);
    }
  return {
    conversion,
    result,
    rowsByTimepointId,
    violationsByLesionId,
    pendingConfirmation: pendingConfirmation(read, result),
  };
}

/** The engine's checks of a converted read (signing uses them): selection rules and record checks. */
export function readViolations(json: SubjectReadJson): Violation[] {
  return json.timepoints.length === 0 ? [] : checkRead(parseOrFail(json));
}
