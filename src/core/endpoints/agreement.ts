/**
 * Agreement between two independent readers (BICR): Cohen's kappa on best overall response,
 * concordance of progression dates, and Bland-Altman limits of agreement of measurements.
 * Pure arithmetic: the reads are paired by the caller (one pair per subject or per lesion).
 */

import { isIsoDate, daysBetween } from '../model/dates';

/** The normal quantile of a two-sided 95% interval, rounded as the brief and most BICR charters state it. */
const Z95 = 1.96;

export interface RatingPair {
  /** Reader 1's category (a best overall response such as CR, PR, SD, PD, NE, NON_CR_NON_PD). */
  readonly a: string;
  /** Reader 2's category for the same subject. */
  readonly b: string;
}

export interface KappaResult {
  /** Cohen's unweighted kappa; null when it is not defined (see `reason`). */
  readonly kappa: number | null;
  /** Asymptotic standard error of kappa (Fleiss, Cohen & Everitt 1969), as psych::cohen.kappa reports it. */
  readonly se: number | null;
  /** kappa +- 1.96 se, clipped to [-1, 1]. */
  readonly ci95: readonly [number, number] | null;
  /** Proportion of pairs on which the readers agree; null when there are no pairs. */
  readonly observed: number | null;
  /** Agreement expected by chance from the two readers' marginal proportions; null when there are no pairs. */
  readonly expected: number | null;
  /** Number of pairs. */
  readonly n: number;
  /** The categories in table order (rows: reader 1, columns: reader 2). */
  readonly categories: readonly string[];
  /** Counts: table[i][j] = pairs where reader 1 said categories[i] and reader 2 said categories[j]. */
  readonly table: readonly (readonly number[])[];
  /** Why kappa is null, in plain words; null when kappa is given. */
  readonly reason: string | null;
}

/**
 * Cohen's unweighted kappa with its asymptotic standard error and a 95% confidence interval.
 *
 * `categories` fixes the table order and lets categories that no reader used appear (they change neither
 * kappa nor its SE); without it the categories are those seen, in order of first appearance. A rating that
 * is not among the given categories is a caller error and throws.
 */
export function cohensKappa(pairs: readonly RatingPair[], categories?: readonly string[]): KappaResult {
  const order: string[] = categories ? [...categories] : [];
  if (categories && new Set(categories).size !== categories.length) {
    throw new RangeError('The list of categories names the same category twice.');
  }
  const index = new Map(order.map((category, i) => [category, i]));
  const indexOf = (category: string): number => {
    const found = index.get(category);
    if (found !== undefined) return found;
    if (categories) {
      throw new RangeError(
        `The rating "${category}" is not one of the categories: ${categories.join(', ')}.`,
      );
    }
    order.push(category);
    index.set(category, order.length - 1);
    return order.length - 1;
  };
  const cells: [number, number][] = pairs.map((pair) => [indexOf(pair.a), indexOf(pair.b)]);
  const k = order.length;
  const table = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const [i, j] of cells) table[i]![j]! += 1;

  const n = pairs.length;
  const base = { n, categories: order, table };
  if (n === 0) {
    return {
      ...base,
      kappa: null,
      se: null,
      ci95: null,
      observed: null,
      expected: null,
      reason: 'No subject was read by both readers, so there is nothing to compare.',
    };
  }

  // Proportions, row (reader 1) and column (reader 2) marginals.
  const p = table.map((row) => row.map((count) => count / n));
  const rows = p.map((row) => row.reduce((sum, value) => sum + value, 0));
  const cols = order.map((_, j) => p.reduce((sum, row) => sum + row[j]!, 0));
  const observed = p.reduce((sum, row, i) => sum + row[i]!, 0);
  const expected = rows.reduce((sum, row, i) => sum + row * cols[i]!, 0);

  // expected = 1 only when both readers put every subject in the same single category: kappa is 0/0.
  if (1 - expected <= 1e-12) {
    return {
      ...base,
      kappa: null,
      se: null,
      ci95: null,
      observed,
      expected,
      reason: `Both readers gave every subject the same category (${order.find((_, i) => rows[i]! > 0) ?? ''}), so agreement beyond chance cannot be measured.`,
    };
  }

  const kappa = (observed - expected) / (1 - expected);

  // Fleiss, Cohen & Everitt (1969), Psychological Bulletin 72:323, eq. (13): the large-sample variance of
  // kappa when kappa is not assumed to be 0, the variance psych::cohen.kappa uses for its interval.
  let diagonal = 0;
  let offDiagonal = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const pij = p[i]![j]!;
      if (pij === 0) continue;
      if (i === j) {
        diagonal += pij * (1 - expected - (rows[i]! + cols[i]!) * (1 - observed)) ** 2;
      } else {
        offDiagonal += pij * (cols[i]! + rows[j]!) ** 2;
      }
    }
  }
  const last = (observed * expected - 2 * expected + observed) ** 2;
  const variance = (diagonal + (1 - observed) ** 2 * offDiagonal - last) / (n * (1 - expected) ** 4);
  // Rounding can leave a tiny negative number where the variance is 0 (perfect agreement).
  const se = Math.sqrt(Math.max(0, variance));
  const clip = (value: number) => Math.min(1, Math.max(-1, value));
  return {
    ...base,
    kappa,
    se,
    ci95: [clip(kappa - Z95 * se), clip(kappa + Z95 * se)],
    observed,
    expected,
    reason: null,
  };
}

