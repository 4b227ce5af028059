/**
 * A trial's protocol settings for blinded independent central review (issue 11, "Trial setup"): the
 * criteria, the confirmation and SD rules, the baseline window, the visit schedule and the adjudication
 * triggers. It comes from the admin's form or an imported file, so it is parsed with zod; error messages
 * name what was expected and what was found, for the person who has to fix the value.
 */
import { z } from 'zod';
import { describeValue } from '../model/subject-read';

const text = (what: string) =>
  z
    .string({ error: (iss) => `expected ${what} (text), got ${describeValue(iss.input)}` })
    .trim()
    .min(1, { error: `${what} must not be empty` });

/** Whole days or weeks, at least `min`. */
const wholeNumber = (what: string, unit: string, min: number) => {
  const message = (iss: { input: unknown }) =>
    `expected ${what} as whole ${unit} >= ${min}, got ${describeValue(iss.input)}`;
  return z.number({ error: message }).int({ error: message }).min(min, { error: message });
};

const flag = (what: string) =>
  z.boolean({ error: (iss) => `expected ${what} as true or false, got ${describeValue(iss.input)}` });

/** RECIST 1.1 alone, or RECIST 1.1 primary with iRECIST reported beside it from the same measurements. */
export const TRIAL_CRITERIA = ['RECIST1.1', 'RECIST1.1+iRECIST'] as const;
export const TrialCriteriaSchema = z.enum(TRIAL_CRITERIA, {
  error: (iss) => `expected criteria "RECIST1.1" or "RECIST1.1+iRECIST", got ${describeValue(iss.input)}`,
});
export type TrialCriteria = z.output<typeof TrialCriteriaSchema>;

/** Imaging visits every `everyWeeks` weeks from treatment start, each accepted `windowDays` either side. */
export const VisitScheduleSchema = z.object(
  {
    everyWeeks: wholeNumber('the visit interval', 'weeks', 1),
    windowDays: wholeNumber('the visit window', 'days', 0),
  },
  {
    error: (iss) => `expected the visit schedule (every N weeks, +- N days), got ${describeValue(iss.input)}`,
  },
);
export type VisitSchedule = z.output<typeof VisitScheduleSchema>;

/**
 * When two complete reads of a subject need an adjudicator. The defaults are the usual BICR charter's:
 * best overall response differs, or the date of progression differs. `progressionDaysApart` (null: off)
 * fires when both reads have progression and the dates are more than that many days apart.
 */
export const AdjudicationTriggersSchema = z.object({
  bestResponse: flag('the best-response trigger').default(true),
  progressionDate: flag('the progression-date trigger').default(true),
  visitResponse: flag('the visit-response trigger').default(false),
  progressionDaysApart: wholeNumber('the progression dates gap', 'days', 0).nullable().default(null),
});
export type AdjudicationTriggers = z.output<typeof AdjudicationTriggersSchema>;

export const TrialProtocolSchema = z.object({
  protocolId: text('a protocol ID'),
  sponsor: text('a sponsor'),
  criteria: TrialCriteriaSchema,
  confirmationRequired: flag('confirmation required').default(true),
  /** Minimum days between a CR/PR and the scan that confirms it. */
  confirmationMinDays: wholeNumber('the confirmation interval', 'days', 0).default(28),
  /** Minimum days from enrolment for a stable disease to count as best response. */
  sdMinDays: wholeNumber('the SD minimum duration', 'days', 0).default(42),
  /** A baseline scan may be at most this many days before treatment start (or on that day). */
  baselineWindowDays: wholeNumber('the baseline window', 'days', 0).default(28),
  schedule: VisitScheduleSchema,
  // prefault, not default: zod 4 returns a default as it is, so `{}` would skip the triggers' own defaults.
  adjudication: AdjudicationTriggersSchema.prefault({}),
  /** The charter's rule when no trigger fires: this reader's read is the read of record. */
  acceptedWithoutAdjudication: z
    .union([z.literal(1), z.literal(2)], {
      error: (iss) => `expected reader 1 or reader 2 as the read of record, got ${describeValue(iss.input)}`,
    })
    .default(1),
});
export type TrialProtocol = z.output<typeof TrialProtocolSchema>;
export type TrialProtocolInput = z.input<typeof TrialProtocolSchema>;
