/// <reference lib="webworker" />
/**
 * Reads picked files (web mode) off the UI thread: Chromium copies a File's bytes out of its blob
 * pipe on the thread that reads it, about a millisecond per CT slice, and the ArrayBuffer comes back
 * transferred (not copied).
 */
self.onmessage = async (event: MessageEvent<{ id: number; file: Blob }>) => {
  const { id, file } = event.data;
  try {
    const buffer = await file.arrayBuffer();
    self.postMessage({ id, buffer }, { transfer: [buffer] });
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
