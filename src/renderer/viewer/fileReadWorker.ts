/// <reference lib="webworker" />
/**
 * Gets a DICOM file's bytes off the UI thread and hands them back transferred (not copied):
 * - picked files (web mode): Chromium copies a File's bytes out of its blob pipe on the thread that
 *   reads it, about a millisecond per CT slice;
 * - files served over HTTP (the web bridge): the response body arrives in many small chunks, each a
 *   task on the fetching thread; here they do not queue behind the UI thread's decoding, and no
 *   progress event per chunk is dispatched on the UI thread (the loader's XHR path does that).
 */
export type ReadRequest =
  | { readonly id: number; readonly file: Blob }
  | { readonly id: number; readonly url: string; readonly priority: RequestPriority };

self.onmessage = async (event: MessageEvent<ReadRequest>) => {
  const request = event.data;
  try {
    const buffer =
      'file' in request ? await request.file.arrayBuffer() : await fetchBytes(request.url, request.priority);
    self.postMessage({ id: request.id, buffer }, { transfer: [buffer] });
  } catch (error) {
    self.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
};

async function fetchBytes(url: string, priority: RequestPriority): Promise<ArrayBuffer> {
  const response = await fetch(url, { priority });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.arrayBuffer();
}
