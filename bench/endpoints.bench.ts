/**
 * Cohort endpoints for 500 subjects in one process, as `recist-ws endpoints` computes them: each
 * generated read validated and evaluated, then best responses, ORR/DCR with exact CIs and Kaplan-Meier
 * PFS and DOR. Target (issue 12): 50 ms (median of the timed runs).
 */
import { cohortEndpoints } from '../src/core/endpoints';
import { evaluateInput } from '../src/core/recist';
import { generateSubjects } from './recist.bench';

const SUBJECTS = 500;
const RUNS = 15;
const TARGET_MS = 50;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function run(): Promise<void> {
  // The generator alternates RECIST 1.1 and iRECIST; a cohort is read with one criteria.
  const raw = generateSubjects(SUBJECTS * 2).filter((_, i) => i % 2 === 0);
  const work = () => {
    const results = raw.map((input) => {
      const outcome = evaluateInput(input);
      if (!outcome.ok) throw new Error(`a generated read is invalid: ${outcome.errors[0]?.message}`);
      return outcome.result;
    });
    return cohortEndpoints(results);
  };
  const first = work();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  const ms = median(times);
  process.stdout.write(
    `${raw.length} subjects: ORR ${first.orr.responders}/${first.orr.n}, PFS events ${first.pfs.events}; ` +
      `median ${ms.toFixed(1)} ms (best ${Math.min(...times).toFixed(1)} ms) over ${RUNS} runs\n` +
      `target: <= ${TARGET_MS} ms: ${ms <= TARGET_MS ? 'meets' : 'MISSES'} it\n`,
  );
  return Promise.resolve();
}
