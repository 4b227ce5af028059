import type { FileHeaderReader, PickedFile } from './fileHeaders';
import type { HeaderWorkerRequest, HeaderWorkerResponse } from './headerWorkerProtocol';

/** Requests in flight per worker: header reads wait on file I/O, so a few overlap per thread. */
const IN_FLIGHT_PER_WORKER = 4;

/** Reads headers in a pool of web workers; workers are created per import and ended with it. */
export function createWorkerHeaderReader(workerCount = defaultWorkerCount()): FileHeaderReader {
  return (files, onResult, signal) =>
    new Promise<void>((resolve, reject) => {
      if (files.length === 0) return resolve();
      const workers = Array.from(
        { length: Math.min(workerCount, files.length) },
        () => new Worker(new URL('./headerWorker.ts', import.meta.url), { type: 'module' }),
      );
      const pending = new Map<number, PickedFile>();
      let next = 0;
      let done = 0;
      const finish = (error?: Error) => {
        workers.forEach((w) => w.terminate());
        signal?.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve();
      };
      const onAbort = () => finish();
      signal?.addEventListener('abort', onAbort);

      const send = (worker: Worker) => {
        if (signal?.aborted || next >= files.length) return;
        const id = next++;
        const picked = files[id]!;
        pending.set(id, picked);
        const request: HeaderWorkerRequest = { id, file: picked.file };
        worker.postMessage(request);
      };
      for (const worker of workers) {
        worker.onmessage = (event: MessageEvent<HeaderWorkerResponse>) => {
          const picked = pending.get(event.data.id);
          pending.delete(event.data.id);
          if (picked) onResult({ picked, result: event.data.result });
          done++;
          if (done === files.length) finish();
          else send(worker);
        };
        worker.onerror = (event) => finish(new Error(`header worker failed: ${event.message}`));
        for (let i = 0; i < IN_FLIGHT_PER_WORKER; i++) send(worker);
      }
    });
}

function defaultWorkerCount(): number {
  return Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));
}
