/**
 * A trial's subjects imported from a CSV file the admin prepares (issue 11, "Subjects from a CSV").
 * Pure: text in, subjects and errors out; storing them is the caller's work.
 */
import { z } from 'zod';
import { chronologyProblems } from '../model/chronology';
import { isIsoDate } from '../model/dates';
import { parseCsv } from './csv';

/** The file's columns, in the template's order. Header names are matched ignoring case. */
export const SUBJECT_COLUMNS = [
  'subjectId',
  'site',
  'enrollmentDate',
  'treatmentStartDate',
  'deathDate',
  'newAnticancerTherapyDate',
] as const;

export type SubjectColumn = (typeof SUBJECT_COLUMNS)[number];

/**
 * Columns that must be in the header and filled on every line: the subject ID names the subject (and
 * matches its studies), reader assignment goes by site, and blinded screens count study days from
 * enrolment. The other dates are not known for every subject (most are alive, without new therapy,
 * when the trial starts), so their columns may be left out or left empty.
 */
export const REQUIRED_SUBJECT_COLUMNS: readonly SubjectColumn[] = ['subjectId', 'site', 'enrollmentDate'];

const COLUMN_WORDS: Record<SubjectColumn, string> = {
  subjectId: 'subject ID',
  site: 'site',
  enrollmentDate: 'enrolment date',
  treatmentStartDate: 'treatment start date',
  deathDate: 'death date',
  newAnticancerTherapyDate: 'new anticancer therapy date',
};

const ISO_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

function dateMessage(column: SubjectColumn, input: unknown): string {
  const value = JSON.stringify(input);
  return typeof input === 'string' && ISO_SHAPE.test(input)
    ? `The ${COLUMN_WORDS[column]} ${value} is not a real calendar date`
    : `The ${COLUMN_WORDS[column]} ${value} is not a date written YYYY-MM-DD (for example 2026-01-05)`;
}

const requiredText = (column: SubjectColumn) =>
  z
    .string()
    .trim()
    // abort: a missing date is missing, not also "not a date".
    .min(1, { error: `The ${COLUMN_WORDS[column]} is missing`, abort: true });

const requiredDate = (column: SubjectColumn) =>
  requiredText(column).refine(isIsoDate, { error: (issue) => dateMessage(column, issue.input) });

/** An empty cell (or a column left out) is null: the date is not known, or the event has not happened. */
const optionalDate = (column: SubjectColumn) =>
  z
    .string()
    .trim()
    .transform((value) => (value === '' ? null : value))
    .refine((value) => value === null || isIsoDate(value), {
      error: (issue) => dateMessage(column, issue.input),
    });

/** One line of the file as read from it; also checks a subject row coming back from elsewhere. */
export const TrialSubjectRowSchema = z.object({
  subjectId: requiredText('subjectId'),
  site: requiredText('site'),
  enrollmentDate: requiredDate('enrollmentDate'),
  treatmentStartDate: optionalDate('treatmentStartDate'),
  deathDate: optionalDate('deathDate'),
  newAnticancerTherapyDate: optionalDate('newAnticancerTherapyDate'),
});

export type TrialSubjectRow = z.output<typeof TrialSubjectRowSchema>;

export interface SubjectsCsvError {
  /** Physical line of the file, 1-based; the header is line 1. */
  readonly line: number;
  /** The column as SUBJECT_COLUMNS names it (an unknown column: as the header writes it); null for the whole line. */
  readonly column: string | null;
  readonly message: string;
}

export interface SubjectsCsvResult {
  /** The lines without any error, in file order. */
  readonly subjects: TrialSubjectRow[];
  /** Every error, in line order; a line may have more than one. */
  readonly errors: SubjectsCsvError[];
}

/** Pairs of dates where the first must be on or before the second; reported at the second. */
interface OrderRule {
  readonly before: SubjectColumn;
  readonly after: SubjectColumn;
  readonly message: (before: string, after: string) => string;
}

