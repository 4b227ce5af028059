/**
 * A CSV reader after RFC 4180: fields separated by commas, a field in double quotes may hold commas,
 * line breaks and quotes written twice (""); lines end in CRLF or LF (a lone CR, as old Mac files
 * write, also ends a line). A UTF-8 byte order mark at the start (Excel writes one) is dropped.
 *
 * It never throws: a malformed quote is reported on the record it spoils, with the physical line the
 * record starts on, so the caller can tell the file's author which line to fix.
 */

export interface CsvProblem {
  /** Index of the field where the problem is (0 = first field of the record). */
  readonly fieldIndex: number;
  readonly message: string;
}

export interface CsvRecord {
  /** Physical line (1-based) the record starts on; a record with a quoted line break spans more lines. */
  readonly line: number;
  readonly fields: readonly string[];
  /** Set when a quote is malformed: the fields are then not to be trusted. */
  readonly problem: CsvProblem | null;
}

const QUOTE_IN_FIELD =
  'a quote (") in the middle of a field: a field that holds a quote must start and end with a quote, ' +
  'and each quote inside it is written twice ("")';
const TEXT_AFTER_QUOTE =
  'text after the closing quote of a field: a quoted field must end at its closing quote, and a quote ' +
  'inside it is written twice ("")';

/**
 * Every record of `text`, blank lines included (as one empty field) so that the caller decides what
 * they mean; the line break at the end of the last line does not start another record.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let line = 1;
  let recordLine = 1;
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let fieldWasQuoted = false;
  let quoteLine = 1;
  let problem: CsvProblem | null = null;

  const endField = () => {
    fields.push(field);
    field = '';
    fieldWasQuoted = false;
  };
  const endRecord = () => {
    endField();
    records.push({ line: recordLine, fields, problem });
    fields = [];
    problem = null;
  };

  let i = 0;
  while (i < source.length) {
    const c = source[i];
    const crlf = c === '\r' && source[i + 1] === '\n';
    if (inQuotes) {
      if (c === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i += 2;
        } else {
          inQuotes = false;
          i += 1;
        }
        continue;
      }
      if (c === '\n' || c === '\r') {
        // A line break inside quotes belongs to the field, and still moves the line count on.
        field += crlf ? '\r\n' : c;
        i += crlf ? 2 : 1;
        line += 1;
        continue;
      }
      field += c;
      i += 1;
      continue;
    }
    if (c === ',') {
      endField();
      i += 1;
      continue;
    }
    if (c === '\n' || c === '\r') {
      endRecord();
      i += crlf ? 2 : 1;
      line += 1;
      recordLine = line;
      continue;
    }
    if (c === '"' && field === '' && !fieldWasQuoted) {
      inQuotes = true;
      fieldWasQuoted = true;
      quoteLine = line;
      i += 1;
      continue;
    }
    // Anything else after a closing quote, or a quote in an unquoted field, is not RFC 4180: kept as
    // text, and the record is reported so that the file's author fixes it rather than guessed at.
    if (fieldWasQuoted) problem ??= { fieldIndex: fields.length, message: TEXT_AFTER_QUOTE };
    else if (c === '"') problem ??= { fieldIndex: fields.length, message: QUOTE_IN_FIELD };
    field += c;
    i += 1;
  }

  if (inQuotes) {
    const spans = line > quoteLine ? ` (lines ${quoteLine} to ${line} would be read as one field)` : '';
    problem = {
      fieldIndex: fields.length,
      message:
        `a quote (") opened on line ${quoteLine} is never closed, so everything after it to the end of ` +
        `the file would be read as one field${spans}`,
    };
    endRecord();
  } else if (fields.length > 0 || field !== '' || fieldWasQuoted) {
    endRecord(); // The last line has no line break after it.
  }
  return records;
}
