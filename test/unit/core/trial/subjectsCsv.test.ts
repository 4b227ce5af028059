import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../src/core/trial/csv';
import {
  parseSubjectsCsv,
  subjectsCsvTemplate,
  SUBJECT_COLUMNS,
  type TrialSubjectRow,
} from '../../../../src/core/trial/subjectsCsv';

const HEADER = SUBJECT_COLUMNS.join(',');
/** A file of the template's header and the given lines, LF-separated. */
const file = (...lines: string[]) => [HEADER, ...lines].join('\n') + '\n';

const row = (overrides: Partial<TrialSubjectRow> = {}): TrialSubjectRow => ({
  subjectId: 'S-001',
  site: 'SITE-01',
  enrollmentDate: '2026-01-05',
  treatmentStartDate: '2026-01-12',
  deathDate: null,
  newAnticancerTherapyDate: null,
  ...overrides,
});

describe('parseCsv (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks inside them', () => {
    const records = parseCsv('a,"b,c","say ""hi""","two\nlines"\nnext,row\n');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b,c', 'say "hi"', 'two\nlines'], problem: null },
      // The quoted line break moved the count on: the next record starts on line 3.
      { line: 3, fields: ['next', 'row'], problem: null },
    ]);
  });

  it('takes CRLF, LF and a lone CR as line ends and keeps a quoted CRLF as written', () => {
    const records = parseCsv('a,"x\r\ny"\r\nb\rc\nd');
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['a', 'x\r\ny']],
      [3, ['b']],
      [4, ['c']],
      [5, ['d']], // no line break after the last line: still a record
    ]);
  });

  it('drops a UTF-8 byte order mark and makes no record of the final line break', () => {
    expect(parseCsv('\uFEFFid,site\r\n').map((r) => r.fields)).toEqual([['id', 'site']]);
    expect(parseCsv('')).toEqual([]);
  });

  it('keeps blank lines and empty fields as empty strings (a quoted empty field too)', () => {
    expect(parseCsv('a,,\n\n"",b\n').map((r) => r.fields)).toEqual([['a', '', ''], [''], ['', 'b']]);
  });

  it.each([
    ['an unclosed quote', 'a,b\nc,"d\ne\n', 2, 1, 'opened on line 2 is never closed'],
    ['a quote in the middle of an unquoted field', 'a,b\nc,d"e\n', 2, 1, 'in the middle of a field'],
    ['text after a closing quote', 'a,b\n"c"x,d\n', 2, 0, 'after the closing quote'],
  ])('reports %s on the record it spoils', (_name, text, line, fieldIndex, message) => {
    const bad = parseCsv(text).find((r) => r.problem !== null);
    expect(bad?.line).toBe(line);
    expect(bad?.problem?.fieldIndex).toBe(fieldIndex);
    expect(bad?.problem?.message).toContain(message);
  });
});

