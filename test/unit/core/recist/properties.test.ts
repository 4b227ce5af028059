import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SubjectReadSchema,
  SubjectResultSchema,
  type SubjectRead,
  type SubjectReadInput,
  type SubjectResult,
} from '../../../../src/core/model';
import { evaluateSubject, toHundredths } from '../../../../src/core/recist';
import { day } from './builders';

type Input = SubjectReadInput;
type MeasurementInput = Input['timepoints'][number]['measurements'] extends infer R
  ? R extends Record<string, infer V>
    ? V
    : never
  : never;
type NewLesionInput = NonNullable<Input['timepoints'][number]['newLesions']>[number];

interface Shape {
  nodalAllowed: boolean;
  /** Sizes in mm for target measurements. */
  size: fc.Arbitrary<number>;
  /** Sizes in mm for new lesions (undefined: not measured). */
  newLesionSize: (nodal: boolean) => fc.Arbitrary<number | undefined>;
  tooSmallMm: fc.Arbitrary<number>;
}

// Mostly small sizes in 0.1 mm steps, so sums often land near the 5 mm, 20% and 30% thresholds.
const anySize = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 400 }).map((n) => n / 10) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 20000 }).map((h) => h / 100) },
);

const wide: Shape = {
  nodalAllowed: true,
  size: anySize,
  newLesionSize: () => fc.option(anySize, { nil: undefined }),
  tooSmallMm: fc.integer({ min: 0, max: 1000 }).map((h) => h / 100),
};

/** Sizes on a 5 mm grid and measurable new lesions only: no absolute threshold (5 mm growth, 10 mm,
 *  15 mm) can be crossed by scaling up, so every response must be unchanged by it. */
const grid: Shape = {
  nodalAllowed: false,
  size: fc.integer({ min: 1, max: 30 }).map((n) => n * 5),
  newLesionSize: (nodal) =>
    fc.option(
      fc.integer({ min: nodal ? 3 : 2, max: 10 }).map((n) => n * 5),
      { nil: undefined },
    ),
  tooSmallMm: fc.constant(5),
};

