/**
 * Kaplan-Meier estimate for one cohort (PFS, DOR), computed as R survival's survfit, quantile.survfit,
 * summary.survfit(extend = TRUE) and survmean do (../shared/contracts/endpoints.md), so a sponsor's
 * statistician recomputing in R gets the same numbers. test/fixtures/km holds R's output to compare with.
 * `null` marks a value R reports as NA/NaN/Inf: a quantile or limit not reached, or a limit undefined.
 */

export type KmConfType = 'log-log' | 'log' | 'plain';

export interface KmRow {
  readonly subject: string;
  readonly timeDays: number;
  /** true: progression or death; false: censored. */
  readonly event: boolean;
}

export interface KmOptions {
  /** Default log-log (SAS PROC LIFETEST's default, the usual SAP choice). */
  readonly confType?: KmConfType;
  /** At-risk table times; default 0, 90, 180, 270, 360. */
  readonly times?: readonly number[];
  /** Restricted mean survival time up to this day; off when absent or null. */
  readonly rmstTau?: number | null;
}

export interface KmStep {
  readonly time: number;
  readonly nRisk: number;
  readonly nEvent: number;
  readonly nCensor: number;
  readonly surv: number;
  /** Greenwood standard error of the cumulative hazard; null once S reaches 0 (R: Inf). */
  readonly stdErr: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface KmQuantile {
  readonly p: number;
  readonly estimate: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface KmAtRisk {
  readonly time: number;
  readonly nRisk: number;
  readonly surv: number;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface KmResult {
  readonly n: number;
  readonly events: number;
  readonly censored: number;
  readonly confType: KmConfType;
  readonly confLevel: number;
  readonly steps: KmStep[];
  readonly median: {
    readonly estimate: number | null;
    readonly lower: number | null;
    readonly upper: number | null;
  };
  readonly quantiles: KmQuantile[];
  readonly atRisk: KmAtRisk[];
  readonly rmst: { readonly tau: number; readonly estimate: number; readonly stdErr: number } | null;
}

export const KM_DEFAULT_TIMES: readonly number[] = [0, 90, 180, 270, 360];
export const KM_QUANTILE_PROBS: readonly number[] = [0.25, 0.5, 0.75];
/** qnorm(0.975) in full; 1.96 would differ from R and SAS in the fourth digit of a limit. */
const Z = 1.959963984540054;
/** R's tolerance for quantiles: sqrt(.Machine$double.eps). */
const TOLERANCE = Math.sqrt(2 ** -52);

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** survival:::survfit_confint with logse = TRUE. */
function confidenceLimits(
  surv: number,
  se: number,
  confType: KmConfType,
): { lower: number | null; upper: number | null } {
  if (confType === 'plain') {
    const se2 = se * surv * Z;
    // NaN when S = 0 (0 x Inf), as in R, where pmax/pmin keep NaN.
    return { lower: finiteOrNull(Math.max(surv - se2, 0)), upper: finiteOrNull(Math.min(surv + se2, 1)) };
  }
  if (confType === 'log') {
    if (surv === 0) return { lower: null, upper: null };
    const se2 = Z * se;
    return {
      lower: finiteOrNull(Math.exp(Math.log(surv) - se2)),
      upper: finiteOrNull(Math.min(Math.exp(Math.log(surv) + se2), 1)),
    };
  }
  if (surv === 0 || surv === 1) return { lower: null, upper: null };
  const se2 = (Z * se) / Math.log(surv);
  return {
    lower: finiteOrNull(Math.exp(-Math.exp(Math.log(-Math.log(surv)) - se2))),
    upper: finiteOrNull(Math.exp(-Math.exp(Math.log(-Math.log(surv)) + se2))),
  };
}

/** Index of the smallest shifted value >= p (R's approx(method = "constant", f = 1)), or -1. */
function firstAtOrAbove(values: readonly number[], p: number): number {
  let best = -1;
  let smallest = Number.NaN;
  let min = Infinity;
  for (let k = 0; k < values.length; k += 1) {
    const v = values[k]!;
    if (Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v >= p && !(v >= smallest)) {
      smallest = v;
      best = k;
    }
  }
  // approx's rule = 1: below the smallest value is NA too.
  return p < min ? -1 : best;
}

/**
 * survival:::findq: x the times (0 first), y the cumulative distribution 1 - S (0 first; NaN where a
 * limit is undefined). The tolerance turns "S equals 1 - p on a flat stretch" into the midpoint rule.
 */
function findQuantiles(
  x: readonly number[],
  y: readonly number[],
  probs: readonly number[],
): (number | null)[] {
  const present = y.filter((v) => !Number.isNaN(v));
  if (Math.max(...present) < Math.min(...probs)) return probs.map(() => null);
  const xmax = x[x.length - 1]!;
  // R drops repeated y values (missing ones too, as one value), keeping the first time of each.
  const xs: number[] = [];
  const ys: number[] = [];
  const seen = new Set<number>();
  for (let k = 0; k < y.length; k += 1) {
    const key = y[k]!;
    if (seen.has(key)) continue;
    seen.add(key);
    xs.push(x[k]!);
    ys.push(key);
  }
  const up = ys.map((v) => v + TOLERANCE);
  const down = ys.map((v) => v - TOLERANCE);
  const last = ys[ys.length - 1]!;
  return probs.map((p) => {
    const i1 = firstAtOrAbove(up, p);
    const i2 = firstAtOrAbove(down, p);
    if (!Number.isNaN(last) && Math.abs(p - last) < TOLERANCE) return i1 < 0 ? null : (xs[i1]! + xmax) / 2;
    return i1 < 0 || i2 < 0 ? null : (xs[i1]! + xs[i2]!) / 2;
  });
}

function buildSteps(rows: readonly KmRow[], confType: KmConfType): KmStep[] {
  const byTime = new Map<number, { events: number; censored: number }>();
  for (const row of rows) {
    const entry = byTime.get(row.timeDays) ?? { events: 0, censored: 0 };
    if (row.event) entry.events += 1;
    else entry.censored += 1;
    byTime.set(row.timeDays, entry);
  }
  const times = [...byTime.keys()].sort((a, b) => a - b);
  const steps: KmStep[] = [];
  let nRisk = rows.length;
  let surv = 1;
  let varHazard = 0;
  for (const time of times) {
    const { events, censored } = byTime.get(time)!;
    // Events before censorings at one time: a subject censored at t is still at risk at t.
    surv *= 1 - events / nRisk;
    varHazard += events === 0 ? 0 : events / (nRisk * (nRisk - events));
    const stdErr = Math.sqrt(varHazard);
    steps.push({
      time,
      nRisk,
      nEvent: events,
      nCensor: censored,
      surv,
      stdErr: finiteOrNull(stdErr),
      ...confidenceLimits(surv, stdErr, confType),
    });
    nRisk -= events + censored;
  }
  return steps;
}

function atRiskTable(steps: readonly KmStep[], times: readonly number[]): KmAtRisk[] {
  return times.map((time) => {
    let row: KmStep | null = null;
    let nRisk = 0;
    for (const step of steps) {
      if (step.time <= time) row = step;
      if (step.time >= time) {
        nRisk = step.nRisk;
        break;
      }
    }
    // Before the first observed time R reports S = 1 with limits 1 (survfit0's added time-0 row).
    if (row === null) return { time, nRisk, surv: 1, lower: 1, upper: 1 };
    return { time, nRisk, surv: row.surv, lower: row.lower, upper: row.upper };
  });
}

/** survival:::survmean's restricted mean from 0 to tau and its standard error. */
function restrictedMean(
  steps: readonly KmStep[],
  tau: number,
): { tau: number; estimate: number; stdErr: number } {
  const kept = steps.filter((step) => step.time <= tau);
  if (kept.length === 0) return { tau, estimate: tau, stdErr: 0 };
  const times = [...kept.map((s) => s.time), tau];
  const survs = [...kept.map((s) => s.surv), kept[kept.length - 1]!.surv];
  const hazards = [
    ...kept.map((s) => (s.nRisk - s.nEvent === 0 ? 0 : s.nEvent / (s.nRisk * (s.nRisk - s.nEvent)))),
    0,
  ];
  const rectangles = times.map((t, i) => (t - (i === 0 ? 0 : times[i - 1]!)) * (i === 0 ? 1 : survs[i - 1]!));
  let area = 0;
  let variance = 0;
  // Area from each time to tau, accumulated backwards, weights that time's hazard increment.
  for (let i = rectangles.length - 1; i >= 1; i -= 1) {
    area += rectangles[i]!;
    variance += area * area * hazards[i - 1]!;
  }
  const estimate = rectangles.reduce((sum, r) => sum + r, 0);
  return { tau, estimate, stdErr: Math.sqrt(variance) };
}

export function kaplanMeier(rows: readonly KmRow[], options: KmOptions = {}): KmResult {
  const confType = options.confType ?? 'log-log';
  const steps = buildSteps(rows, confType);
  const events = rows.filter((row) => row.event).length;
  const x = [0, ...steps.map((s) => s.time)];
  const probs = KM_QUANTILE_PROBS;
  const missing = (v: number | null) => (v === null ? Number.NaN : 1 - v);
  const estimates =
    steps.length === 0
      ? probs.map(() => null)
      : findQuantiles(x, [0, ...steps.map((s) => 1 - s.surv)], probs);
  const lowers =
    steps.length === 0
      ? probs.map(() => null)
      : findQuantiles(x, [0, ...steps.map((s) => missing(s.lower))], probs);
  const uppers =
    steps.length === 0
      ? probs.map(() => null)
      : findQuantiles(x, [0, ...steps.map((s) => missing(s.upper))], probs);
  const quantiles = probs.map((p, i) => ({
    p,
    estimate: estimates[i]!,
    lower: lowers[i]!,
    upper: uppers[i]!,
  }));
  const median = quantiles.find((q) => q.p === 0.5)!;
  const tau = options.rmstTau ?? null;
  return {
    n: rows.length,
    events,
    censored: rows.length - events,
    confType,
    confLevel: 0.95,
    steps,
    median: { estimate: median.estimate, lower: median.lower, upper: median.upper },
    quantiles,
    atRisk: atRiskTable(steps, options.times ?? KM_DEFAULT_TIMES),
    rmst: tau === null || steps.length === 0 ? null : restrictedMean(steps, tau),
  };
}
