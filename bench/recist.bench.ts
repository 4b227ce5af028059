/**
 * RECIST engine throughput: 10,000 subjects x 12 timepoints x 8 lesions (5 targets, 3 non-targets),
 * generated deterministically from a seed, half RECIST 1.1 and half iRECIST. Prints subjects evaluated
 * per second (parsed reads in, results out) and, separately, validate + evaluate (unknown JSON in).
 * Target: >= 20,000 subjects/s for evaluation in one process.
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseSubjectRead, type SubjectRead, type SubjectReadInput } from '../src/core/model';
import { evaluateInput, evaluateSubject } from '../src/core/recist';

const SUBJECTS = 10_000;
const TIMEPOINTS = 12;
const TARGETS = 5;
const NON_TARGETS = 3;
const TARGET_PER_SECOND = 20_000;

/** mulberry32: a small, fast, seedable PRNG, so every run measures the same subjects. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function isoDay(offset: number): string {
  return new Date(Date.UTC(2026, 0, 5) + offset * 86_400_000).toISOString().slice(0, 10);
}

const ORGANS = ['liver', 'lung', 'bone', 'kidney', 'adrenal'];

/** One subject whose tumour burden drifts (shrinks, holds or grows) with measurement noise. */
function subject(index: number, rand: () => number): SubjectReadInput {
  const trend = rand() * 0.3 - 0.2; // per-assessment relative change, -20% .. +10%
  const sizes = Array.from({ length: TARGETS }, () => 10 + Math.round(rand() * 700) / 10);
  const timepoints: SubjectReadInput['timepoints'] = [];
  for (let k = 0; k < TIMEPOINTS; k++) {
    const measurements: Record<
      string,
      { mm: number } | { status: 'too-small' | 'absent' | 'not-evaluated' }
    > = {};
    sizes.forEach((size, i) => {
      const value = size * (1 + trend) ** k * (0.95 + rand() * 0.1);
      const roll = rand();
      if (k > 0 && roll < 0.02) measurements[`T${i + 1}`] = { status: 'not-evaluated' };
      else if (value < 3) measurements[`T${i + 1}`] = { status: 'absent' };
      else if (value < 5) measurements[`T${i + 1}`] = { status: 'too-small' };
      else measurements[`T${i + 1}`] = { mm: Math.round(value * 10) / 10 };
    });
    const nonTarget: Record<string, 'present' | 'absent' | 'unequivocal-progression'> = {};
    for (let j = 1; j <= NON_TARGETS; j++) {
      nonTarget[`NT${j}`] =
        k > 6 && rand() < 0.03 ? 'unequivocal-progression' : rand() < 0.2 ? 'absent' : 'present';
    }
    const newLesions =
      k > 3 && rand() < 0.05
        ? [
            {
              id: `N${k}`,
              organ: 'liver',
              status: rand() < 0.5 ? ('equivocal' as const) : ('unequivocal' as const),
              mm: 8 + Math.round(rand() * 120) / 10,
            },
          ]
        : [];
    timepoints.push({
      id: k === 0 ? 'BL' : `W${6 * k}`,
      date: isoDay(k === 0 ? -3 : 42 * k),
      measurements,
      nonTarget,
      newLesions,
    });
  }
  return {
    criteria: index % 2 === 0 ? 'RECIST1.1' : 'iRECIST',
    subject: { id: `S${index}`, enrollmentDate: isoDay(0), deathDate: null, newAnticancerTherapyDate: null },
    lesions: [
      ...Array.from({ length: TARGETS }, (_, i) => ({
        id: `T${i + 1}`,
        kind: 'target' as const,
        organ: ORGANS[i % ORGANS.length]!,
        nodal: false,
      })),
      ...Array.from({ length: NON_TARGETS }, (_, j) => ({
        id: `NT${j + 1}`,
        kind: 'non-target' as const,
        organ: 'peritoneum',
        nodal: false,
      })),
    ],
    timepoints,
  };
}

const ROUNDS = 5;

interface Rate {
  /** Subjects per wall-clock second. */
  readonly wall: number;
  /** Subjects per second of this process's CPU time: what the machine does for us when other work
   *  competes for its cores (wall-clock alone then measures the neighbours). */
  readonly cpu: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** One warm-up pass (JIT), then ROUNDS timed passes; the best and the median of each measure. */
function measure(label: string, work: () => void): Rate {
  work();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    work();
    wall.push(SUBJECTS / ((performance.now() - start) / 1000));
    const used = process.cpuUsage(cpuStart);
    cpu.push(SUBJECTS / ((used.user + used.system) / 1e6));
  }
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(8);
  process.stdout.write(
    `${label.padEnd(20)} best ${fmt(Math.max(...wall))} (median ${fmt(median(wall))}) subjects/s wall-clock; ` +
      `best ${fmt(Math.max(...cpu))} (median ${fmt(median(cpu))}) per CPU-second\n`,
  );
  return { wall: Math.max(...wall), cpu: Math.max(...cpu) };
}

/** The benchmark's subjects as plain data: a JSON round trip gives what a file gives the engine. */
export function generateSubjects(count = SUBJECTS, seed = 20260105): unknown[] {
  const rand = random(seed);
  return Array.from({ length: count }, (_, i) => JSON.parse(JSON.stringify(subject(i, rand))) as unknown);
}

export function run(): Promise<void> {
  const raw = generateSubjects();
  const reads: SubjectRead[] = raw.map((input, i) => {
    const parsed = parseSubjectRead(input);
    if (!parsed.ok) throw new Error(`generated subject ${i} is invalid: ${parsed.errors[0]?.message}`);
    return parsed.read;
  });

  process.stdout.write(
    `${SUBJECTS.toLocaleString('en-US')} subjects x ${TIMEPOINTS} timepoints x ${TARGETS + NON_TARGETS} lesions (half RECIST 1.1, half iRECIST)\n`,
  );
  let responses = 0;
  const evaluation = measure('evaluate', () => {
    for (const read of reads) responses += evaluateSubject(read).timepoints.length;
  });
  measure('validate + evaluate', () => {
    for (const input of raw) if (evaluateInput(input).ok) responses++;
  });
  const load = loadavg()[0] ?? 0;
  const verdict = (rate: number) => (rate >= TARGET_PER_SECOND ? 'meets' : 'MISSES');
  process.stdout.write(
    `target: >= ${TARGET_PER_SECOND.toLocaleString('en-US')} subjects/s evaluated (best of ${ROUNDS}): ${verdict(evaluation.wall)} it wall-clock, ` +
      `${verdict(evaluation.cpu)} it per CPU-second (load average ${load.toFixed(1)} on ${availableParallelism()} cores; ` +
      `${responses.toLocaleString('en-US')} results computed)\n`,
  );
  return Promise.resolve();
}