export interface ProgressionPair {
  /** Reader 1's date of progression (ISO YYYY-MM-DD), or null when reader 1 found none. */
  readonly a: string | null;
  /** Reader 2's date of progression, or null. */
  readonly b: string | null;
}

export interface ProgressionConcordance {
  readonly n: number;
  /** Neither reader found progression. */
  readonly bothNone: number;
  /** Both found progression on the same date. */
  readonly sameDate: number;
  /** Both found progression, on dates 1 to windowDays days apart. */
  readonly withinWindow: number;
  /** Both found progression, on dates more than windowDays days apart. */
  readonly beyondWindow: number;
  /** Only one reader found progression (readerAOnly + readerBOnly). */
  readonly oneReaderOnly: number;
  readonly readerAOnly: number;
  readonly readerBOnly: number;
}

/**
 * How often the two readers' progression dates agree. A date difference equal to `windowDays` counts as
 * within the window (charters say "within N days").
 */
export function progressionConcordance(
  pairs: readonly ProgressionPair[],
  windowDays: number,
): ProgressionConcordance {
  if (!Number.isInteger(windowDays) || windowDays < 0) {
    throw new RangeError(
      `The concordance window must be a whole number of days, 0 or more (got ${windowDays}).`,
    );
  }
  const counts = {
    n: pairs.length,
    bothNone: 0,
    sameDate: 0,
    withinWindow: 0,
    beyondWindow: 0,
    oneReaderOnly: 0,
    readerAOnly: 0,
    readerBOnly: 0,
  };
  pairs.forEach(({ a, b }, i) => {
    for (const date of [a, b]) {
      if (date !== null && !isIsoDate(date)) {
        throw new RangeError(`Pair ${i + 1}: "${date}" is not a calendar date written YYYY-MM-DD.`);
      }
    }
    if (a === null && b === null) counts.bothNone++;
    else if (a === null) {
      counts.oneReaderOnly++;
      counts.readerBOnly++;
    } else if (b === null) {
      counts.oneReaderOnly++;
      counts.readerAOnly++;
    } else {
      const apart = Math.abs(daysBetween(a, b));
      if (apart === 0) counts.sameDate++;
      else if (apart <= windowDays) counts.withinWindow++;
      else counts.beyondWindow++;
    }
  });
  return counts;
}

export interface MeasurementPair {
  /** Reader 1's measurement in mm. */
  readonly a: number;
  /** Reader 2's measurement of the same lesion in mm. */
  readonly b: number;
}

export interface LimitsOfAgreement {
  readonly n: number;
  /** Mean of the differences (reader 1 - reader 2), mm; null with no differences. */
  readonly meanDifference: number | null;
  /** Sample standard deviation of the differences (n - 1 denominator), mm; null with fewer than 2. */
  readonly sd: number | null;
  /** mean - 1.96 SD and mean + 1.96 SD; null with fewer than 2 differences. */
  readonly limits: readonly [number, number] | null;
  /** Why some figure is null, in plain words; null when all are given. */
  readonly reason: string | null;
}

/**
 * Bland-Altman limits of agreement. Takes the differences themselves, or pairs of measurements whose
 * differences are reader 1 - reader 2.
 */
export function limitsOfAgreement(input: readonly number[] | readonly MeasurementPair[]): LimitsOfAgreement {
  const differences = input.map((item: number | MeasurementPair) =>
    typeof item === 'number' ? item : item.a - item.b,
  );
  differences.forEach((difference, i) => {
    if (!Number.isFinite(difference)) {
      throw new RangeError(`Measurement ${i + 1} is not a finite number of millimetres.`);
    }
  });
  const n = differences.length;
  if (n === 0) {
    return {
      n,
      meanDifference: null,
      sd: null,
      limits: null,
      reason: 'No lesion was measured by both readers.',
    };
  }
  const mean = differences.reduce((sum, d) => sum + d, 0) / n;
  if (n === 1) {
    return {
      n,
      meanDifference: mean,
      sd: null,
      limits: null,
      reason: 'One difference gives no spread: limits of agreement need at least two.',
    };
  }
  const sd = Math.sqrt(differences.reduce((sum, d) => sum + (d - mean) ** 2, 0) / (n - 1));
  return { n, meanDifference: mean, sd, limits: [mean - Z95 * sd, mean + Z95 * sd], reason: null };
}
