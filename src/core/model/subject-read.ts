/**
 * One subject's read (one reader), in the shape of ../shared/contracts/recist-case.md: what the
 * `evaluate` command takes and what the app stores. Extra fields are allowed and dropped on parsing.
 * Error messages are written for the person who has to fix the file: each names what was expected and
 * what was found; the field path is added by `parseSubjectRead`.
 */
import { z } from 'zod';
import { chronologyProblems } from './chronology';
import { isIsoDate } from './dates';

/** Short, readable rendering of a bad value for an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  return String(value);
}

function oneOf(values: readonly string[]): string {
  const quoted = values.map((v) => JSON.stringify(v));
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}` : (quoted[0] ?? '');
}

/** An unknown word reads `unknown status "gone"` (the contract's wording); `listChoices` appends the
 *  allowed words where the list is short and fixed enough to help (criteria, kind). */
function enumOf<const T extends readonly [string, ...string[]]>(
  values: T,
  what: string,
  listChoices = false,
) {
  return z.enum(values, {
    error: (iss) =>
      typeof iss.input === 'string'
        ? `unknown ${what} ${describeValue(iss.input)}${listChoices ? ` (expected ${oneOf(values)})` : ''}`
        : `expected ${what} ${oneOf(values)}, got ${describeValue(iss.input)}`,
  });
}

export const IsoDateSchema = z
  .string({ error: (iss) => `expected a date YYYY-MM-DD, got ${describeValue(iss.input)}` })
  .refine(isIsoDate, { error: (iss) => `expected a date YYYY-MM-DD, got ${describeValue(iss.input)}` });

const text = (what: string) =>
  z
    .string({ error: (iss) => `expected ${what} (text), got ${describeValue(iss.input)}` })
    .min(1, { error: `${what} must not be empty` });

const sizeMm = (what: string) =>
  z
    .number({ error: (iss) => `expected ${what} in mm (a number >= 0), got ${describeValue(iss.input)}` })
    .nonnegative({
      error: (iss) => `expected ${what} in mm (a number >= 0), got ${describeValue(iss.input)}`,
    });

export const CRITERIA = ['RECIST1.1', 'iRECIST'] as const;
export const CriteriaSchema = enumOf(CRITERIA, 'criteria', true);
export type Criteria = z.output<typeof CriteriaSchema>;

const wholeDays = (what: string) =>
  z
    .number({ error: (iss) => `expected ${what} as whole days >= 0, got ${describeValue(iss.input)}` })
    .int({ error: (iss) => `expected ${what} as whole days >= 0, got ${describeValue(iss.input)}` })
    .nonnegative({ error: (iss) => `expected ${what} as whole days >= 0, got ${describeValue(iss.input)}` });

export const OptionsSchema = z.object({
  confirmationRequired: z
    .boolean({ error: (iss) => `expected true or false, got ${describeValue(iss.input)}` })
    .default(true),
  confirmationMinDays: wholeDays('confirmationMinDays').default(28),
  sdMinDays: wholeDays('sdMinDays').default(42),
  tooSmallMm: sizeMm('tooSmallMm').default(5),
});
export type Options = z.output<typeof OptionsSchema>;
export const DEFAULT_OPTIONS: Options = OptionsSchema.parse({});

export const SubjectSchema = z.object({
  id: text('a subject id'),
  enrollmentDate: IsoDateSchema,
  deathDate: IsoDateSchema.nullable().default(null),
  newAnticancerTherapyDate: IsoDateSchema.nullable().default(null),
});
export type Subject = z.output<typeof SubjectSchema>;

export const LESION_KINDS = ['target', 'non-target'] as const;
export const LesionSchema = z.object({
  id: text('a lesion id'),
  kind: enumOf(LESION_KINDS, 'kind', true),
  organ: text('an organ'),
  nodal: z.boolean({
    error: (iss) => `expected true (lymph node) or false, got ${describeValue(iss.input)}`,
  }),
});
export type Lesion = z.output<typeof LesionSchema>;

