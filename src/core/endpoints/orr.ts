/**
 * Response rates (ORR, DCR) with the exact Clopper-Pearson interval, as R's binom.test and SAS PROC
 * FREQ's EXACT BINOMIAL compute it (../shared/contracts/endpoints.md, "endpoints output").
 *
 * The interval's limits are Beta quantiles, i.e. inverses of the regularized incomplete beta function.
 * They come from @stdlib's Beta quantile (a port of Boost's ibeta_inv, accurate to a few ulps) rather
 * than a normal or Wilson approximation, because a sponsor's statistician recomputes these numbers
 * and an approximation differs from R in the second or third digit for small cohorts.
 */
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';

export interface ConfidenceInterval {
  readonly lower: number;
  readonly upper: number;
}

export interface ResponseRate {
  readonly responders: number;
  readonly n: number;
  /** responders / n. Rate and limits are null when n is 0: an empty population has no rate. */
  readonly rate: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  /** In words, who was counted (e.g. "all subjects with a baseline read (ITT)"). */
  readonly population: string;
}

function checkCounts(x: number, n: number): void {
  if (!Number.isInteger(x) || !Number.isInteger(n) || n < 1 || x < 0 || x > n) {
    throw new RangeError(
      `A response count needs whole numbers with 0 <= x <= n and n >= 1 (got ${x} of ${n})`,
    );
  }
}

/**
 * Two-sided exact interval for x successes in n trials: lower = Beta quantile (1 - level) / 2 with
 * (x, n - x + 1), 0 when x = 0; upper = Beta quantile (1 + level) / 2 with (x + 1, n - x), 1 when x = n.
 */
export function clopperPearson(x: number, n: number, level = 0.95): ConfidenceInterval {
  checkCounts(x, n);
  if (!(level > 0 && level < 1))
    throw new RangeError(`A confidence level lies between 0 and 1 (got ${level})`);
  const alpha = 1 - level;
  const lower = x === 0 ? 0 : betaQuantile(alpha / 2, x, n - x + 1);
  const upper = x === n ? 1 : betaQuantile(1 - alpha / 2, x + 1, n - x);
  return { lower, upper };
}

/** The rate and its exact interval for `responders` of `n` subjects. */
export function responseRate(responders: number, n: number, population: string, level = 0.95): ResponseRate {
  if (n === 0 && responders === 0) return { responders, n, rate: null, lower: null, upper: null, population };
  const { lower, upper } = clopperPearson(responders, n, level);
  return { responders, n, rate: responders / n, lower, upper, population };
}