const ORDER_RULES: readonly OrderRule[] = [
  {
    before: 'enrollmentDate',
    after: 'treatmentStartDate',
    message: (enrolment, start) =>
      `Treatment start (${start}) is before enrolment (${enrolment}): treatment must start on or after enrolment`,
  },
  {
    before: 'treatmentStartDate',
    after: 'newAnticancerTherapyDate',
    message: (start, therapy) =>
      `New anticancer therapy (${therapy}) starts before the study treatment (${start}): ` +
      'it must start on or after treatment start',
  },
  {
    before: 'treatmentStartDate',
    after: 'deathDate',
    message: (start, death) =>
      `Death (${death}) is before treatment start (${start}): treatment cannot start after death`,
  },
  {
    before: 'newAnticancerTherapyDate',
    after: 'deathDate',
    message: (therapy, death) =>
      `Death (${death}) is before the new anticancer therapy (${therapy}): therapy cannot start after death`,
  },
];

/** Dates of one valid row that cannot all be true. */
function dateOrderErrors(row: TrialSubjectRow, line: number): SubjectsCsvError[] {
  // Death before enrolment is the model's rule, worded as the app words it everywhere; without scans
  // (none are known at import) its scan rules do not apply.
  const errors: SubjectsCsvError[] = chronologyProblems(row, []).map((problem) => ({
    line,
    column: problem.field,
    message: problem.message,
  }));
  for (const rule of ORDER_RULES) {
    const before = row[rule.before];
    const after = row[rule.after];
    if (before !== null && after !== null && after < before)
      errors.push({ line, column: rule.after, message: rule.message(before, after) });
  }
  // Without a treatment start, new therapy is still after enrolment (with one, the two rules above say it).
  const therapy = row.newAnticancerTherapyDate;
  if (row.treatmentStartDate === null && therapy !== null && therapy < row.enrollmentDate)
    errors.push({
      line,
      column: 'newAnticancerTherapyDate',
      message:
        `New anticancer therapy (${therapy}) starts before enrolment (${row.enrollmentDate}): ` +
        'it must start on or after enrolment',
    });
  return errors;
}

const isColumn = (name: string): name is SubjectColumn =>
  (SUBJECT_COLUMNS as readonly string[]).includes(name);

const COLUMN_BY_LOWER_NAME = new Map<string, SubjectColumn>(SUBJECT_COLUMNS.map((c) => [c.toLowerCase(), c]));

/** The header's columns in file order, or the errors that make the file unreadable. */
function readHeader(fields: readonly string[]): { columns: SubjectColumn[]; errors: SubjectsCsvError[] } {
  const columns: SubjectColumn[] = [];
  const errors: SubjectsCsvError[] = [];
  const expected = `the columns are ${SUBJECT_COLUMNS.join(', ')}`;
  fields.forEach((raw, index) => {
    const name = raw.trim();
    const column = COLUMN_BY_LOWER_NAME.get(name.toLowerCase());
    if (column === undefined) {
      errors.push({
        line: 1,
        column: name,
        message:
          name === ''
            ? `Column ${index + 1} of the header has no name: ${expected}`
            : `Unknown column "${name}": ${expected}`,
      });
    } else if (columns.includes(column)) {
      errors.push({ line: 1, column, message: `The column ${column} is in the header twice` });
    } else {
      columns.push(column);
    }
  });
  for (const column of REQUIRED_SUBJECT_COLUMNS)
    if (!columns.includes(column))
      errors.push({ line: 1, column, message: `The header has no ${column} column, which every file needs` });
  return { columns, errors };
}

const isBlank = (fields: readonly string[]) => fields.every((field) => field.trim() === '');

/**
 * Reads the subjects of a trial from CSV text (the header row first, columns in any order).
 *
 * The good lines come back alongside the errors so that the caller offers the admin the choice the
 * issue asks for: import nothing from a file with errors (the default: `errors.length === 0` before
 * storing `subjects`), or, when the admin chooses it, only its good lines (`subjects`, every line
 * without an error). A line that duplicates an earlier subject ID is a bad line; the earlier line
 * stays good. When the header itself is wrong no line can be trusted, so `subjects` is empty.
 *
 * Lines with only empty fields are skipped (spreadsheets export rows that once held formatting as
 * ",,,,,"). Values are trimmed; an empty optional date is null.
 */
