/**
 * What the engine returns for one subject read (../shared/contracts/recist-case.md, "Output"), as zod
 * schemas so the app and tests can check a stored or exported result, and as the inferred types.
 * Fields beyond the contract (explanation, i-RECIST new-lesion sums, both best responses, event dates)
 * are additions the contract welcomes.
 */
import { z } from 'zod';
import { IsoDateSchema } from './subject-read';

export const RECIST_RESPONSES = ['CR', 'PR', 'SD', 'PD', 'NE', 'NON_CR_NON_PD', 'NA'] as const;
/** iRECIST has no i-code for non-CR/non-PD disease (non-target only): it keeps `NON_CR_NON_PD`. */
export const IRECIST_RESPONSES = ['iCR', 'iPR', 'iSD', 'iUPD', 'iCPD', 'NE', 'NON_CR_NON_PD', 'NA'] as const;
export const RESPONSE_CODES = [
  'CR',
  'PR',
  'SD',
  'PD',
  'NE',
  'NON_CR_NON_PD',
  'NA',
  'iCR',
  'iPR',
  'iSD',
  'iUPD',
  'iCPD',
] as const;
export const ResponseCodeSchema = z.enum(RESPONSE_CODES);
export type ResponseCode = z.output<typeof ResponseCodeSchema>;

export const NEW_LESION_CODES = ['NO', 'EQUIVOCAL', 'YES'] as const;
export const NewLesionCodeSchema = z.enum(NEW_LESION_CODES);
export type NewLesionCode = z.output<typeof NewLesionCodeSchema>;

export const VIOLATION_CODES = [
  'TOO_MANY_TARGETS',
  'TOO_MANY_TARGETS_IN_ORGAN',
  'TARGET_NOT_MEASURABLE',
  'NODAL_TARGET_TOO_SMALL',
  'MISSING_BASELINE_MEASUREMENT',
  'DATES_OUT_OF_ORDER',
  'UNKNOWN_LESION',
  /** A target given a non-target status, or a non-target given a measurement. */
  'WRONG_LESION_KIND',
  /** New lesions listed on the baseline timepoint (nothing is "new" at baseline). */
  'NEW_LESION_AT_BASELINE',
] as const;
export const ViolationCodeSchema = z.enum(VIOLATION_CODES);
export type ViolationCode = z.output<typeof ViolationCodeSchema>;

export const ViolationSchema = z.object({
  code: ViolationCodeSchema,
  lesionIds: z.array(z.string()),
  message: z.string(),
  /** The timepoint the problem is on, when it is on one. */
  timepointId: z.string().optional(),
});
export type Violation = z.output<typeof ViolationSchema>;

const mm = z.number().nonnegative().nullable();
const pct = z.number().nullable();

export const TimepointResultSchema = z.object({
  id: z.string(),
  date: IsoDateSchema,
  sumMm: mm,
  baselineSumMm: mm,
  nadirMm: mm,
  pctFromBaseline: pct,
  pctFromNadir: pct,
  target: ResponseCodeSchema,
  nonTarget: ResponseCodeSchema,
  newLesions: NewLesionCodeSchema,
  overall: ResponseCodeSchema,
  /** The reasons, in words a radiologist reads. */
  explanation: z.string(),
  /** iRECIST: sum of the new lesions measured as new targets (null when none is listed). */
  newLesionTargetSumMm: mm.optional(),
  /** iRECIST: the new lesions chosen as new targets so far (at most 5, 2 per organ). */
  newLesionTargetIds: z.array(z.string()).optional(),
});
export type TimepointResult = z.output<typeof TimepointResultSchema>;

export const TimeToEventSchema = z.object({
  days: z.number().int().nullable(),
  event: z.boolean(),
  /** Date of the event, or of censoring; null when the endpoint does not apply. */
  date: IsoDateSchema.nullable(),
});
export type TimeToEvent = z.output<typeof TimeToEventSchema>;

export const SubjectResultSchema = z.object({
  subjectId: z.string(),
  criteria: z.enum(['RECIST1.1', 'iRECIST']),
  timepoints: z.array(TimepointResultSchema),
  /** Confirmed where options.confirmationRequired, else unconfirmed. */
  bestOverallResponse: ResponseCodeSchema,
  bestOverallResponseWithConfirmation: ResponseCodeSchema,
  bestOverallResponseWithoutConfirmation: ResponseCodeSchema,
  responseStartDate: IsoDateSchema.nullable(),
  progressionDate: IsoDateSchema.nullable(),
  dor: TimeToEventSchema,
  pfs: TimeToEventSchema,
  violations: z.array(ViolationSchema),
});
export type SubjectResult = z.output<typeof SubjectResultSchema>;
