/**
 * The read model: what a reader creates while reading a subject, as zod schemas and inferred types.
 * Stored by the Dexie repositories in renderer/db; everything RECIST-derived (sums, responses) is
 * computed from it, never stored.
 *
 * Sizes: every stored diameter is in millimetres rounded to 0.1 mm, the precision radiologists read
 * and the CRF records. All arithmetic on sizes (fragment sums) is done in integer tenths of a mm (see
 * size.ts), so a sum is exact and the engine's exact percentage boundaries (-30 %, +20 % / +5 mm) see
 * the same numbers the panel shows. Annotation geometry is kept unrounded, in world (patient) mm.
 */
import { z } from 'zod';
import { readerMessage } from './errors';
import { ReaderAssignmentSchema } from '../trial/worklist';

export const isoDate = z.iso.date();
export const isoDateTime = z.iso.datetime();
export const entityId = z.string().min(1).max(200);
/** A DICOM UID: digits and dots, at most 64 characters (PS3.5 9.1). */
export const dicomUid = z
  .string()
  .max(64)
  .regex(/^(0|[1-9]\d*)(\.(0|[1-9]\d*))*$/, 'not a DICOM UID (digits and dots, no leading zeros)');

/** Text the reader types: the messages name the field as the form labels it. */
const nonBlank = (max: number, field: string, whenEmpty: string) =>
  z
    .string()
    .trim()
    .min(1, readerMessage(whenEmpty))
    .max(max, readerMessage(`${field} can be at most ${max} characters`));

/** A date the reader picks (a subject's dates). */
const readerDate = (field: string) =>
  z.iso.date(readerMessage(`${field}: enter a real calendar date (year, month and day)`));

/** A diameter in mm, rounded to 0.1 mm (see the file comment). */
export const tenthMm = z
  .number()
  .finite()
  .nonnegative()
  .max(2000)
  .refine((mm) => Math.abs(mm * 10 - Math.round(mm * 10)) < 1e-6, 'must be rounded to 0.1 mm');

// ---------------------------------------------------------------------------------------------------
// Readers, subjects, timepoints, reads

/** BICR pairs two independent reads of every subject: reader 1 and reader 2. */
export const readerNumber = z.union([z.literal(1), z.literal(2)], {
  error: readerMessage('A BICR reader is reader 1 or reader 2'),
});
export type ReaderNumber = z.infer<typeof readerNumber>;

export const readerRoles = ['site-radiologist', 'bicr-reader', 'adjudicator'] as const;
/** Every account role: readers read; an admin manages accounts and settings, never reads. */
export const accountRoles = [...readerRoles, 'admin'] as const;
export type AccountRole = (typeof accountRoles)[number];
export const ReaderSchema = z.strictObject({
  id: entityId,
  name: nonBlank(200, 'Your name', 'Enter your name'),
  role: z.enum(accountRoles),
  /** Accounts are never deleted (the audit trail names them): a disabled one cannot sign in. */
  disabled: z.boolean().default(false),
  /** A BICR reader is reader 1 or reader 2 of the trial's paired reads; null for every other role. */
  readerNumber: readerNumber.nullable().default(null),
  /** Which subjects the account reads (all, a site, a list): the worklist and startRead follow it. */
  assignment: ReaderAssignmentSchema.default({ kind: 'all' }),
  createdAt: isoDateTime,
});
export type Reader = z.infer<typeof ReaderSchema>;