export const MEASUREMENT_STATUSES = ['too-small', 'absent', 'merged', 'not-evaluated'] as const;
export type MeasurementStatus = (typeof MEASUREMENT_STATUSES)[number];

/** A target's measurement at one timepoint. `mm` is the longest diameter (short axis for a node);
 *  for a split lesion, the sum of its fragments. */
// A size and a status together contradict each other: each variant refuses the other's key, so such an
// entry is reported instead of silently keeping one of the two.
const noStatus = z.undefined().optional();
const noMm = z.undefined().optional();
const sliceThickness = z
  .number({ error: (iss) => `expected a slice thickness in mm (> 0), got ${describeValue(iss.input)}` })
  .positive({ error: (iss) => `expected a slice thickness in mm (> 0), got ${describeValue(iss.input)}` });
export const MeasurementSchema = z.union(
  [
    // `sliceThicknessMm`: the series this size was measured on, for the 2 x slice thickness rule at
    // baseline; without it the timepoint's applies.
    z.object({ mm: sizeMm('a size'), status: noStatus, sliceThicknessMm: sliceThickness.optional() }),
    z.object({ status: z.literal('too-small'), mm: noMm }),
    z.object({ status: z.literal('absent'), mm: noMm }),
    z.object({ status: z.literal('merged'), into: text('"into" (the lesion it merged into)'), mm: noMm }),
    z.object({ status: z.literal('not-evaluated'), mm: noMm }),
  ],
  { error: (iss) => measurementProblem(iss.input) },
);
export type Measurement = z.output<typeof MeasurementSchema>;

function measurementProblem(input: unknown): string {
  const expected = `{ "mm": n } or { "status": ${oneOf(MEASUREMENT_STATUSES)} }`;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return `expected a measurement ${expected}, got ${describeValue(input)}`;
  }
  const record = input as Record<string, unknown>;
  if ('status' in record && 'mm' in record) return 'give either "mm" or "status", not both';
  if ('status' in record) {
    const status = record.status;
    if (typeof status !== 'string') return `expected a status word, got ${describeValue(status)}`;
    if (!(MEASUREMENT_STATUSES as readonly string[]).includes(status)) {
      return `unknown status ${describeValue(status)}`;
    }
    if (status === 'merged') return `"merged" needs "into": the id of the lesion it merged into`;
  } else if ('mm' in record && !sizeMm('a size').safeParse(record.mm).success) {
    return `expected "mm" to be a size in mm (a number >= 0), got ${describeValue(record.mm)}`;
  } else if ('sliceThicknessMm' in record) {
    return `expected "sliceThicknessMm" to be a slice thickness in mm (> 0), got ${describeValue(record.sliceThicknessMm)}`;
  }
  return `expected a measurement ${expected}`;
}

export const NON_TARGET_STATUSES = ['present', 'absent', 'unequivocal-progression', 'not-evaluated'] as const;
export const NonTargetStatusSchema = enumOf(NON_TARGET_STATUSES, 'status');
export type NonTargetStatus = z.output<typeof NonTargetStatusSchema>;

export const NEW_LESION_STATUSES = [
  'equivocal',
  'unequivocal',
  'increased',
  'absent',
  'not-evaluated',
] as const;
export type NewLesionStatus = (typeof NEW_LESION_STATUSES)[number];
/** The statuses that say something about a lesion already seen: they cannot introduce one. */
export const LATER_NEW_LESION_STATUSES: readonly NewLesionStatus[] = ['increased', 'absent', 'not-evaluated'];

export const NewLesionSchema = z
  .object({
    id: text('a lesion id'),
    organ: text('an organ'),
    status: enumOf(NEW_LESION_STATUSES, 'status'),
    mm: sizeMm('a size').optional(),
    nodal: z
      .boolean({ error: (iss) => `expected true (lymph node) or false, got ${describeValue(iss.input)}` })
      .default(false),
    /** The series `mm` was measured on (2 x slice thickness rule); without it the timepoint's applies. */
    sliceThicknessMm: sliceThickness.optional(),
  })
  .superRefine((l, ctx) => {
    if (l.mm !== undefined && (l.status === 'absent' || l.status === 'not-evaluated'))
      ctx.addIssue({
        code: 'custom',
        path: ['mm'],
        message: `a new lesion recorded as "${l.status}" has no size`,
      });
  });