describe('parseSubjectsCsv: good files', () => {
  it('reads the template back as one subject without errors', () => {
    const template = subjectsCsvTemplate();
    expect(template.split('\r\n')[0]).toBe(HEADER);
    expect(parseSubjectsCsv(template)).toEqual({
      subjects: [row({ subjectId: 'SUBJ-0001' })],
      errors: [],
    });
  });

  it('matches header names ignoring case, in any order, with optional columns left out', () => {
    const text = 'ENROLLMENTDATE, Site ,subjectid\n2026-01-05,SITE-02,S-007\n';
    expect(parseSubjectsCsv(text)).toEqual({
      subjects: [row({ subjectId: 'S-007', site: 'SITE-02', treatmentStartDate: null })],
      errors: [],
    });
  });

  it('trims values and reads empty optional dates as null', () => {
    const { subjects, errors } = parseSubjectsCsv(file(' S-001 , SITE-01 ,2026-01-05, 2026-01-12 ,  ,'));
    expect(errors).toEqual([]);
    expect(subjects).toEqual([row()]);
  });

  it('reads a BOM, CRLF lines and a quoted site holding a comma, a quote and a line break', () => {
    const text =
      '\uFEFF' +
      [
        HEADER,
        'S-001,"Hôpital ""Nord"", Lille\r\nBâtiment B",2026-01-05,2026-01-12,2026-09-30,2026-06-01',
        'S-002,SITE-01,2026-01-06,,,',
        'S-002,SITE-01,2026-01-06,,,', // the physical line numbers count the quoted line break
      ].join('\r\n') +
      '\r\n';
    const { subjects, errors } = parseSubjectsCsv(text);
    expect(subjects[0]).toEqual(
      row({
        site: 'Hôpital "Nord", Lille\r\nBâtiment B',
        deathDate: '2026-09-30',
        newAnticancerTherapyDate: '2026-06-01',
      }),
    );
    expect(errors).toEqual([
      {
        line: 5,
        column: 'subjectId',
        message: 'The subject ID "S-002" is already on line 4: each subject is on one line',
      },
    ]);
  });

  it('skips blank lines and rows of empty fields (spreadsheet exports), and a trailing empty line', () => {
    const { subjects, errors } = parseSubjectsCsv(
      file('S-001,SITE-01,2026-01-05,2026-01-12,,', '', ',,,,,', 'S-002,SITE-01,2026-01-05,,,') + '\n',
    );
    expect(errors).toEqual([]);
    expect(subjects.map((s) => s.subjectId)).toEqual(['S-001', 'S-002']);
  });

  it('accepts dates on the same day (the rules say "on or after")', () => {
    const sameDay = '2026-01-05';
    const { subjects, errors } = parseSubjectsCsv(
      file(`S-001,SITE-01,${sameDay},${sameDay},${sameDay},${sameDay}`),
    );
    expect(errors).toEqual([]);
    expect(subjects).toHaveLength(1);
  });

  it('returns no subjects and no errors for a header alone', () => {
    expect(parseSubjectsCsv(HEADER)).toEqual({ subjects: [], errors: [] });
  });
});