export const SubjectSchema = z.strictObject({
  id: entityId,
  /** The trial subject id; defaults to the first DICOM Patient ID grouped into the subject. */
  label: nonBlank(100, 'Subject ID', 'Enter a subject ID'),
  /** DICOM Patient IDs whose newly imported studies are routed to this subject (unique across subjects). */
  patientIds: z.array(z.string()).refine((ids) => new Set(ids).size === ids.length, 'duplicate Patient ID'),
  /** The trial site the subject was enrolled at (from the trial's subject list); null outside a trial. */
  site: z.string().trim().min(1).max(100).nullable().default(null),
  enrollmentDate: readerDate('Enrolment').nullable(),
  /** Day 0 of the visit schedule; the baseline scan must fall in the protocol's window before it. */
  treatmentStartDate: readerDate('Treatment start').nullable().default(null),
  deathDate: readerDate('Death').nullable(),
  newAnticancerTherapyDate: readerDate('New therapy').nullable(),
  createdAt: isoDateTime,
});
export type Subject = z.infer<typeof SubjectSchema>;

/** A study as a timepoint holds it: enough to date the timepoint without the DICOM index. */
export const TimepointStudySchema = z.strictObject({
  studyInstanceUid: dicomUid,
  patientId: z.string(),
  studyDate: isoDate.nullable(),
});
export type TimepointStudy = z.infer<typeof TimepointStudySchema>;

export const TimepointSchema = z.strictObject({
  id: entityId,
  subjectId: entityId,
  visitName: nonBlank(100, 'Visit name', 'Enter a visit name'),
  /** The imaging studies of this visit. The scan date is derived from them (timepointScanDate). */
  studies: z.array(TimepointStudySchema),
  createdAt: isoDateTime,
});
export type Timepoint = z.infer<typeof TimepointSchema>;

export const criteriaValues = ['RECIST1.1', 'iRECIST'] as const;
export type Criteria = (typeof criteriaValues)[number];

/** The engine's options, with the contract's defaults (shared/contracts/recist-case.md). */
export const ReadOptionsSchema = z.strictObject({
  confirmationRequired: z.boolean().default(true),
  confirmationMinDays: z.int().nonnegative().max(3650).default(28),
  sdMinDays: z.int().nonnegative().max(3650).default(42),
  tooSmallMm: tenthMm.default(5),
});
export type ReadOptions = z.infer<typeof ReadOptionsSchema>;
export const defaultReadOptions: ReadOptions = ReadOptionsSchema.parse({});

export const ReadSchema = z.strictObject({
  id: entityId,
  subjectId: entityId,
  readerId: entityId,
  criteria: z.enum(criteriaValues),
  options: ReadOptionsSchema,
  /**
   * Fixed when the read starts: later images never change which visit is the baseline (they wait in
   * the subject's "new images" list). null only for reads started before this rule existed.
   */
  baselineTimepointId: entityId.nullable().default(null),
  /** The reader's role and BICR number when the read started: exports and agreement figures name them. */
  role: z.enum(readerRoles).nullable().default(null),
  readerNumber: readerNumber.nullable().default(null),
  createdAt: isoDateTime,
});
export type Read = z.infer<typeof ReadSchema>;

// ---------------------------------------------------------------------------------------------------
// Image references and annotation geometry

export const Vec3Schema = z.tuple([z.number().finite(), z.number().finite(), z.number().finite()]);
export type Vec3 = z.infer<typeof Vec3Schema>;
export const SegmentSchema = z.tuple([Vec3Schema, Vec3Schema]);
export type Segment = z.infer<typeof SegmentSchema>;

export const ImageRefSchema = z.strictObject({
  studyInstanceUid: dicomUid,
  seriesInstanceUid: dicomUid,
  sopInstanceUid: dicomUid,
  /** 0-based frame of a multi-frame instance; 0 for single-frame objects. */
  frameIndex: z.int().nonnegative(),
});
export type ImageRef = z.infer<typeof ImageRefSchema>;

export const measurementTools = ['Bidirectional', 'Length'] as const;
export type MeasurementTool = (typeof measurementTools)[number];

/**
 * One calliper measurement on one image. `longAxisMm` / `shortAxisMm` are the world lengths of the
 * segments rounded to 0.1 mm (size.ts makeMeasurement computes them; the schema checks they agree).
 * Which of them is the RECIST size depends on the lesion being nodal: recistSizeTenths derives it.
 */
