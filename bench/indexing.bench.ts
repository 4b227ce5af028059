/**
 * Indexing speed: files/s and MB/s of the import's header reading (scanPaths, worker threads) beside
 * dcmtk's dcmdump doing the same header read (`dcmdump -q -M +sb 7fe0,0010`, many files per
 * invocation) on the same files, both with a warm page cache and the same number of cores.
 *
 * Datasets: ../shared/data/ct-chest-lidc-0314 (275 files), and a generated tree of 5,500 files:
 * 20 copies of that CT with new Study/Series/SOP Instance UIDs (same-length byte rewrite), made in a
 * temporary folder and removed afterwards.
 *
 * In process: ratio (ours / dcmdump) >= 1.0, aim 1.5. dcmdump runs both as WORKERS parallel processes
 * and as one process (process start-up makes one process faster on small sets); the ratio is taken
 * against whichever was faster.
 *
 * Whole processes, as a person would time them: `node out/cli/index.js index <tree>` (the built CLI,
 * rebuilt first) against `dcmdump -q -M +sb 7fe0,0010 <all 5,500 files>` in one call, both spawned the
 * same way with output to /dev/null, one untimed warm-up each, then the median of 3 (interleaved, so
 * load from elsewhere falls on both). Target: dcmdump's time / ours >= 1.5. And `evaluate` of one
 * read: < 150 ms. The CLI from its sources under tsx (what `npm run cli` ran before the bundle) is
 * timed beside it for comparison.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseHeaderBytes } from '../src/core/dicom/readHeader';
import { createHeaderParser, type HeaderParser } from '../src/node/import/headerPool';
import { scanPaths } from '../src/node/import/scanPaths';

const CT = resolve(process.cwd(), '../shared/data/ct-chest-lidc-0314');
const TARGET_RATIO = 1.0;
const AIM_RATIO = 1.5;
const RUNS = 5;
const DCMDUMP_FILES_PER_CALL = 1000;
const WORKERS = Math.min(2, availableParallelism());
const GENERATED_COPIES = 20;
const PROCESS_RUNS = 3;
const PROCESS_TARGET_RATIO = 1.5;
const EVALUATE_TARGET_MS = 150;
const ROOT = resolve(import.meta.dirname, '..');
const CLI_BUNDLE = join(ROOT, 'out/cli/index.js');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const READ = join(ROOT, 'test/fixtures/recist/reads/g01-contract-example.json');

interface Dataset {
  readonly name: string;
  readonly root: string;
  readonly files: string[];
  readonly bytes: number;
}

function listFiles(root: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else if (entry.isFile()) out.push(path);
  }
  return out.sort();
}

function dataset(name: string, root: string): Dataset {
  const files = listFiles(root);
  return { name, root, files, bytes: files.reduce((sum, file) => sum + statSync(file).size, 0) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** `uid` with its last `digits` characters replaced by `suffix` (same length, still a valid UID). */
function rewriteUid(uid: string, suffix: string): string {
  const lastComponent = uid.slice(uid.lastIndexOf('.') + 1);
  if (lastComponent.length <= suffix.length) throw new Error(`UID ${uid} is too short to rewrite in place`);
  return uid.slice(0, uid.length - suffix.length) + suffix;
}

function replaceAll(buffer: Buffer, from: string, to: string): void {
  const needle = Buffer.from(from, 'latin1');
  const replacement = Buffer.from(to, 'latin1');
  for (let at = buffer.indexOf(needle); at !== -1; at = buffer.indexOf(needle, at + needle.length)) {
    replacement.copy(buffer, at);
  }
}

/** `copies` copies of the CT as separate patients/studies/series with new UIDs. */
function generateTree(source: Dataset, copies: number): Dataset {
  const root = mkdtempSync(join(tmpdir(), 'recist-bench-indexing-'));
  const originals = source.files.map((file) => {
    const bytes = readFileSync(file);
    const result = parseHeaderBytes(
      new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
      bytes.length,
    );
    if (result.kind !== 'instance') throw new Error(`${file} is not an indexable instance`);
    return { bytes, header: result.header };
  });
  for (let copy = 1; copy <= copies; copy += 1) {
    const folder = join(root, `patient${String(copy).padStart(2, '0')}`, 'study1', 'series1');
    mkdirSync(folder, { recursive: true });
    originals.forEach(({ bytes, header }, index) => {
      const clone = Buffer.from(bytes);
      const tag = String(copy).padStart(6, '0');
      replaceAll(clone, header.studyInstanceUid, rewriteUid(header.studyInstanceUid, tag));
      replaceAll(clone, header.seriesInstanceUid, rewriteUid(header.seriesInstanceUid, tag));
      replaceAll(
        clone,
        header.sopInstanceUid,
        rewriteUid(header.sopInstanceUid, String(copy * 1000 + index).padStart(6, '0')),
      );
      writeFileSync(join(folder, `IM${String(index).padStart(4, '0')}.dcm`), clone);
    });
  }
  return dataset(`generated tree (${copies} copies of the CT, new UIDs)`, root);
}

