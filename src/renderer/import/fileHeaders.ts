import { readInstanceHeader, type ByteSource, type HeaderReadResult } from '../../core/dicom/readHeader';

/** A file picked or dropped in the browser, with its path relative to what the user chose. */
export interface PickedFile {
  readonly file: File;
  readonly relativePath: string;
}

export interface FileHeaderResult {
  readonly picked: PickedFile;
  readonly result: HeaderReadResult;
}

/** Reads the headers of many files, calling onResult as each finishes; stops early when signalled. */
export type FileHeaderReader = (
  files: readonly PickedFile[],
  onResult: (result: FileHeaderResult) => void,
  signal?: AbortSignal,
) => Promise<void>;

/** Reads only the byte ranges the parser asks for: a header read never loads pixel data. */
export function fileByteSource(file: Blob): ByteSource {
  return {
    sizeBytes: file.size,
    read: async (start, end) => new Uint8Array(await file.slice(start, end).arrayBuffer()),
  };
}

/** The header read a worker runs; never throws (an unexpected failure becomes a rejection). */
export async function readFileHeader(file: Blob): Promise<HeaderReadResult> {
  try {
    return await readInstanceHeader(fileByteSource(file));
  } catch (error) {
    return {
      kind: 'rejected',
      reason: `could not be read: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** The same reader on the calling thread, with bounded concurrency: for tests and tiny imports. */
export const readHeadersInProcess: FileHeaderReader = async (files, onResult, signal) => {
  let next = 0;
  const lane = async () => {
    while (next < files.length && !signal?.aborted) {
      const picked = files[next++]!;
      onResult({ picked, result: await readFileHeader(picked.file) });
    }
  };
  await Promise.all(Array.from({ length: 8 }, lane));
};