export function parseSubjectsCsv(text: string): SubjectsCsvResult {
  const records = parseCsv(text);
  const header = records[0];
  if (header === undefined || (header.problem === null && isBlank(header.fields)))
    return {
      subjects: [],
      errors: [
        {
          line: 1,
          column: null,
          message: `The first line must be the header: ${SUBJECT_COLUMNS.join(',')}`,
        },
      ],
    };
  if (header.problem !== null)
    return {
      subjects: [],
      errors: [{ line: header.line, column: null, message: `The header has ${header.problem.message}` }],
    };
  const { columns, errors: headerErrors } = readHeader(header.fields);
  if (headerErrors.length > 0) return { subjects: [], errors: headerErrors };

  const subjects: TrialSubjectRow[] = [];
  const errors: SubjectsCsvError[] = [];
  const firstLineOfSubject = new Map<string, number>();

  for (const record of records.slice(1)) {
    const { line, fields, problem } = record;
    if (problem !== null) {
      errors.push({
        line,
        column: columns[problem.fieldIndex] ?? null,
        message: capitalise(problem.message),
      });
      continue;
    }
    if (isBlank(fields)) continue;
    if (fields.length !== columns.length) {
      errors.push({
        line,
        column: null,
        message: `This line has ${fields.length} ${fields.length === 1 ? 'field' : 'fields'}, the header has ${columns.length}`,
      });
      continue;
    }

    const cells: Record<string, string> = {};
    columns.forEach((column, index) => (cells[column] = fields[index] ?? ''));
    const lineErrors: SubjectsCsvError[] = [];

    const subjectId = (cells.subjectId ?? '').trim();
    if (subjectId !== '') {
      const first = firstLineOfSubject.get(subjectId);
      if (first === undefined) firstLineOfSubject.set(subjectId, line);
      else
        lineErrors.push({
          line,
          column: 'subjectId',
          message: `The subject ID "${subjectId}" is already on line ${first}: each subject is on one line`,
        });
    }

    // A column left out of the header reads as an empty cell.
    const parsed = TrialSubjectRowSchema.safeParse(
      Object.fromEntries(SUBJECT_COLUMNS.map((column) => [column, cells[column] ?? ''])),
    );
    if (parsed.success) {
      lineErrors.push(...dateOrderErrors(parsed.data, line));
    } else {
      for (const issue of parsed.error.issues) {
        const column = issue.path[0];
        lineErrors.push({
          line,
          column: typeof column === 'string' && isColumn(column) ? column : null,
          message: issue.message,
        });
      }
    }

    if (lineErrors.length === 0 && parsed.success) subjects.push(parsed.data);
    else errors.push(...sortByColumn(lineErrors));
  }
  return { subjects, errors };
}

/** A line's errors in the template's column order, whatever order they were found in. */
function sortByColumn(errors: SubjectsCsvError[]): SubjectsCsvError[] {
  const rank = (column: string | null) =>
    column !== null && isColumn(column) ? SUBJECT_COLUMNS.indexOf(column) : -1;
  return [...errors].sort((a, b) => rank(a.column) - rank(b.column));
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The file offered by "Download a template": the header and one example subject, CRLF as RFC 4180 writes. */
export function subjectsCsvTemplate(): string {
  const example: Record<SubjectColumn, string> = {
    subjectId: 'SUBJ-0001',
    site: 'SITE-01',
    enrollmentDate: '2026-01-05',
    treatmentStartDate: '2026-01-12',
    deathDate: '',
    newAnticancerTherapyDate: '',
  };
  return `${SUBJECT_COLUMNS.join(',')}\r\n${SUBJECT_COLUMNS.map((column) => example[column]).join(',')}\r\n`;
}