function arbRead(shape: Shape): fc.Arbitrary<Input> {
  return fc
    .record({
      criteria: fc.constantFrom('RECIST1.1' as const, 'iRECIST' as const),
      confirmationRequired: fc.boolean(),
      confirmationMinDays: fc.integer({ min: 0, max: 60 }),
      sdMinDays: fc.integer({ min: 0, max: 90 }),
      tooSmallMm: shape.tooSmallMm,
      targets: fc.array(
        fc.record({
          organ: fc.constantFrom('liver', 'lung', 'bone', 'kidney'),
          nodal: shape.nodalAllowed ? fc.boolean() : fc.constant(false),
        }),
        { maxLength: 6 },
      ),
      nonTargets: fc.integer({ min: 0, max: 3 }),
      gaps: fc.array(fc.integer({ min: -5, max: 120 }), { minLength: 0, maxLength: 8 }),
      death: fc.option(fc.integer({ min: 0, max: 900 }), { nil: null }),
      therapy: fc.option(fc.integer({ min: 0, max: 900 }), { nil: null }),
    })
    .chain((base) => {
      const targetIds = base.targets.map((_, i) => `T${i + 1}`);
      const nonTargetIds = Array.from({ length: base.nonTargets }, (_, i) => `NT${i + 1}`);
      const measurement: fc.Arbitrary<MeasurementInput | undefined> = fc.oneof(
        { weight: 6, arbitrary: shape.size.map((mm) => ({ mm })) },
        { weight: 1, arbitrary: fc.constant({ status: 'too-small' as const }) },
        { weight: 2, arbitrary: fc.constant({ status: 'absent' as const }) },
        { weight: 1, arbitrary: fc.constant({ status: 'not-evaluated' as const }) },
        { weight: 1, arbitrary: fc.constant(undefined) },
        ...(targetIds.length > 0
          ? [
              {
                weight: 1,
                arbitrary: fc.constantFrom(...targetIds).map((into) => ({ status: 'merged' as const, into })),
              },
            ]
          : []),
      );
      const nonTargetStatus = fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom('present' as const, 'absent' as const) },
        {
          weight: 1,
          arbitrary: fc.constantFrom('unequivocal-progression' as const, 'not-evaluated' as const, undefined),
        },
      );
      const newLesion = (id: string) =>
        fc.boolean().chain((nodal) =>
          fc.record({
            id: fc.constant(id),
            organ: fc.constantFrom('liver', 'lung', 'spleen'),
            status: fc.constantFrom(
              'equivocal' as const,
              'unequivocal' as const,
              'increased' as const,
              'absent' as const,
              'not-evaluated' as const,
            ),
            nodal: fc.constant(shape.nodalAllowed ? nodal : false),
            mm: shape.newLesionSize(shape.nodalAllowed ? nodal : false),
          }),
        );
      const timepoint = (k: number) =>
        fc.record({
          measurements: fc.tuple(...targetIds.map(() => measurement)),
          nonTarget: fc.tuple(...nonTargetIds.map(() => nonTargetStatus)),
          newLesions:
            k === 0
              ? fc.constant([])
              : fc.oneof(
                  { weight: 4, arbitrary: fc.constant([]) },
                  {
                    weight: 1,
                    arbitrary: fc
                      .subarray(['N1', 'N2', 'N3'])
                      .chain((ids) => fc.tuple(...ids.map(newLesion))),
                  },
                ),
        });
      return fc.tuple(...[0, ...base.gaps].map((_, k) => timepoint(k))).map((tps): Input => {
        // Only possible subjects: enrolled on or before the last scan (a screening baseline may come
        // before enrolment), dead on or after enrolment and the last scan; therapy starts on day >= 0,
        // after the day -3 baseline. Impossible dates are refused by the schema (properties below).
        const scanDays = [0, ...base.gaps].map(
          (_, k) => -3 + base.gaps.slice(0, k).reduce((a, b) => a + b, 0),
        );
        const lastScanDay = Math.max(...scanDays);
        const enrolmentDay = Math.min(0, lastScanDay);
        const deathDay = base.death === null ? null : Math.max(enrolmentDay, lastScanDay) + base.death;
        let offset = -3;
        // "increased", "absent" and "not-evaluated" need an earlier sighting: for a lesion not seen
        // yet they become a first sighting (and absent / not evaluated carry no size).
        const seen = new Set<string>();
        const newLesionsOf = (listed: readonly NewLesionInput[]): NewLesionInput[] => {
          const out = listed.map((l) => {
            const later = l.status === 'increased' || l.status === 'absent' || l.status === 'not-evaluated';
            const status =
              later && !seen.has(l.id) ? (l.status === 'increased' ? 'unequivocal' : 'equivocal') : l.status;
            const { mm, ...rest } = l;
            return status === 'absent' || status === 'not-evaluated'
              ? { ...rest, status }
              : { ...rest, status, mm };
          });
          for (const l of listed) seen.add(l.id);
          return out;
        };
        return {
          criteria: base.criteria,
          options: {
            confirmationRequired: base.confirmationRequired,
            confirmationMinDays: base.confirmationMinDays,
            sdMinDays: base.sdMinDays,
            tooSmallMm: base.tooSmallMm,
          },
          subject: {
            id: 'P',
            enrollmentDate: day(enrolmentDay),
            deathDate: deathDay === null ? null : day(deathDay),
            newAnticancerTherapyDate: base.therapy === null ? null : day(base.therapy),
          },
          lesions: [
            ...base.targets.map((t, i) => ({
              id: targetIds[i]!,
              kind: 'target' as const,
              organ: t.organ,
              nodal: t.nodal,
            })),
            ...nonTargetIds.map((id) => ({
              id,
              kind: 'non-target' as const,
              organ: 'peritoneum',
              nodal: false,
            })),
          ],
          timepoints: tps.map((tp, k) => {
            if (k > 0) offset += base.gaps[k - 1]!;
            const measurements: Record<string, MeasurementInput> = {};
            tp.measurements.forEach((m, i) => {
              if (m !== undefined) measurements[targetIds[i]!] = m;
            });
            const nonTarget: Record<
              string,
              'present' | 'absent' | 'unequivocal-progression' | 'not-evaluated'
            > = {};
            tp.nonTarget.forEach((s, i) => {
              if (s !== undefined) nonTarget[nonTargetIds[i]!] = s;
            });
            return {
              id: `TP${k}`,
              date: day(offset),
              measurements,
              nonTarget,
              newLesions: newLesionsOf(tp.newLesions),
            };
          }),
        };
      });
    });
}

