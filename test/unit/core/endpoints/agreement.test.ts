import { describe, expect, it } from 'vitest';
import {
  cohensKappa,
  limitsOfAgreement,
  progressionConcordance,
  type RatingPair,
} from '../../../../src/core/endpoints';
import reference from '../../../fixtures/agreement/kappa-reference.json';

/** One pair per subject from a table of counts (rows: reader 1, columns: reader 2), in row order. */
function pairsOf(categories: readonly string[], counts: readonly (readonly number[])[]): RatingPair[] {
  const pairs: RatingPair[] = [];
  counts.forEach((row, i) =>
    row.forEach((count, j) => {
      for (let c = 0; c < count; c++) pairs.push({ a: categories[i]!, b: categories[j]! });
    }),
  );
  return pairs;
}

/** Pairs written "AB CD": reader 1 said A, reader 2 said B (one-letter categories). */
const letters = (text: string): RatingPair[] => text.split(' ').map((pair) => ({ a: pair[0]!, b: pair[1]! }));

describe("Cohen's kappa against R psych::cohen.kappa (test/fixtures/agreement/kappa-reference.R)", () => {
  it('the fixture holds the datasets it was written for', () => {
    expect(reference.datasets.map((d) => d.name)).toEqual([
      'cohen-1960',
      'fleiss-cohen-everitt-1969',
      'bicr-best-response',
      'recist-sparse',
    ]);
  });

  it.each(reference.datasets.map((d) => [d.name, d] as const))('%s', (_name, dataset) => {
    const result = cohensKappa(pairsOf(dataset.categories, dataset.counts), dataset.categories);
    expect(result.reason).toBeNull();
    expect(result.n).toBe(dataset.n);
    expect(result.categories).toEqual(dataset.categories);
    expect(result.table).toEqual(dataset.counts);
    expect(result.observed).toBeCloseTo(dataset.observed, 12);
    expect(result.expected).toBeCloseTo(dataset.expected, 12);
    expect(Math.abs(result.kappa! - dataset.kappa)).toBeLessThan(1e-6);
    expect(Math.abs(result.se! - dataset.se)).toBeLessThan(1e-6);
    // psych uses qnorm(0.975) = 1.95996..., the module 1.96: the bounds differ by < 4e-5 * se.
    expect(Math.abs(result.ci95![0] - dataset.ci95[0]!)).toBeLessThan(1e-4);
    expect(Math.abs(result.ci95![1] - dataset.ci95[1]!)).toBeLessThan(1e-4);
  });

  it("reproduces the published figures: Cohen's .492 and the .429 of Fleiss, Cohen & Everitt", () => {
    const [cohen, fleiss] = reference.datasets;
    expect(cohensKappa(pairsOf(cohen!.categories, cohen!.counts)).kappa).toBeCloseTo(0.492, 3);
    expect(cohensKappa(pairsOf(fleiss!.categories, fleiss!.counts)).kappa).toBeCloseTo(0.429, 3);
  });

  it('categories no reader used change neither kappa nor its SE', () => {
    const sparse = reference.datasets[3]!;
    const pairs = pairsOf(sparse.categories, sparse.counts);
    const seenOnly = cohensKappa(pairs);
    expect(seenOnly.categories).not.toContain('NON_CR_NON_PD');
    expect(seenOnly.kappa).toBeCloseTo(sparse.kappa, 12);
    expect(seenOnly.se).toBeCloseTo(sparse.se, 12);
  });

  it('does not depend on the order of the subjects', () => {
    const bicr = reference.datasets[2]!;
    const pairs = pairsOf(bicr.categories, bicr.counts);
    const reordered = pairs.map((_, i) => pairs[(i * 7) % pairs.length]!); // 7 is coprime with 120
    expect(cohensKappa(reordered, bicr.categories)).toEqual(cohensKappa(pairs, bicr.categories));
  });

  it('swapping the readers transposes the table and keeps kappa and SE', () => {
    const fleiss = reference.datasets[1]!;
    const pairs = pairsOf(fleiss.categories, fleiss.counts);
    const swapped = cohensKappa(
      pairs.map(({ a, b }) => ({ a: b, b: a })),
      fleiss.categories,
    );
    expect(swapped.table[0]).toEqual([106, 22, 2]);
    expect(swapped.kappa).toBeCloseTo(fleiss.kappa, 12);
    expect(swapped.se).toBeCloseTo(fleiss.se, 12);
  });
});