function warmPageCache(files: readonly string[]): void {
  for (const file of files) readFileSync(file);
}

async function timeOurs(data: Dataset, parser: HeaderParser): Promise<number> {
  let imported = 0;
  const started = performance.now();
  const summary = await scanPaths([data.root], {
    workers: WORKERS,
    parser,
    onBatch: (batch) => {
      imported += batch.instances.length;
    },
  });
  const seconds = (performance.now() - started) / 1000;
  if (summary.progress.scanned !== data.files.length || imported !== data.files.length) {
    throw new Error(
      `${data.name}: indexed ${imported} of ${data.files.length} files (${JSON.stringify(summary)})`,
    );
  }
  return seconds;
}

function runDcmdump(files: readonly string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('dcmdump', ['-q', '-M', '+sb', '7fe0,0010', ...files], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolvePromise() : reject(new Error(`dcmdump exited ${code}: ${errors}`)),
    );
  });
}

/** dcmdump over all files: `processes` invocations at a time, each given up to DCMDUMP_FILES_PER_CALL files. */
async function timeDcmdump(data: Dataset, processes: number): Promise<number> {
  const calls: string[][] = [];
  for (let i = 0; i < data.files.length; i += DCMDUMP_FILES_PER_CALL) {
    calls.push(data.files.slice(i, i + DCMDUMP_FILES_PER_CALL));
  }
  // Spread small datasets over every process too.
  while (calls.length < processes && calls.some((c) => c.length > 1)) {
    const largest = calls.sort((a, b) => b.length - a.length).shift()!;
    calls.push(largest.slice(0, largest.length / 2), largest.slice(largest.length / 2));
  }
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: processes }, async () => {
      while (next < calls.length) await runDcmdump(calls[next++]!);
    }),
  );
  return (performance.now() - started) / 1000;
}

function rate(data: Dataset, seconds: number) {
  return { filesPerSecond: data.files.length / seconds, megabytesPerSecond: data.bytes / 1e6 / seconds };
}

const format = (n: number) => Math.round(n).toLocaleString('en-US');

async function measure(data: Dataset, parser: HeaderParser) {
  warmPageCache(data.files);
  // JIT and cache warm-up, not counted.
  await timeOurs(data, parser);
  await timeOurs(data, parser);
  await timeDcmdump(data, WORKERS);
  const ours: number[] = [];
  const dcmdump: number[] = [];
  const dcmdumpSingle: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    ours.push(await timeOurs(data, parser));
    dcmdump.push(await timeDcmdump(data, WORKERS));
    dcmdumpSingle.push(await timeDcmdump(data, 1));
  }
  return {
    ours: rate(data, median(ours)),
    dcmdump: rate(data, median(dcmdump)),
    dcmdumpSingle: rate(data, median(dcmdumpSingle)),
  };
}

