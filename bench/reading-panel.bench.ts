/**
 * The RECIST panel's data work after a measurement changes: stored read -> subject-read JSON ->
 * engine -> per-lesion grid (evaluateRead + lesionGrid), on a full read: 5 targets, 10 non-targets,
 * 3 new lesions, 12 timepoints, every lesion assessed everywhere. The panel must re-render within 16 ms
 * of the change (issue 4); this part should take a small share of it.
 *
 * Target: median <= 4 ms wall time and <= 4 ms CPU time per run (a quarter of the frame budget,
 * leaving the rest to Dexie and React). The p95 is printed with the load average: on a loaded machine
 * it measures the scheduler more than the code, which the CPU time per run does not.
 */
import { loadavg } from 'node:os';
import { evaluateRead } from '../src/core/reading/evaluation';
import { lesionGrid } from '../src/core/reading/grid';
import {
  defaultReadOptions,
  type Assessment,
  type AssessmentValue,
  type Lesion,
  type Timepoint,
} from '../src/core/reading/model';
import { makeMeasurement } from '../src/core/reading/size';
import type { ReadSnapshot } from '../src/core/reading/subjectRead';

const TARGET_MS = 4;
const RUNS = 500;
const at = '2026-01-01T00:00:00.000Z';
const image = {
  studyInstanceUid: '1.2',
  seriesInstanceUid: '1.2.3',
  sopInstanceUid: '1.2.3.4',
  frameIndex: 0,
};

function bidirectional(longMm: number, shortMm: number) {
  return makeMeasurement({
    image,
    tool: 'Bidirectional',
    longAxis: [
      [0, 0, 0],
      [longMm, 0, 0],
    ],
    shortAxis: [
      [longMm / 2, -shortMm / 2, 0],
      [longMm / 2, shortMm / 2, 0],
    ],
  });
}

function fullRead(): ReadSnapshot {
  const timepoints: Timepoint[] = Array.from({ length: 12 }, (_, k) => ({
    id: `tp${k}`,
    subjectId: 's',
    visitName: k === 0 ? 'Baseline' : `Week ${8 * k}`,
    studies: [
      {
        studyInstanceUid: `1.${k}`,
        patientId: 'P',
        studyDate: new Date(Date.UTC(2026, 0, 2 + 56 * k)).toISOString().slice(0, 10),
      },
    ],
    createdAt: at,
  }));
  const targetSites = ['liver.s2', 'liver.s6', 'lung.rul', 'ln.aortocaval', 'pancreas.head'];
  const lesion = (id: string, label: string, kind: Lesion['kind'], locationCode: string): Lesion => ({
    id,
    readId: 'r',
    label,
    kind,
    locationCode,
    description: '',
    multiple: false,
    trackingUid: `2.25.${id.length}`,
    firstSeenTimepointId: kind === 'new' ? 'tp3' : null,
    deleted: false,
    createdAt: at,
  });
  const lesions = [
    ...targetSites.map((code, i) => lesion(`t${i}`, `T${i + 1}`, 'target', code)),
    ...Array.from({ length: 10 }, (_, i) => lesion(`nt${i}`, `NT${i + 1}`, 'non-target', 'peritoneum')),
    ...Array.from({ length: 3 }, (_, i) => lesion(`n${i}`, `N${i + 1}`, 'new', 'bone.spine.lumbar')),
  ];
  const assessments: Assessment[] = [];
  timepoints.forEach((tp, k) => {
    for (const l of lesions) {
      let value: AssessmentValue;
      if (l.kind === 'target') value = { status: 'measured', fragments: [bidirectional(40 - k, 20 - k / 2)] };
      else if (l.kind === 'non-target') value = { status: 'present', marker: null };
      else if (k < 3) continue;
      else value = { status: 'equivocal', measurement: null, marker: null };
      assessments.push({ readId: 'r', lesionId: l.id, timepointId: tp.id, value, updatedAt: at });
    }
  });
  return {
    read: {
      id: 'r',
      subjectId: 's',
      readerId: 'me',
      criteria: 'RECIST1.1',
      baselineTimepointId: null,
      role: null,
      readerNumber: null,
      options: defaultReadOptions,
      createdAt: at,
    },
    subject: {
      id: 's',
      label: 'S-1',
      patientIds: ['P'],
      enrollmentDate: '2026-01-05',
      deathDate: null,
      newAnticancerTherapyDate: null,
      site: null,
      treatmentStartDate: null,
      createdAt: at,
    },
    timepoints,
    lesions,
    assessments,
  };
}

export async function run(): Promise<void> {
  const snapshot = fullRead();
  for (let i = 0; i < 50; i += 1) evaluateRead(snapshot); // warm-up (JIT)
  const times: number[] = [];
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    const evaluation = evaluateRead(snapshot);
    lesionGrid(snapshot);
    times.push(performance.now() - start);
    if (evaluation.result === null) throw new Error('the bench read did not evaluate');
  }
  const cpu = process.cpuUsage(cpuStart);
  const cpuPerRunMs = (cpu.user + cpu.system) / 1000 / RUNS;
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
  const median = pct(50);
  const met = median <= TARGET_MS && cpuPerRunMs <= TARGET_MS;
  process.stdout.write(
    `panel data (evaluateRead + lesionGrid), 18 lesions x 12 timepoints, ${RUNS} runs:\n` +
      `  wall median ${median.toFixed(2)} ms, p95 ${pct(95).toFixed(2)} ms (load average ${loadavg()[0]!.toFixed(1)}), ` +
      `CPU ${cpuPerRunMs.toFixed(2)} ms per run\n` +
      `  target median and CPU <= ${TARGET_MS} ms: ${met ? 'MET' : 'NOT MET'}\n`,
  );
}
