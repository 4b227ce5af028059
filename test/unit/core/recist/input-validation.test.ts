import { describe, expect, it } from 'vitest';
import { formatValidationError, parseSubjectRead } from '../../../../src/core/model';

function valid(): Record<string, unknown> {
  return {
    criteria: 'RECIST1.1',
    subject: { id: 'S1', enrollmentDate: '2026-01-05' },
    lesions: [
      { id: 'T1', kind: 'target', organ: 'liver', nodal: false },
      { id: 'NT1', kind: 'non-target', organ: 'bone', nodal: false },
    ],
    timepoints: [
      { id: 'BL', date: '2026-01-02', measurements: { T1: { mm: 32 } }, nonTarget: { NT1: 'present' } },
      { id: 'W8', date: '2026-03-01', measurements: { T1: { mm: 20 } }, nonTarget: { NT1: 'present' } },
    ],
  };
}

type Mutation = (r: any) => void; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests poke arbitrary JSON

const cases: [string, Mutation, string][] = [
  [
    'unknown measurement status',
    (r) => (r.timepoints[1].measurements.T1 = { status: 'gone' }),
    'timepoints[1].measurements.T1: unknown status "gone"',
  ],
  [
    'unknown non-target status',
    (r) => (r.timepoints[1].nonTarget.NT1 = 'smaller'),
    'timepoints[1].nonTarget.NT1: unknown status "smaller"',
  ],
  [
    'merged without "into"',
    (r) => (r.timepoints[1].measurements.T1 = { status: 'merged' }),
    'timepoints[1].measurements.T1: "merged" needs "into": the id of the lesion it merged into',
  ],
  [
    'size and status together',
    (r) => (r.timepoints[1].measurements.T1 = { mm: 4, status: 'absent' }),
    'timepoints[1].measurements.T1: give either "mm" or "status", not both',
  ],
  [
    'size as text',
    (r) => (r.timepoints[1].measurements.T1 = { mm: '12' }),
    'timepoints[1].measurements.T1: expected "mm" to be a size in mm (a number >= 0), got "12"',
  ],
  [
    'negative size',
    (r) => (r.timepoints[1].measurements.T1 = { mm: -1 }),
    'timepoints[1].measurements.T1.mm: expected a size in mm (a number >= 0), got -1',
  ],
  [
    'measurement not an object',
    (r) => (r.timepoints[1].measurements.T1 = 12),
    'timepoints[1].measurements.T1: expected a measurement { "mm": n } or { "status": "too-small", "absent", "merged" or "not-evaluated" }, got 12',
  ],
  [
    'unknown criteria',
    (r) => (r.criteria = 'RECIST1.0'),
    'criteria: unknown criteria "RECIST1.0" (expected "RECIST1.1" or "iRECIST")',
  ],
  [
    'missing criteria',
    (r) => delete r.criteria,
    'criteria: missing: expected criteria "RECIST1.1" or "iRECIST"',
  ],
  [
    'impossible date',
    (r) => (r.timepoints[0].date = '2026-02-30'),
    'timepoints[0].date: expected a date YYYY-MM-DD, got "2026-02-30"',
  ],
  [
    'date in another format',
    (r) => (r.subject.enrollmentDate = '05/01/2026'),
    'subject.enrollmentDate: expected a date YYYY-MM-DD, got "05/01/2026"',
  ],
  ['missing subject id', (r) => delete r.subject.id, 'subject.id: missing: expected a subject id (text)'],
  [
    'missing nodal flag',
    (r) => delete r.lesions[0].nodal,
    'lesions[0].nodal: missing: expected true (lymph node) or false',
  ],
  [
    'unknown lesion kind',
    (r) => (r.lesions[1].kind = 'nontarget'),
    'lesions[1].kind: unknown kind "nontarget" (expected "target" or "non-target")',
  ],
  [
    'duplicate lesion id',
    (r) => r.lesions.push({ id: 'T1', kind: 'target', organ: 'lung', nodal: false }),
    'lesions[2].id: duplicate lesion id "T1"',
  ],
  [
    'duplicate timepoint id',
    (r) => (r.timepoints[1].id = 'BL'),
    'timepoints[1].id: duplicate timepoint id "BL"',
  ],
  [
    'new lesion status',
    (r) => (r.timepoints[1].newLesions = [{ id: 'N1', organ: 'liver', status: 'probable' }]),
    'timepoints[1].newLesions[0].status: unknown status "probable"',
  ],
  [
    'no timepoints',
    (r) => (r.timepoints = []),
    'timepoints: at least one timepoint (the baseline) is required',
  ],
  [
    'fractional option days',
    (r) => (r.options = { sdMinDays: 4.5 }),
    'options.sdMinDays: expected sdMinDays as whole days >= 0, got 4.5',
  ],
  [
    'option of the wrong type',
    (r) => (r.options = { confirmationRequired: 'yes' }),
    'options.confirmationRequired: expected true or false, got "yes"',
  ],
  [
    'lesion id with a space is quoted in the path',
    (r) => (r.timepoints[1].measurements['T 1'] = { status: 'gone' }),
    'timepoints[1].measurements["T 1"]: unknown status "gone"',
  ],
];

describe('input validation names the field exactly as the contract writes it', () => {
  it.each(cases)('%s', (_name, mutate, message) => {
    const input = valid();
    mutate(input);
    const result = parseSubjectRead(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(formatValidationError(result.errors[0]!)).toBe(message);
  });

  it('rejects a list or a bare value in place of the read', () => {
    for (const input of [[], 'x', 3, null]) {
      const result = parseSubjectRead(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(formatValidationError(result.errors[0]!)).toMatch(/^expected an object, got /);
    }
  });

  it('accepts the valid read, ignores extra fields and applies the contract defaults', () => {
    const input = valid();
    (input.subject as Record<string, unknown>).site = 'Leiden';
    const result = parseSubjectRead(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.read.options).toEqual({
      confirmationRequired: true,
      confirmationMinDays: 28,
      sdMinDays: 42,
      tooSmallMm: 5,
    });
    expect(result.read.subject).toEqual({
      id: 'S1',
      enrollmentDate: '2026-01-05',
      deathDate: null,
      newAnticancerTherapyDate: null,
    });
    expect(result.read.timepoints[1]!.newLesions).toEqual([]);
    expect(result.read.timepoints[1]!.sliceThicknessMm).toBeNull();
  });

  it('keeps the options given and defaults the others', () => {
    const input = valid();
    input.options = { confirmationRequired: false, tooSmallMm: 4 };
    const result = parseSubjectRead(input);
    expect(result.ok && result.read.options).toEqual({
      confirmationRequired: false,
      confirmationMinDays: 28,
      sdMinDays: 42,
      tooSmallMm: 4,
    });
  });
});