const parse = (input: Input): SubjectRead => SubjectReadSchema.parse(input);

/** Everything in a result except sizes, percents and the explanations' wording. */
function responses(result: SubjectResult) {
  return {
    timepoints: result.timepoints.map((t) => [t.target, t.nonTarget, t.newLesions, t.overall]),
    best: [
      result.bestOverallResponse,
      result.bestOverallResponseWithConfirmation,
      result.bestOverallResponseWithoutConfirmation,
    ],
    dates: [result.responseStartDate, result.progressionDate],
    dor: result.dor,
    pfs: result.pfs,
  };
}

function scaled(input: Input, factor: number): Input {
  const copy = structuredClone(input);
  copy.options = { ...copy.options, tooSmallMm: (copy.options?.tooSmallMm ?? 5) * factor };
  for (const tp of copy.timepoints) {
    for (const m of Object.values(tp.measurements ?? {})) if ('mm' in m && m.mm !== undefined) m.mm *= factor;
    for (const l of tp.newLesions ?? []) if (l.mm !== undefined) l.mm *= factor;
  }
  return copy;
}

describe('properties of the engine', () => {
  it('never throws on schema-valid input and always returns the contract shape', () => {
    fc.assert(
      fc.property(arbRead(wide), (input) => {
        const read = parse(input);
        const result = evaluateSubject(read);
        SubjectResultSchema.parse(result);
        expect(result.timepoints.map((t) => t.id)).toEqual(read.timepoints.map((t) => t.id));
      }),
      { numRuns: 300 },
    );
  });

  it('multiplying every size by a factor >= 1 leaves every response unchanged (5 mm size grid, no nodes)', () => {
    // Absolute thresholds (PD's +5 mm, 10 mm and 15 mm measurability, the node's 10 mm CR) are not
    // scale-free. On a 5 mm grid any growth is >= 5 mm before and after scaling up, and measurable new
    // lesions stay measurable; factors n/4 keep every size exact in hundredths of a mm.
    fc.assert(
      fc.property(arbRead(grid), fc.integer({ min: 4, max: 40 }), (input, quarter) => {
        const factor = quarter / 4;
        expect(responses(evaluateSubject(parse(scaled(input, factor))))).toEqual(
          responses(evaluateSubject(parse(input))),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('PD never appears without >= 5 mm growth over an earlier complete sum, non-target progression, an unequivocal new lesion (here, or not evaluated since), or a lesion back after a CR', () => {
    fc.assert(
      fc.property(arbRead(wide), (input) => {
        const read = parse({ ...input, criteria: 'RECIST1.1' });
        const result = evaluateSubject(read);
        const tooSmall = toHundredths(read.options.tooSmallMm);
        const targets = read.lesions.filter((l) => l.kind === 'target');
        const sums = read.timepoints.map((tp) => {
          let sum = 0;
          let complete = true;
          for (const t of targets) {
            const m = tp.measurements[t.id];
            if (!m || ('status' in m && m.status === 'not-evaluated')) complete = false;
            else if ('mm' in m && m.mm !== undefined) sum += toHundredths(m.mm);
            else if ('status' in m && m.status === 'too-small') sum += tooSmall;
          }
          return { sum, complete };
        });
        let lastEvaluable = 'NA';
        // Each new lesion's status where it was last evaluated: one not evaluated since counts as that.
        const lastStatus = new Map<string, string>();
        result.timepoints.forEach((row, k) => {
          const tp = read.timepoints[k]!;
          const evaluatedHere = new Set(
            tp.newLesions.filter((l) => l.status !== 'not-evaluated').map((l) => l.id),
          );
          if (k > 0 && row.overall === 'PD') {
            const growth = sums.slice(0, k).some((s) => s.complete && sums[k]!.sum - s.sum >= 500);
            const nonTarget = Object.values(tp.nonTarget).includes('unequivocal-progression');
            const newLesion =
              tp.newLesions.some((l) => l.status === 'unequivocal' || l.status === 'increased') ||
              [...lastStatus].some(
                ([id, status]) =>
                  !evaluatedHere.has(id) && (status === 'unequivocal' || status === 'increased'),
              );
            const afterCR =
              lastEvaluable === 'CR' &&
              (Object.values(tp.nonTarget).includes('present') ||
                Object.values(tp.measurements).some(
                  (m) => ('mm' in m && (m.mm ?? 0) > 0) || ('status' in m && m.status === 'too-small'),
                ));
            expect(growth || nonTarget || newLesion || afterCR).toBe(true);
          }
          if (k > 0 && row.overall !== 'NE') lastEvaluable = row.overall;
          if (k > 0)
            for (const l of tp.newLesions) if (evaluatedHere.has(l.id)) lastStatus.set(l.id, l.status);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('adding an unequivocal new lesion to a follow-up makes it PD (iRECIST: iUPD or iCPD)', () => {
    fc.assert(
      fc.property(
        arbRead(wide).filter((i) => i.timepoints.length > 1),
        fc.nat(),
        (input, pick) => {
          const k = 1 + (pick % (input.timepoints.length - 1));
          const withLesion = structuredClone(input);
          withLesion.timepoints[k]!.newLesions = [
            ...(withLesion.timepoints[k]!.newLesions ?? []),
            { id: 'NX', organ: 'liver', status: 'unequivocal' },
          ];
          const row = evaluateSubject(parse(withLesion)).timepoints[k]!;
          expect(row.newLesions).toBe('YES');
          if (input.criteria === 'iRECIST') expect(['iUPD', 'iCPD']).toContain(row.overall);
          else expect(row.overall).toBe('PD');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a subject whose dates cannot all be true, at the date that breaks the rule', () => {
    const shift = (date: string, days: number) =>
      new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const broken = [
      ['deathDate', 'before enrolment'],
      ['deathDate', 'before the last scan'],
      ['enrollmentDate', 'after the last scan'],
      ['newAnticancerTherapyDate', 'before the baseline scan'],
    ] as const;
    fc.assert(
      fc.property(
        arbRead(wide),
        fc.nat(broken.length - 1),
        fc.integer({ min: 1, max: 400 }),
        (input, pick, by) => {
          const [field, rule] = broken[pick]!;
          // Enrolment after a lone baseline is the normal course: only refused once there are follow-ups.
          fc.pre(rule !== 'after the last scan' || input.timepoints.length > 1);
          const dates = input.timepoints.map((t) => t.date);
          const lastScan = dates.reduce((a, b) => (b > a ? b : a));
          const subject = { ...input.subject };
          if (rule === 'before enrolment') subject.deathDate = shift(subject.enrollmentDate, -by);
          if (rule === 'before the last scan') subject.deathDate = shift(lastScan, -by);
          if (rule === 'after the last scan') subject.enrollmentDate = shift(lastScan, by);
          if (rule === 'before the baseline scan') subject.newAnticancerTherapyDate = shift(dates[0]!, -by);
          const parsed = SubjectReadSchema.safeParse({ ...input, subject });
          expect(parsed.success).toBe(false);
          const messages = parsed
            .error!.issues.filter((i) => i.path.join('.') === `subject.${field}`)
            .map((i) => i.message);
          expect(messages.some((m) => m.includes(rule))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
