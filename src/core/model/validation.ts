/**
 * Turns unknown input (parsed JSON, a stored record) into a SubjectRead, or into messages that name the
 * field exactly as the contract writes it: `timepoints[1].measurements.T1: unknown status "gone"`.
 */
import type { z } from 'zod';
import { describeValue, SubjectReadSchema, type SubjectRead } from './subject-read';

export interface ValidationError {
  /** Field path in the contract's notation, e.g. `timepoints[1].measurements.T1` ('' for the whole read). */
  readonly path: string;
  readonly message: string;
}

export type ParseResult =
  | { readonly ok: true; readonly read: SubjectRead }
  | { readonly ok: false; readonly errors: readonly ValidationError[] };

const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;

/** `['timepoints', 1, 'measurements', 'T1']` -> `timepoints[1].measurements.T1`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && PLAIN_KEY.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** Fallback wording for the checks that carry no message of their own (mostly a missing field). */
const errorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    return issue.input === undefined
      ? `missing (expected ${issue.expected})`
      : `expected ${issue.expected}, got ${describeValue(issue.input)}`;
  }
  return undefined;
};

const GOT_NOTHING = ', got nothing';

function fixMissing(issue: z.core.$ZodIssue): string {
  // Field-specific messages end in "got nothing" for an absent field; "missing: ..." reads better.
  return issue.message.endsWith(GOT_NOTHING)
    ? `missing: ${issue.message.slice(0, -GOT_NOTHING.length)}`
    : issue.message;
}

export function toValidationErrors(error: z.core.$ZodError): ValidationError[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: fixMissing(issue) }));
}

/** One line per problem, `path: message`. */
export function formatValidationError(error: ValidationError): string {
  return error.path === '' ? error.message : `${error.path}: ${error.message}`;
}

export function parseSubjectRead(input: unknown): ParseResult {
  const parsed = SubjectReadSchema.safeParse(input, { error: errorMap });
  return parsed.success
    ? { ok: true, read: parsed.data }
    : { ok: false, errors: toValidationErrors(parsed.error) };
}
