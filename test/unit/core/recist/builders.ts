/**
 * A compact way to write subject reads in tests: lesions as "T1:liver" ("L1:node" is a lymph node),
 * timepoints by day offset from enrolment, measurements as numbers (mm) or status words.
 */
import {
  SubjectReadSchema,
  type NewLesion,
  type NonTargetStatus,
  type SubjectRead,
  type SubjectReadInput,
  type SubjectResult,
} from '../../../../src/core/model';
import { evaluateSubject } from '../../../../src/core/recist';

export const ENROLLMENT = '2026-01-05';

/** The ISO date `n` days after enrolment (negative: before). */
export function day(n: number): string {
  const base = Date.UTC(2026, 0, 5);
  return new Date(base + n * 86_400_000).toISOString().slice(0, 10);
}

export type M = number | 'too-small' | 'absent' | 'not-evaluated' | { merged: string };

export interface TpSpec {
  id?: string;
  day: number;
  m?: Record<string, M>;
  nt?: Record<string, NonTargetStatus>;
  nl?: (Partial<NewLesion> & { id: string })[];
  slice?: number;
}

export interface ReadSpec {
  criteria?: 'RECIST1.1' | 'iRECIST';
  options?: SubjectReadInput['options'];
  subject?: Partial<SubjectReadInput['subject']>;
  targets?: string[];
  nonTargets?: string[];
  timepoints: TpSpec[];
}

function lesion(spec: string, kind: 'target' | 'non-target') {
  const [id = spec, organ] = spec.split(':');
  const nodal = organ === 'node';
  return { id, kind, organ: nodal ? 'lymph node' : (organ ?? `organ of ${id}`), nodal };
}

function measurement(m: M) {
  if (typeof m === 'number') return { mm: m };
  if (typeof m === 'object') return { status: 'merged' as const, into: m.merged };
  return { status: m };
}

export function makeRead(spec: ReadSpec): SubjectRead {
  const input: SubjectReadInput = {
    criteria: spec.criteria ?? 'RECIST1.1',
    options: spec.options ?? {},
    subject: { id: 'S1', enrollmentDate: ENROLLMENT, ...spec.subject },
    lesions: [
      ...(spec.targets ?? []).map((t) => lesion(t, 'target')),
      ...(spec.nonTargets ?? []).map((t) => lesion(t, 'non-target')),
    ],
    timepoints: spec.timepoints.map((tp, i) => ({
      id: tp.id ?? (i === 0 ? 'BL' : `D${tp.day}`),
      date: day(tp.day),
      sliceThicknessMm: tp.slice ?? null,
      measurements: Object.fromEntries(
        Object.entries(tp.m ?? {})
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, measurement(v)]),
      ),
      nonTarget: tp.nt ?? {},
      newLesions: (tp.nl ?? []).map((l) => ({ organ: 'liver', status: 'unequivocal' as const, ...l })),
    })),
  };
  return SubjectReadSchema.parse(input);
}

export function evaluate(spec: ReadSpec): SubjectResult {
  return evaluateSubject(makeRead(spec));
}

/** Overall responses of the follow-up timepoints (baseline left out). */
export function overalls(result: SubjectResult): string[] {
  return result.timepoints.slice(1).map((t) => t.overall);
}

/** Target responses of the follow-up timepoints. */
export function targets(result: SubjectResult): string[] {
  return result.timepoints.slice(1).map((t) => t.target);
}