export const MeasurementSchema = z
  .strictObject({
    image: ImageRefSchema,
    tool: z.enum(measurementTools),
    longAxis: SegmentSchema,
    shortAxis: SegmentSchema.nullable(),
    longAxisMm: tenthMm,
    shortAxisMm: tenthMm.nullable(),
  })
  .superRefine((m, ctx) => {
    if (m.tool === 'Length' && m.shortAxis !== null)
      ctx.addIssue({
        code: 'custom',
        path: ['shortAxis'],
        message: 'a Length measurement has no short axis',
      });
    if (m.tool === 'Bidirectional' && m.shortAxis === null)
      ctx.addIssue({
        code: 'custom',
        path: ['shortAxis'],
        message: 'a Bidirectional measurement needs a short axis',
      });
    if (roundedLength(m.longAxis) !== m.longAxisMm)
      ctx.addIssue({
        code: 'custom',
        path: ['longAxisMm'],
        message: `${m.longAxisMm} mm does not match the long axis end points (${roundedLength(m.longAxis)} mm)`,
      });
    const short = m.shortAxis === null ? null : roundedLength(m.shortAxis);
    if (short !== m.shortAxisMm)
      ctx.addIssue({
        code: 'custom',
        path: ['shortAxisMm'],
        message: `${m.shortAxisMm} mm does not match the short axis end points (${short} mm)`,
      });
    if (m.shortAxisMm !== null && m.shortAxisMm > m.longAxisMm)
      ctx.addIssue({
        code: 'custom',
        path: ['shortAxisMm'],
        message: 'the short axis is longer than the long axis',
      });
  });
export type Measurement = z.infer<typeof MeasurementSchema>;

/** Euclidean length of a world segment, rounded to 0.1 mm. */
export function roundedLength([a, b]: Segment): number {
  return Math.round(Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]) * 10) / 10;
}

/** An arrow pointing at a lesion (non-target and new lesions): tail then head, world mm. */
export const MarkerSchema = z.strictObject({
  image: ImageRefSchema,
  tool: z.literal('ArrowAnnotate'),
  points: SegmentSchema,
});
export type Marker = z.infer<typeof MarkerSchema>;

// ---------------------------------------------------------------------------------------------------
// Lesions and their assessments

export const lesionKinds = ['target', 'non-target', 'new'] as const;
export type LesionKind = (typeof lesionKinds)[number];

export const LesionSchema = z.strictObject({
  id: entityId,
  readId: entityId,
  /** T1.., NT1.., N1..: see labels.ts. Unique among the read's live lesions. */
  label: z.string().regex(/^(T|NT|N)[1-9]\d*$/, 'not a lesion label (T1, NT1, N1...)'),
  kind: z.enum(lesionKinds),
  /** A code of resources/locations.json: organ group and nodal status follow from it. */
  locationCode: z.string().min(1),
  /** Free text the reader adds to the location ("abutting the IVC"). */
  description: z.string().max(500, readerMessage('The description can be at most 500 characters')),
  /** A non-target entry standing for several lesions of one organ ("multiple liver metastases"). */
  multiple: z.boolean(),
  /** DICOM UID "2.25.<uuid as decimal>": the lesion's identity in DICOM SR (TID 1500), never changes. */
  trackingUid: dicomUid,
  /** New lesions: the timepoint where the lesion was first seen. null for baseline lesions. */
  firstSeenTimepointId: entityId.nullable(),
  deleted: z.boolean(),
  createdAt: isoDateTime,
});
export type Lesion = z.infer<typeof LesionSchema>;

const optionalMarker = { marker: MarkerSchema.nullable() };
const noteSchema = z.string().max(500, readerMessage('The note can be at most 500 characters'));