export async function run(): Promise<void> {
  if (spawnSync('dcmdump', ['--version']).error) {
    process.stdout.write('dcmdump not found (apt-get install dcmtk): indexing bench skipped\n');
    process.exitCode = 1;
    return;
  }
  process.stdout.write(
    `Header indexing, warm page cache, median of ${RUNS} runs: scanPaths with ${WORKERS} worker threads ` +
      `vs ${WORKERS} dcmdump processes (-q -M +sb 7fe0,0010, ${DCMDUMP_FILES_PER_CALL} files per call).\n`,
  );
  const coldStarted = performance.now();
  const parser = createHeaderParser(WORKERS);
  await parser.parse([join(CT, readdirSync(CT).sort()[0]!)]);
  const workerStartMs = performance.now() - coldStarted;

  const ct = dataset('ct-chest-lidc-0314', CT);
  let generated: Dataset | null = null;
  let failed = false;
  const load = () =>
    loadavg()
      .map((n) => n.toFixed(1))
      .join(' ');
  process.stdout.write(
    `Load average before: ${load()} on ${availableParallelism()} cores (other work on the machine skews both sides).\n`,
  );
  try {
    const header = `${'dataset'.padEnd(52)} ${'files'.padStart(6)} ${'MB'.padStart(7)} | ${'ours files/s'.padStart(12)} ${'MB/s'.padStart(6)} | ${'dcmdump files/s'.padStart(15)} ${'MB/s'.padStart(6)} | ratio  target (dcmdump: best of ${WORKERS} processes and 1)`;
    process.stdout.write(`${header}\n${'-'.repeat(header.length)}\n`);
    for (const make of [() => ct, () => (generated = generateTree(ct, GENERATED_COPIES))]) {
      const data = make();
      // Let the copies' write-back finish first: it would slow both sides at random.
      spawnSync('sync');
      const result = await measure(data, parser);
      const best =
        result.dcmdump.filesPerSecond >= result.dcmdumpSingle.filesPerSecond
          ? result.dcmdump
          : result.dcmdumpSingle;
      const ratio = result.ours.filesPerSecond / best.filesPerSecond;
      const verdict =
        ratio >= AIM_RATIO ? 'met (aim too)' : ratio >= TARGET_RATIO ? 'met (below aim 1.5)' : 'MISSED';
      failed ||= ratio < TARGET_RATIO;
      process.stdout.write(
        `${data.name.padEnd(52)} ${String(data.files.length).padStart(6)} ${(data.bytes / 1e6).toFixed(1).padStart(7)} | ` +
          `${format(result.ours.filesPerSecond).padStart(12)} ${format(result.ours.megabytesPerSecond).padStart(6)} | ` +
          `${format(best.filesPerSecond).padStart(15)} ${format(best.megabytesPerSecond).padStart(6)} | ` +
          `${ratio.toFixed(2).padStart(5)}  >= ${TARGET_RATIO} (aim ${AIM_RATIO}): ${verdict}\n`,
      );
      process.stdout.write(
        `${''.padEnd(52)}   (dcmdump with ${WORKERS} processes: ${format(result.dcmdump.filesPerSecond)} files/s, with 1: ${format(result.dcmdumpSingle.filesPerSecond)} files/s)\n`,
      );
    }
    process.stdout.write(
      `Worker pool start (from TypeScript sources under tsx, paid once per pool, not in the figures above): ${format(workerStartMs)} ms\n`,
    );
    failed = !(await wholeProcesses(generated!)) || failed;
    process.stdout.write(`Load average after: ${load()}\n`);
  } finally {
    await parser.close();
    if (generated) rmSync((generated as Dataset).root, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

/** CPU seconds of this process's waited-for children so far (Linux /proc), or null elsewhere. */
function childCpuSeconds(): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // Fields after the command name (which may hold spaces): cutime and cstime are the 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // USER_HZ, the unit of these fields: 100 on Linux whatever the kernel tick rate.
  const ticksPerSecond = 100;
  return (Number(fields[13]) + Number(fields[14])) / ticksPerSecond;
}

interface ProcessTiming {
  readonly wallMs: number;
  readonly cpuMs: number | null;
}

/**
 * The environment the timed processes get: this one less NODE_EXTRA_CA_CERTS, which some hosts (this
 * sandbox among them) set and which makes every Node process read a whole CA bundle at start-up
 * (~40 ms here) for TLS that neither command uses; what a user's machine does not pay is not timed.
 */
const PROCESS_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => name !== 'NODE_EXTRA_CA_CERTS'),
);

/** Runs a command to completion, stdout to /dev/null; fails on a non-zero exit. */
function timeProcess(command: string, args: readonly string[]): Promise<ProcessTiming> {
  return new Promise((resolvePromise, reject) => {
    const cpuBefore = childCpuSeconds();
    const started = performance.now();
    const child = spawn(command, args, { cwd: ROOT, env: PROCESS_ENV, stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      const cpuAfter = childCpuSeconds();
      const cpuMs = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) * 1000;
      if (code === 0) resolvePromise({ wallMs, cpuMs });
      else reject(new Error(`${command} ${args.slice(0, 3).join(' ')} ... exited ${code}: ${errors}`));
    });
  });
}

interface ProcessCase {
  readonly label: string;
  readonly command: string;
  readonly args: readonly string[];
}