describe('parseSubjectsCsv: one error per problem, with its line, column and reason', () => {
  // Each case is one line after the header (so on line 2), next to a good line 3 that must survive.
  it.each<[string, string, string | null, string]>([
    ['missing subject ID', ',SITE-01,2026-01-05,,,', 'subjectId', 'The subject ID is missing'],
    ['blank subject ID', '  ,SITE-01,2026-01-05,,,', 'subjectId', 'The subject ID is missing'],
    ['missing site', 'S-001,,2026-01-05,,,', 'site', 'The site is missing'],
    ['missing enrolment date', 'S-001,SITE-01,,,,', 'enrollmentDate', 'The enrolment date is missing'],
    [
      'a date not written YYYY-MM-DD',
      'S-001,SITE-01,05/01/2026,,,',
      'enrollmentDate',
      'The enrolment date "05/01/2026" is not a date written YYYY-MM-DD (for example 2026-01-05)',
    ],
    [
      '29 February of a common year',
      'S-001,SITE-01,2026-01-05,,2026-02-29,',
      'deathDate',
      'The death date "2026-02-29" is not a real calendar date',
    ],
    [
      '29 February 1900 (a century, not a leap year)',
      'S-001,SITE-01,1900-02-29,,,',
      'enrollmentDate',
      'The enrolment date "1900-02-29" is not a real calendar date',
    ],
    [
      '31 April',
      'S-001,SITE-01,2026-01-05,2026-04-31,,',
      'treatmentStartDate',
      'The treatment start date "2026-04-31" is not a real calendar date',
    ],
    [
      'month 13',
      'S-001,SITE-01,2026-01-05,,,2026-13-01',
      'newAnticancerTherapyDate',
      'The new anticancer therapy date "2026-13-01" is not a real calendar date',
    ],
    [
      'death before enrolment (the model chronology rule)',
      'S-001,SITE-01,2026-01-05,,2026-01-04,',
      'deathDate',
      'Death (2026-01-04) is before enrolment (2026-01-05): death must be on or after enrolment',
    ],
    [
      'treatment start before enrolment',
      'S-001,SITE-01,2026-01-05,2026-01-04,,',
      'treatmentStartDate',
      'Treatment start (2026-01-04) is before enrolment (2026-01-05): treatment must start on or after enrolment',
    ],
    [
      'new therapy before treatment start',
      'S-001,SITE-01,2026-01-05,2026-01-12,,2026-01-11',
      'newAnticancerTherapyDate',
      'New anticancer therapy (2026-01-11) starts before the study treatment (2026-01-12): it must start on or after treatment start',
    ],
    [
      'new therapy before enrolment, no treatment start',
      'S-001,SITE-01,2026-01-05,,,2026-01-04',
      'newAnticancerTherapyDate',
      'New anticancer therapy (2026-01-04) starts before enrolment (2026-01-05): it must start on or after enrolment',
    ],
    [
      'death before treatment start',
      'S-001,SITE-01,2026-01-05,2026-01-12,2026-01-10,',
      'deathDate',
      'Death (2026-01-10) is before treatment start (2026-01-12): treatment cannot start after death',
    ],
    [
      'text after the closing quote of a field',
      'S-001,"SITE-01"x,2026-01-05,,,',
      'site',
      'Text after the closing quote of a field',
    ],
    [
      'death before new therapy',
      'S-001,SITE-01,2026-01-05,2026-01-12,2026-03-01,2026-03-02',
      'deathDate',
      'Death (2026-03-01) is before the new anticancer therapy (2026-03-02): therapy cannot start after death',
    ],
    ['too few fields', 'S-001,SITE-01,2026-01-05,,', null, 'This line has 5 fields, the header has 6'],
    ['too many fields', 'S-001,SITE-01,2026-01-05,,,,', null, 'This line has 7 fields, the header has 6'],
    ['one field', 'S-001', null, 'This line has 1 field, the header has 6'],
    [
      'a quote in the middle of a field',
      'S-001,SITE "1",2026-01-05,,,',
      'site',
      'A quote (") in the middle of a field',
    ],
  ])('%s', (_name, badLine, column, message) => {
    const { subjects, errors } = parseSubjectsCsv(file(badLine, 'S-100,SITE-01,2026-02-01,,,'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toEqual({ line: 2, column, message: expect.stringContaining(message) as string });
    expect(subjects.map((s) => s.subjectId)).toEqual(['S-100']);
  });

  it('accepts 29 February of a leap year (2028, and 2000 as a 400th year)', () => {
    const { subjects, errors } = parseSubjectsCsv(
      file('S-001,SITE-01,2028-02-29,,,', 'S-002,SITE-01,2000-02-29,,,', 'S-003,SITE-01,2026-02-28,,,'),
    );
    expect(errors).toEqual([]);
    expect(subjects.map((s) => s.enrollmentDate)).toEqual(['2028-02-29', '2000-02-29', '2026-02-28']);
  });

  it('reports every problem of a line, in column order, each with its own column', () => {
    const { subjects, errors } = parseSubjectsCsv(file(',,2026-02-30,,31/12/2026,'));
    expect(subjects).toEqual([]);
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'subjectId'],
      [2, 'site'],
      [2, 'enrollmentDate'],
      [2, 'deathDate'],
    ]);
  });

  it('names the first line of a duplicate subject ID, and keeps that first line', () => {
    const { subjects, errors } = parseSubjectsCsv(
      file(
        'S-001,SITE-01,2026-01-05,,,',
        'S-002,SITE-01,2026-01-05,,,',
        'S-001,SITE-02,2026-01-07,,,',
        'S-001,,,,,',
      ),
    );
    expect(subjects.map((s) => [s.subjectId, s.site])).toEqual([
      ['S-001', 'SITE-01'],
      ['S-002', 'SITE-01'],
    ]);
    expect(errors).toEqual([
      { line: 4, column: 'subjectId', message: expect.stringContaining('already on line 2') as string },
      { line: 5, column: 'subjectId', message: expect.stringContaining('already on line 2') as string },
      { line: 5, column: 'site', message: 'The site is missing' },
      { line: 5, column: 'enrollmentDate', message: 'The enrolment date is missing' },
    ]);
  });

  it('reports an unclosed quote at the line it opens, naming its column; the lines before it stay good', () => {
    const { subjects, errors } = parseSubjectsCsv(
      file('S-001,SITE-01,2026-01-05,,,', 'S-002,"SITE-01,2026-01-05,,,', 'S-003,SITE-01,2026-01-05,,,'),
    );
    expect(subjects.map((s) => s.subjectId)).toEqual(['S-001']);
    expect(errors).toEqual([
      {
        line: 3,
        column: 'site',
        message: expect.stringContaining('opened on line 3 is never closed') as string,
      },
    ]);
    expect(errors[0]?.message).toContain('lines 3 to 5 would be read as one field');
  });
});

