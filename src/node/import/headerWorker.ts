/**
 * Worker-thread entry: reads the headers of the paths it is sent, one chunk at a time.
 * Built as an entry of its own by electron-vite (out/main/headerWorker.js) and by
 * build/build-cli.mjs (out/cli/headerWorker.js); run from source under tsx by the tests, the benches
 * and the web dev server.
 */
import { parentPort } from 'node:worker_threads';
import { FileHeaderReader } from './readFileHeader';
import type { HeaderWorkerRequest, HeaderWorkerResponse } from './headerPool';

const reader = new FileHeaderReader();

parentPort?.on('message', (request: HeaderWorkerRequest) => {
  const response: HeaderWorkerResponse = {
    id: request.id,
    results: request.paths.map((path) => ({ path, ...reader.read(path) })),
  };
  parentPort?.postMessage(response);
});