export type NewLesion = z.output<typeof NewLesionSchema>;

const listOf = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item, { error: (iss) => `expected a list of ${what}, got ${describeValue(iss.input)}` });
const mapOf = <T extends z.ZodType>(value: T, what: string) =>
  z.record(z.string(), value, {
    error: (iss) => `expected an object of ${what} by lesion id, got ${describeValue(iss.input)}`,
  });

export const TimepointSchema = z.object({
  id: text('a timepoint id'),
  date: IsoDateSchema,
  sliceThicknessMm: z
    .number({ error: (iss) => `expected a slice thickness in mm (> 0), got ${describeValue(iss.input)}` })
    .positive({ error: (iss) => `expected a slice thickness in mm (> 0), got ${describeValue(iss.input)}` })
    .nullable()
    .default(null),
  measurements: mapOf(MeasurementSchema, 'measurements').default({}),
  nonTarget: mapOf(NonTargetStatusSchema, 'non-target statuses').default({}),
  newLesions: listOf(NewLesionSchema, 'new lesions').default([]),
});
export type Timepoint = z.output<typeof TimepointSchema>;

function reportDuplicates(
  ctx: z.core.$RefinementCtx,
  items: readonly { readonly id: string }[],
  path: readonly (string | number)[],
  what: string,
): void {
  const seen = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    const id = items[i]!.id;
    if (seen.has(id))
      ctx.addIssue({ code: 'custom', path: [...path, i, 'id'], message: `duplicate ${what} "${id}"` });
    seen.add(id);
  }
}

function objectOf<T extends z.ZodRawShape>(shape: T) {
  return z.object(shape, { error: (iss) => `expected an object, got ${describeValue(iss.input)}` });
}

export const SubjectReadSchema = objectOf({
  criteria: CriteriaSchema,
  options: OptionsSchema.prefault({}),
  subject: SubjectSchema,
  lesions: listOf(LesionSchema, 'lesions'),
  timepoints: listOf(TimepointSchema, 'timepoints').min(1, {
    error: 'at least one timepoint (the baseline) is required',
  }),
}).superRefine((read, ctx) => {
  // Ids are how lesions and timepoints are referred to: a repeated one makes the read ambiguous.
  reportDuplicates(ctx, read.lesions, ['lesions'], 'lesion id');
  reportDuplicates(ctx, read.timepoints, ['timepoints'], 'timepoint id');
  const seen = new Set<string>();
  for (let t = 0; t < read.timepoints.length; t++) {
    const { id: timepointId, newLesions } = read.timepoints[t]!;
    if (newLesions.length > 1) {
      reportDuplicates(ctx, newLesions, ['timepoints', t, 'newLesions'], 'new lesion id in this timepoint');
    }
    // "absent", "not-evaluated" and "increased" compare with an earlier sighting: without one they
    // would make a lesion up (or, for "increased", a progression with nothing to grow from).
    newLesions.forEach((l, i) => {
      if (LATER_NEW_LESION_STATUSES.includes(l.status) && !seen.has(l.id))
        ctx.addIssue({
          code: 'custom',
          path: ['timepoints', t, 'newLesions', i, 'status'],
          message: `"${l.status}" is only for a new lesion seen at an earlier timepoint, and ${l.id} is not listed before ${timepointId}`,
        });
    });
    for (const l of newLesions) seen.add(l.id);
  }
  // Dates no subject can have (death before enrolment...) would give results like a negative PFS.
  const scanDates = read.timepoints.map((tp) => tp.date);
  for (const problem of chronologyProblems(read.subject, scanDates))
    ctx.addIssue({ code: 'custom', path: ['subject', problem.field], message: problem.message });
});
export type SubjectRead = z.output<typeof SubjectReadSchema>;
/** What a caller may pass in: optional fields may be left out (defaults apply). */
export type SubjectReadInput = z.input<typeof SubjectReadSchema>;
