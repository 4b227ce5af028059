/**
 * Scans files and folders for DICOM instances, transport-agnostic: the Electron IPC handlers, the
 * CLI and a dev-server bridge all call this and forward the batches their own way.
 *
 * - Folders are walked recursively; every file is read (headers only) in worker threads.
 * - DICOMDIR: used when present. Its referenced files are scanned even when the walk would not reach
 *   them (e.g. the DICOMDIR file itself was chosen), and a referenced file that does not exist is
 *   reported. Files the DICOMDIR does not list are still scanned: DICOMDIRs are often stale or partial,
 *   and reading a header costs the same either way.
 * - A file reached twice (walk + DICOMDIR, or overlapping paths) is read once; a second file with an
 *   already-seen SOP Instance UID is reported as a duplicate rather than imported twice.
 * - A path that does not exist becomes a rejection naming it (the scan goes on); the CLI checks its
 *   arguments itself before scanning.
 * - Cancel (AbortSignal): no batch is sent after the abort is seen; what was sent stays sent.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { IndexedInstance, Rejection } from '../../core/dicom/model';
import type { ScanBatch, ScanProgress, ScanSummary } from '../../platform/bridge';
import {
  createHeaderParser,
  defaultWorkerCount,
  type HeaderParser,
  type PathHeaderResult,
} from './headerPool';
import { walkFiles } from './walk';

export interface ScanOptions {
  readonly onBatch: (batch: ScanBatch) => void;
  readonly signal?: AbortSignal;
  /** Worker threads; 0 reads inline on the calling thread. Default: one per core, at most 4. */
  readonly workers?: number;
  /** Paths per worker message. */
  readonly chunkSize?: number;
  /** A batch goes out when it holds this many items, or after batchIntervalMs, whichever first. */
  readonly batchSize?: number;
  readonly batchIntervalMs?: number;
  /** Injected header parser (tests); the scan does not close an injected parser. */
  readonly parser?: HeaderParser;
}

const DEFAULT_CHUNK = 64;
const DEFAULT_BATCH = 500;
const DEFAULT_INTERVAL_MS = 100;

/** Finds a DICOMDIR reference on disk; CD file systems often change case (IM000001 vs im000001). */
async function locateReference(folder: string, reference: string): Promise<string | null> {
  const exact = join(folder, ...reference.split('/'));
  if (
    await stat(exact).then(
      (s) => s.isFile(),
      () => false,
    )
  )
    return exact;
  let current = folder;
  for (const component of reference.split('/')) {
    const names = await readdir(current).catch(() => [] as string[]);
    const match = names.find((name) => name.toUpperCase() === component.toUpperCase());
    if (!match) return null;
    current = join(current, match);
  }
  return (await stat(current).then(
    (s) => s.isFile(),
    () => false,
  ))
    ? current
    : null;
}

export async function scanPaths(paths: readonly string[], options: ScanOptions): Promise<ScanSummary> {
  const { onBatch, signal } = options;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const batchIntervalMs = options.batchIntervalMs ?? DEFAULT_INTERVAL_MS;
  const workers = options.workers ?? defaultWorkerCount();
  const parser = options.parser ?? createHeaderParser(workers);
  const maxInFlight = Math.max(2, workers * 2);

  const progress = { scanned: 0, imported: 0, rejected: 0 };
  const sent: ScanProgress = { scanned: 0, imported: 0, rejected: 0 };
  let instances: IndexedInstance[] = [];
  let rejected: Rejection[] = [];
  let lastFlush = Date.now();
  const seenPaths = new Set<string>();
  const sopOwners = new Map<string, string>();
  let pending: string[] = [];
  const inFlight = new Set<Promise<void>>();
  const aborted = () => signal?.aborted === true;

  const flush = (force: boolean) => {
    if (aborted()) return;
    const size = instances.length + rejected.length;
    const due = size >= batchSize || (size > 0 && Date.now() - lastFlush >= batchIntervalMs);
    if (!force && !due) return;
    if (size === 0 && progress.scanned === sent.scanned) return;
    const batch: ScanBatch = { instances, rejected, progress: { ...progress } };
    instances = [];
    rejected = [];
    lastFlush = Date.now();
    Object.assign(sent, progress);
    onBatch(batch);
  };

  const reject = (path: string, reason: string) => {
    rejected.push({ path, reason });
    progress.rejected += 1;
  };

  const handle = async (result: PathHeaderResult) => {
    progress.scanned += 1;
    const outcome = result.result;
    if (outcome.kind === 'rejected') return reject(result.path, outcome.reason);
    if (outcome.kind === 'dicomdir') {
      const folder = dirname(result.path);
      for (const reference of outcome.referencedFiles) {
        // Usually the walk already found it: no need to touch the disk again.
        if (seenPaths.has(join(folder, ...reference.split('/')))) continue;
        const located = await locateReference(folder, reference);
        if (!located) {
          progress.scanned += 1;
          reject(join(folder, reference), `listed in ${basename(result.path)} but not found`);
        } else enqueue(located);
      }
      return;
    }
    const { header } = outcome;
    const owner = sopOwners.get(header.sopInstanceUid);
    if (owner !== undefined) return reject(result.path, `duplicate of ${owner} (same SOP Instance UID)`);
    sopOwners.set(header.sopInstanceUid, result.path);
    instances.push({ header, source: { kind: 'path', path: result.path }, fileSizeBytes: result.sizeBytes });
    progress.imported += 1;
  };

  const runChunk = async (chunk: string[]) => {
    let results: PathHeaderResult[];
    try {
      results = await parser.parse(chunk);
    } catch (error) {
      if (aborted()) return;
      const reason = `internal error while reading: ${error instanceof Error ? error.message : String(error)}`;
      results = chunk.map((path) => ({ path, sizeBytes: 0, result: { kind: 'rejected', reason } }));
    }
    if (aborted()) return;
    for (const result of results) await handle(result);
    flush(false);
  };

  const submit = async (chunk: string[]) => {
    const task: Promise<void> = runChunk(chunk).finally(() => inFlight.delete(task));
    inFlight.add(task);
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
  };

  function enqueue(path: string) {
    if (seenPaths.has(path)) return;
    seenPaths.add(path);
    pending.push(path);
  }

  const drainPending = async (all: boolean) => {
    while (!aborted() && (pending.length >= chunkSize || (all && pending.length > 0))) {
      const chunk = pending.slice(0, chunkSize);
      pending = pending.slice(chunkSize);
      await submit(chunk);
    }
  };

  try {
    for (const root of paths.map((p) => resolve(p))) {
      for await (const entry of walkFiles(root, signal)) {
        if (aborted()) break;
        if (entry.kind === 'missing') {
          progress.scanned += 1;
          reject(entry.path, entry.reason);
          continue;
        }
        enqueue(entry.path);
        await drainPending(false);
      }
      if (aborted()) break;
    }
    // DICOMDIR references can add work while earlier chunks finish.
    while (!aborted() && (pending.length > 0 || inFlight.size > 0)) {
      await drainPending(true);
      if (inFlight.size > 0) await Promise.race(inFlight);
    }
    flush(true);
  } finally {
    if (!options.parser) await parser.close();
    else await Promise.allSettled(inFlight);
  }
  return { progress: aborted() ? { ...sent } : { ...progress }, cancelled: aborted() };
}
