/**
 * RECIST 1.1 timepoint responses, in date order. Each timepoint depends on the earlier ones only through
 * the nadir, a CR at the previous assessment (reappearance is PD) and a confirmed PR (kept as PR).
 */
import type { TimepointResult } from '../model';
import { confirms, kindOf, type AssessmentPoint, type ResponseKind } from './best-response';
import type { SubjectContext } from './context';
import { baselineRow, categoryFindings, explanation, reasons, sumFields } from './rows';
import { overallResponse } from './tables';

/**
 * Tracks when the "PR is kept" rule starts: once a response is confirmed (or, without confirmation,
 * assigned), later timepoints with every target assessed that are neither PD nor CR report PR. A PD ends
 * it: a response after a progression is a new episode and needs its own confirmation.
 */
export class KeptResponse {
  private points: AssessmentPoint[] = [];
  private since: string | null = null;

  constructor(
    private readonly confirmationRequired: boolean,
    private readonly confirmationMinDays: number,
  ) {}

  get keptSince(): string | null {
    return this.since;
  }

  /** Records an assessment (its response already final). */
  add(id: string, kind: ResponseKind, day: number, date: string): void {
    if (kind === 'PD') {
      this.points = [];
      this.since = null;
      return;
    }
    this.points.push({ kind, day, date });
    if (this.since !== null || (kind !== 'CR' && kind !== 'PR')) return;
    if (!this.confirmationRequired) {
      this.since = id;
      return;
    }
    const j = this.points.length - 1;
    const rule = { confirmationMinDays: this.confirmationMinDays };
    for (let i = 0; i < j; i++) {
      if (confirms(this.points, i, j, 'PR', rule)) {
        this.since = id;
        return;
      }
    }
  }
}

/** Remembers the last assessment that was not NE: an overall CR there makes any reappearance PD. */
export class PreviousAssessment {
  private last: { kind: ResponseKind; id: string } | null = null;

  get crAt(): string | null {
    return this.last?.kind === 'CR' ? this.last.id : null;
  }

  add(id: string, kind: ResponseKind): void {
    if (kind !== 'NE') this.last = { kind, id };
  }
}

export function recist11Timeline(ctx: SubjectContext): TimepointResult[] {
  const { read } = ctx;
  const rows: TimepointResult[] = [baselineRow(ctx)];
  const kept = new KeptResponse(read.options.confirmationRequired, read.options.confirmationMinDays);
  const previous = new PreviousAssessment();

  for (let k = 1; k < read.timepoints.length; k++) {
    const tp = read.timepoints[k]!;
    const findings = categoryFindings(ctx, k, { afterCR: previous.crAt, keptSince: kept.keptSince });
    const overall = overallResponse(
      findings.target?.code ?? 'NA',
      findings.nonTarget.code,
      findings.newLesions.code,
    );
    rows.push({
      id: tp.id,
      date: tp.date,
      ...sumFields(ctx, k),
      target: findings.target?.code ?? 'NA',
      nonTarget: findings.nonTarget.code,
      newLesions: findings.newLesions.code,
      overall,
      explanation: explanation(overall, reasons(findings, overall === 'PD')),
    });
    const kind = kindOf(overall);
    previous.add(tp.id, kind);
    kept.add(tp.id, kind, ctx.days[k]!, tp.date);
  }
  return rows;
}