export const AssessmentValueSchema = z.discriminatedUnion('status', [
  // target lesions
  z.strictObject({ status: z.literal('measured'), fragments: z.array(MeasurementSchema).min(1).max(20) }),
  z.strictObject({ status: z.literal('too-small'), ...optionalMarker }),
  z.strictObject({ status: z.literal('merged'), intoLesionId: entityId }),
  // non-target lesions
  z.strictObject({ status: z.literal('present'), ...optionalMarker }),
  z.strictObject({ status: z.literal('unequivocal-progression'), ...optionalMarker }),
  // new lesions (a measurement feeds iRECIST's new-lesion sums)
  z.strictObject({
    status: z.literal('equivocal'),
    measurement: MeasurementSchema.nullable(),
    ...optionalMarker,
  }),
  z.strictObject({
    status: z.literal('unequivocal'),
    measurement: MeasurementSchema.nullable(),
    ...optionalMarker,
  }),
  // a new lesion seen at an earlier visit that has unequivocally grown (measured or not)
  z.strictObject({
    status: z.literal('increased'),
    measurement: MeasurementSchema.nullable(),
    ...optionalMarker,
  }),
  // any kind
  z.strictObject({ status: z.literal('absent'), ...optionalMarker }),
  z.strictObject({ status: z.literal('not-evaluated'), note: noteSchema }),
]);
export type AssessmentValue = z.infer<typeof AssessmentValueSchema>;
export type AssessmentStatus = AssessmentValue['status'];

export const statusesByKind: Readonly<Record<LesionKind, readonly AssessmentStatus[]>> = {
  target: ['measured', 'too-small', 'absent', 'merged', 'not-evaluated'],
  'non-target': ['present', 'absent', 'unequivocal-progression', 'not-evaluated'],
  new: ['equivocal', 'unequivocal', 'increased', 'absent', 'not-evaluated'],
};

/** One lesion's assessment at one timepoint (the primary key is [lesionId+timepointId]). */
export const AssessmentSchema = z.strictObject({
  readId: entityId,
  lesionId: entityId,
  timepointId: entityId,
  value: AssessmentValueSchema,
  updatedAt: isoDateTime,
});
export type Assessment = z.infer<typeof AssessmentSchema>;

// ---------------------------------------------------------------------------------------------------
// Sign-off, overrides, key images, audit

/** Present while the timepoint is signed (locked) in that read; unlocking removes it (audited). */
export const SignoffSchema = z.strictObject({
  readId: entityId,
  timepointId: entityId,
  signedBy: entityId,
  signedAt: isoDateTime,
  /** The override this signature needed, if any. */
  overrideId: entityId.nullable(),
  /** The e-signature that signed it (null only for sign-offs made before e-signatures existed). */
  signatureId: entityId.nullable().default(null),
});
export type Signoff = z.infer<typeof SignoffSchema>;

/** A violation the engine reported (lesions named by label), as an override stores it. */
export const ViolationSchema = z.strictObject({
  code: z.string().min(1),
  lesionIds: z.array(z.string()),
  message: z.string(),
  /** The timepoint (JSON id: visit name) the problem is on, when it is on one. */
  timepointId: z.string().optional(),
});
export type Violation = z.infer<typeof ViolationSchema>;

export const OverrideSchema = z.strictObject({
  id: entityId,
  readId: entityId,
  timepointId: entityId,
  /** The violations overridden, lesions named by label as the engine reports them. */
  violations: z.array(ViolationSchema).min(1),
  reason: nonBlank(2000, 'The reason', 'Enter a reason'),
  readerId: entityId,
  at: isoDateTime,
});
export type Override = z.infer<typeof OverrideSchema>;

/** Everything of a key image but the PNG bytes (a Blob, which lives in the renderer's record). */
export const KeyImageMetaSchema = z.strictObject({
  id: entityId,
  readId: entityId,
  lesionId: entityId,
  timepointId: entityId,
  at: isoDateTime,
});
export type KeyImageMeta = z.infer<typeof KeyImageMetaSchema>;