describe("Cohen's kappa: worked by hand and at the edges", () => {
  it("psych's colour example: po = 3/4, pe = 3/8, kappa = 0.6", () => {
    const result = cohensKappa([
      { a: 'red', b: 'red' },
      { a: 'yellow', b: 'blue' },
      { a: 'blue', b: 'blue' },
      { a: 'red', b: 'red' },
    ]);
    expect(result.categories).toEqual(['red', 'yellow', 'blue']);
    expect(result.observed).toBe(0.75);
    expect(result.expected).toBe(0.375);
    expect(result.kappa).toBeCloseTo(0.6, 12);
  });

  it('perfect agreement: kappa 1 with no spread', () => {
    const result = cohensKappa(letters('XX YY XX YY XX'));
    expect(result).toMatchObject({ kappa: 1, se: 0, ci95: [1, 1], observed: 1, reason: null });
  });

  it('complete disagreement on two balanced categories: kappa -1', () => {
    expect(cohensKappa(letters('XY YX'))).toMatchObject({ kappa: -1, observed: 0, expected: 0.5 });
  });

  it('agreement at chance level: kappa 0, and the interval straddles it', () => {
    const result = cohensKappa(letters('XX YY XY YX'));
    expect(result.kappa).toBe(0);
    expect(result.se).toBeCloseTo(0.5, 12);
    expect(result.ci95![0]).toBeCloseTo(-0.98, 12);
    expect(result.ci95![1]).toBeCloseTo(0.98, 12);
  });

  it('clips the interval to [-1, 1] when few subjects make it wider', () => {
    const result = cohensKappa(letters('XX YY ZZ XX YZ'));
    expect(result.kappa! + 1.96 * result.se!).toBeGreaterThan(1); // the unclipped bound would pass 1
    expect(result.ci95![1]).toBe(1);
    expect(result.ci95![0]).toBeCloseTo(result.kappa! - 1.96 * result.se!, 12);
  });

  it('no pairs: kappa null with a reason, no NaN anywhere', () => {
    const result = cohensKappa([], ['CR', 'PR']);
    expect(result).toMatchObject({ n: 0, kappa: null, se: null, ci95: null, observed: null, expected: null });
    expect(result.reason).toMatch(/nothing to compare/);
    expect(result.table).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it('every subject in one category by both readers: expected = 1, kappa null with a reason', () => {
    const result = cohensKappa(
      [
        { a: 'SD', b: 'SD' },
        { a: 'SD', b: 'SD' },
      ],
      ['CR', 'PR', 'SD', 'PD'],
    );
    expect(result).toMatchObject({ n: 2, kappa: null, se: null, ci95: null, observed: 1, expected: 1 });
    expect(result.reason).toMatch(/same category \(SD\)/);
  });

  it('one subject the readers disagree on is defined: kappa 0', () => {
    expect(cohensKappa([{ a: 'PR', b: 'SD' }])).toMatchObject({ kappa: 0, observed: 0, expected: 0 });
  });

  it('refuses a rating outside the given categories, and a category listed twice', () => {
    expect(() => cohensKappa([{ a: 'CR', b: 'iUPD' }], ['CR', 'PR'])).toThrow(
      'The rating "iUPD" is not one of the categories: CR, PR.',
    );
    expect(() => cohensKappa([], ['CR', 'CR'])).toThrow(/same category twice/);
  });
});

describe('progression-date concordance', () => {
  const pair = (a: string | null, b: string | null) => ({ a, b });

  it('sorts each subject into one class, a difference of exactly the window counting as within', () => {
    const result = progressionConcordance(
      [
        pair(null, null),
        pair('2026-03-10', '2026-03-10'),
        pair('2026-03-10', '2026-03-11'), // 1 day
        pair('2026-03-10', '2026-03-03'), // 7 days, reader 2 earlier
        pair('2026-03-10', '2026-03-18'), // 8 days
        pair('2026-03-10', null),
        pair(null, '2026-03-10'),
        pair(null, '2026-04-01'),
      ],
      7,
    );
    expect(result).toEqual({
      n: 8,
      bothNone: 1,
      sameDate: 1,
      withinWindow: 2,
      beyondWindow: 1,
      oneReaderOnly: 3,
      readerAOnly: 1,
      readerBOnly: 2,
    });
  });

  it('counts calendar days across a month end, a leap day and a year end', () => {
    const within = (a: string, b: string, windowDays: number) =>
      progressionConcordance([pair(a, b)], windowDays).withinWindow;
    expect(within('2028-02-28', '2028-03-01', 2)).toBe(1); // 2028 is a leap year: 2 days apart
    expect(within('2027-02-28', '2027-03-01', 0)).toBe(0); // 1 day apart, window 0
    expect(within('2026-12-30', '2027-01-02', 3)).toBe(1);
    expect(progressionConcordance([pair('2026-12-30', '2027-01-03')], 3).beyondWindow).toBe(1);
  });

  it('a window of 0 days keeps only the same date concordant', () => {
    expect(progressionConcordance([pair('2026-01-01', '2026-01-02')], 0)).toMatchObject({
      sameDate: 0,
      withinWindow: 0,
      beyondWindow: 1,
    });
  });

  it('no subjects: all counts 0', () => {
    expect(progressionConcordance([], 28)).toMatchObject({
      n: 0,
      bothNone: 0,
      sameDate: 0,
      oneReaderOnly: 0,
    });
  });

  it('refuses a date that is not a calendar date, and a window that is not a whole number of days', () => {
    expect(() => progressionConcordance([pair('2026-02-29', null)], 7)).toThrow(
      'Pair 1: "2026-02-29" is not a calendar date written YYYY-MM-DD.',
    );
    expect(() => progressionConcordance([pair(null, '10/03/2026')], 7)).toThrow(/Pair 1/);
    expect(() => progressionConcordance([], -1)).toThrow(/whole number of days/);
    expect(() => progressionConcordance([], 1.5)).toThrow(/whole number of days/);
  });
});

describe('Bland-Altman limits of agreement', () => {
  it('mean difference, sample SD (n - 1) and mean +- 1.96 SD', () => {
    const result = limitsOfAgreement([1, 2, 3, 4]);
    const sd = Math.sqrt(5 / 3); // squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5, over n - 1 = 3
    expect(result.n).toBe(4);
    expect(result.meanDifference).toBe(2.5);
    expect(result.sd).toBeCloseTo(sd, 12);
    expect(result.limits![0]).toBeCloseTo(2.5 - 1.96 * sd, 12);
    expect(result.limits![1]).toBeCloseTo(2.5 + 1.96 * sd, 12);
    expect(result.reason).toBeNull();
  });

  it('pairs of measurements give the differences reader 1 - reader 2', () => {
    const fromPairs = limitsOfAgreement([
      { a: 12, b: 10 },
      { a: 20, b: 21 },
      { a: 35.5, b: 33 },
    ]);
    const fromDifferences = limitsOfAgreement([2, -1, 2.5]);
    expect(fromPairs).toEqual(fromDifferences);
    expect(fromPairs.meanDifference).toBeCloseTo(3.5 / 3, 12);
  });

  it('identical differences: SD 0 and both limits at the mean', () => {
    expect(limitsOfAgreement([-2, -2, -2])).toMatchObject({ meanDifference: -2, sd: 0, limits: [-2, -2] });
  });

  it('too few differences: the figures that need them are null, with a reason', () => {
    expect(limitsOfAgreement([])).toMatchObject({ n: 0, meanDifference: null, sd: null, limits: null });
    expect(limitsOfAgreement([])).toHaveProperty('reason', 'No lesion was measured by both readers.');
    const one = limitsOfAgreement([{ a: 15, b: 12 }]);
    expect(one).toMatchObject({ n: 1, meanDifference: 3, sd: null, limits: null });
    expect(one.reason).toMatch(/at least two/);
  });

  it('refuses a measurement that is not a finite number', () => {
    expect(() => limitsOfAgreement([1, Number.NaN])).toThrow(
      'Measurement 2 is not a finite number of millimetres.',
    );
    expect(() => limitsOfAgreement([{ a: Number.POSITIVE_INFINITY, b: 3 }])).toThrow(/Measurement 1/);
  });
});