describe('parseSubjectsCsv: the header', () => {
  it.each(['', '\uFEFF', '\r\n'])('an empty file (%j) is one error on line 1', (text) => {
    expect(parseSubjectsCsv(text)).toEqual({
      subjects: [],
      errors: [{ line: 1, column: null, message: `The first line must be the header: ${HEADER}` }],
    });
  });

  it.each<[string, string, { column: string | null; message: string }[]]>([
    [
      'a blank first line',
      '\nS-001,SITE-01,2026-01-05\n',
      [{ column: null, message: expect.any(String) as string }],
    ],
    [
      'unknown columns, each named',
      `${HEADER},Arm,dob\n`,
      [
        {
          column: 'Arm',
          message: expect.stringContaining('Unknown column "Arm": the columns are subjectId,') as string,
        },
        { column: 'dob', message: expect.stringContaining('Unknown column "dob"') as string },
      ],
    ],
    [
      'a misspelt column (British enrolment)',
      'subjectId,site,enrolmentDate\n',
      [
        { column: 'enrolmentDate', message: expect.stringContaining('Unknown column') as string },
        {
          column: 'enrollmentDate',
          message: 'The header has no enrollmentDate column, which every file needs',
        },
      ],
    ],
    [
      'a column twice (names differing in case)',
      'subjectId,site,enrollmentDate,SITE\n',
      [{ column: 'site', message: 'The column site is in the header twice' }],
    ],
    [
      'a column without a name',
      'subjectId,site,enrollmentDate,\n',
      [{ column: '', message: expect.stringContaining('Column 4 of the header has no name') as string }],
    ],
    [
      'an unclosed quote',
      '"subjectId,site,enrollmentDate\nS-001,SITE-01,2026-01-05\n',
      [{ column: null, message: expect.stringContaining('never closed') as string }],
    ],
  ])('%s: errors on line 1, and no line is read', (_name, text, expected) => {
    const { subjects, errors } = parseSubjectsCsv(text + 'S-001,SITE-01,2026-01-05,,,\n');
    expect(subjects).toEqual([]);
    expect(errors).toEqual(expected.map((e) => ({ line: 1, ...e })));
  });
});

describe('parseSubjectsCsv: a file of 500 subjects', () => {
  const lines = Array.from({ length: 500 }, (_, i) => {
    const id = `S-${String(i + 1).padStart(4, '0')}`;
    return `${id},SITE-${String((i % 7) + 1).padStart(2, '0')},2026-01-05,2026-01-12,,`;
  });

  it('reads all 500 in file order', () => {
    const { subjects, errors } = parseSubjectsCsv(file(...lines));
    expect(errors).toEqual([]);
    expect(subjects).toHaveLength(500);
    expect(subjects[0]?.subjectId).toBe('S-0001');
    expect(subjects[499]).toEqual(row({ subjectId: 'S-0500', site: 'SITE-03' }));
  });

  it('reports the bad lines by their line numbers and returns the other 497', () => {
    const withErrors = [...lines];
    withErrors[0] = 'S-0001,SITE-01,2026-02-29,,,'; // line 2
    withErrors[249] = 'S-0001,SITE-01,2026-01-05,,,'; // line 251: duplicates line 2
    withErrors[499] = 'S-0500,SITE-01,2026-01-05,,'; // line 501: a field short
    const { subjects, errors } = parseSubjectsCsv(file(...withErrors));
    expect(subjects).toHaveLength(497);
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'enrollmentDate'],
      [251, 'subjectId'],
      [501, null],
    ]);
    expect(errors[1]?.message).toContain('already on line 2');
  });
});
