/**
 * Parses file headers off the calling thread: a small pool of worker threads, each taking chunks of
 * paths (one message per chunk, so messaging cost is spread over many files). With `workers: 0` the
 * same reader runs inline, which suits tiny scans and tests.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { FileHeaderReader, type FileHeaderResult } from './readFileHeader';

export interface PathHeaderResult extends FileHeaderResult {
  readonly path: string;
}

export interface HeaderWorkerRequest {
  readonly id: number;
  readonly paths: readonly string[];
}

export interface HeaderWorkerResponse {
  readonly id: number;
  readonly results: PathHeaderResult[];
}

export interface HeaderParser {
  parse(paths: readonly string[]): Promise<PathHeaderResult[]>;
  close(): Promise<void>;
}

/** Two per core is pointless for this mostly-CPU work; the main thread still has to walk folders. */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/**
 * How to start the worker. From the TypeScript sources (tests, benches, the web dev server, all under
 * tsx) the worker first registers tsx's loader and then imports headerWorker.ts: Node 20 does not
 * apply loaders given as `execArgv: ['--import', 'tsx']` to a worker's entry module. From a bundle the
 * worker is its own entry beside this module's code: out/main/headerWorker.js (electron-vite) or
 * out/cli/headerWorker.js (build/build-cli.mjs).
 */
export function workerStart(loadedFrom = import.meta.url): { script: string | URL; eval: boolean } {
  // tsx's tsImport (the web dev server loads the bridge that way) adds a ?tsx-namespace= query.
  const url = new URL(loadedFrom);
  url.search = '';
  url.hash = '';
  const moduleUrl = url.href;
  if (!moduleUrl.endsWith('.ts')) return { script: new URL('./headerWorker.js', moduleUrl), eval: false };
  // require.resolve picks the CommonJS build of tsx's API; its ESM twin sits beside it.
  const tsxApi = new URL('./index.mjs', pathToFileURL(createRequire(moduleUrl).resolve('tsx/esm/api'))).href;
  const entry = new URL('./headerWorker.ts', moduleUrl).href;
  const script = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return { script, eval: true };
}

function inlineParser(): HeaderParser {
  const reader = new FileHeaderReader();
  return {
    parse: async (paths) => {
      // Let abort signals and IPC in between chunks.
      await new Promise((resolve) => setImmediate(resolve));
      return paths.map((path) => ({ path, ...reader.read(path) }));
    },
    close: () => Promise.resolve(),
  };
}

interface PendingChunk {
  readonly request: HeaderWorkerRequest;
  readonly resolve: (results: PathHeaderResult[]) => void;
  readonly reject: (error: Error) => void;
}

function workerParser(count: number): HeaderParser {
  const start = workerStart();
  const idle: Worker[] = [];
  const queue: PendingChunk[] = [];
  const running = new Map<Worker, PendingChunk>();
  let nextId = 0;
  let closed = false;
  let alive = count;

  const dispatch = () => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop()!;
      const chunk = queue.shift()!;
      running.set(worker, chunk);
      worker.ref();
      worker.postMessage(chunk.request);
    }
  };

  const workers = Array.from({ length: count }, () => {
    const worker = new Worker(start.script, { eval: start.eval });
    worker.on('message', (response: HeaderWorkerResponse) => {
      const chunk = running.get(worker);
      running.delete(worker);
      idle.push(worker);
      // Busy workers keep the process alive; idle ones must not keep a finished CLI running.
      worker.unref();
      chunk?.resolve(response.results);
      dispatch();
    });
    worker.on('error', (error) => {
      const chunk = running.get(worker);
      running.delete(worker);
      alive -= 1;
      chunk?.reject(new Error(`header worker failed: ${error.message}`));
      if (alive === 0)
        for (const queued of queue.splice(0)) queued.reject(new Error('every header worker failed'));
    });
    worker.unref();
    idle.push(worker);
    return worker;
  });

  return {
    parse(paths) {
      if (closed) return Promise.reject(new Error('header parser is closed'));
      if (alive === 0) return Promise.reject(new Error('every header worker failed'));
      return new Promise((resolve, reject) => {
        queue.push({ request: { id: nextId++, paths }, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      const stopped = new Error('header parser closed');
      for (const chunk of [...queue.splice(0), ...running.values()]) chunk.reject(stopped);
      running.clear();
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

export function createHeaderParser(workers: number = defaultWorkerCount()): HeaderParser {
  return workers <= 0 ? inlineParser() : workerParser(workers);
}
