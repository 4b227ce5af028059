/**
 * Indexing speed: files/s and MB/s of the import's header reading (scanPaths, worker threads) beside
 * dcmtk's dcmdump doing the same header read (`dcmdump -q -M +sb 7fe0,0010`, many files per
 * invocation) on the same files, both with a warm page cache and the same number of cores.
 *
 * Datasets: ../shared/data/ct-chest-lidc-0314 (275 files), and a generated tree of >= 5,000 files:
 * copies of that CT with new Study/Series/SOP Instance UIDs (same-length byte rewrite), made in a
 * temporary folder and removed afterwards.
 *
 * Target: ratio (ours / dcmdump) >= 1.0, aim 1.5. dcmdump runs both as WORKERS parallel processes and
 * as one process (process start-up makes one process faster on small sets); the ratio is taken
 * against whichever was faster.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseHeaderBytes } from '../src/core/dicom/readHeader';
import { createHeaderParser, type HeaderParser } from '../src/node/import/headerPool';
import { scanPaths } from '../src/node/import/scanPaths';

const CT = resolve(process.cwd(), '../shared/data/ct-chest-lidc-0314');
const TARGET_RATIO = 1.0;
const AIM_RATIO = 1.5;
const RUNS = 5;
const DCMDUMP_FILES_PER_CALL = 1000;
const WORKERS = Math.min(2, availableParallelism());

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

/** Copies of the CT as separate patients/studies/series with new UIDs, until at least `minimum` files. */
function generateTree(source: Dataset, minimum: number): Dataset {
  const root = mkdtempSync(join(tmpdir(), 'recist-bench-indexing-'));
  const copies = Math.ceil(minimum / source.files.length);
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
    for (const make of [() => ct, () => (generated = generateTree(ct, 5000))]) {
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
      `Worker pool start (from TypeScript sources under tsx, paid once per pool, not in the figures above): ${format(workerStartMs)} ms\n` +
        `Load average after: ${load()}\n`,
    );
  } finally {
    await parser.close();
    if (generated) rmSync((generated as Dataset).root, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}