/** One untimed warm-up of each, then PROCESS_RUNS rounds, each running every case once. */
async function timeProcesses(cases: readonly ProcessCase[]): Promise<Map<ProcessCase, ProcessTiming>> {
  for (const item of cases) await timeProcess(item.command, item.args);
  const runs = new Map<ProcessCase, ProcessTiming[]>(cases.map((item) => [item, []]));
  for (let run = 0; run < PROCESS_RUNS; run += 1) {
    for (const item of cases) runs.get(item)!.push(await timeProcess(item.command, item.args));
  }
  return new Map(
    cases.map((item) => {
      const timings = runs.get(item)!;
      const cpu = timings.map((t) => t.cpuMs);
      return [
        item,
        {
          wallMs: median(timings.map((t) => t.wallMs)),
          cpuMs: cpu.every((c) => c !== null) ? median(cpu as number[]) : null,
        },
      ];
    }),
  );
}

/** The CLI and dcmdump as whole processes on the generated tree; true when both targets are met. */
async function wholeProcesses(tree: Dataset): Promise<boolean> {
  const build = spawnSync(process.execPath, ['build/build-cli.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`building the CLI failed: ${build.stderr}`);
  const bundleIndex: ProcessCase = {
    label: 'node out/cli/index.js index <tree>  (npm run cli, bundle)',
    command: process.execPath,
    args: [CLI_BUNDLE, 'index', tree.root],
  };
  const tsxIndex: ProcessCase = {
    label: 'tsx src/cli/index.ts index <tree>   (npm run cli before)',
    command: TSX,
    args: ['src/cli/index.ts', 'index', tree.root],
  };
  const dcmdump: ProcessCase = {
    label: `dcmdump -q -M +sb 7fe0,0010 <${tree.files.length} files, one call>`,
    command: 'dcmdump',
    args: ['-q', '-M', '+sb', '7fe0,0010', ...tree.files],
  };
  const bundleEvaluate: ProcessCase = {
    label: `node out/cli/index.js evaluate ${basename(READ)}`,
    command: process.execPath,
    args: [CLI_BUNDLE, 'evaluate', READ],
  };
  const tsxEvaluate: ProcessCase = {
    label: `tsx src/cli/index.ts evaluate ${basename(READ)}`,
    command: TSX,
    args: ['src/cli/index.ts', 'evaluate', READ],
  };
  // What any node process costs before it runs a line of ours: the floor under the evaluate figure.
  const bareNode: ProcessCase = {
    label: 'node -e 0  (reference)',
    command: process.execPath,
    args: ['-e', '0'],
  };
  warmPageCache(tree.files);
  const timings = await timeProcesses([
    bundleIndex,
    dcmdump,
    tsxIndex,
    bundleEvaluate,
    tsxEvaluate,
    bareNode,
  ]);
  const line = (item: ProcessCase) => {
    const { wallMs, cpuMs } = timings.get(item)!;
    return `  ${item.label.padEnd(62)} ${format(wallMs).padStart(7)} ms wall ${cpuMs === null ? '' : `${format(cpuMs).padStart(7)} ms CPU`}\n`;
  };
  const ratio = timings.get(dcmdump)!.wallMs / timings.get(bundleIndex)!.wallMs;
  const tsxRatio = timings.get(dcmdump)!.wallMs / timings.get(tsxIndex)!.wallMs;
  const evaluateMs = timings.get(bundleEvaluate)!.wallMs;
  const indexMet = ratio >= PROCESS_TARGET_RATIO;
  const evaluateMet = evaluateMs < EVALUATE_TARGET_MS;
  process.stdout.write(
    `\nWhole processes, spawned alike (output to /dev/null, without NODE_EXTRA_CA_CERTS${process.env['NODE_EXTRA_CA_CERTS'] ? ', which this machine sets' : ''}), warm page cache, one warm-up then median of ${PROCESS_RUNS} (CPU: user + system of the process and its threads):\n` +
      line(bundleIndex) +
      line(tsxIndex) +
      line(dcmdump) +
      `  index ratio (dcmdump time / ours): bundle ${ratio.toFixed(2)}, tsx ${tsxRatio.toFixed(2)}; target >= ${PROCESS_TARGET_RATIO}: ${indexMet ? 'met' : 'MISSED'}\n` +
      line(bundleEvaluate) +
      line(tsxEvaluate) +
      line(bareNode) +
      `  evaluate of one read (bundle): ${format(evaluateMs)} ms; target < ${EVALUATE_TARGET_MS} ms: ${evaluateMet ? 'met' : 'MISSED'}\n`,
  );
  return indexMet && evaluateMet;
}
