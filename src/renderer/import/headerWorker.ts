/// <reference lib="webworker" />
import { readFileHeader } from './fileHeaders';
import type { HeaderWorkerRequest, HeaderWorkerResponse } from './headerWorkerProtocol';

// dicom-parser runs here, off the UI thread; the page sends Files (cheap to clone: no bytes copied).
self.onmessage = async (event: MessageEvent<HeaderWorkerRequest>) => {
  const { id, file } = event.data;
  const response: HeaderWorkerResponse = { id, result: await readFileHeader(file) };
  self.postMessage(response);
};
