/**
 * The synchronous Node path from a file on disk to a header result: one open, a first probe into a
 * reused buffer, more reads only when the header is longer, never the pixel data. Synchronous on
 * purpose: it runs in worker threads, where blocking costs nothing and saves the promise overhead
 * that dominates when each file takes tens of microseconds.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import {
  headerTooLargeReason,
  MAX_HEADER_BYTES,
  parseHeaderBytes,
  type HeaderReadResult,
} from '../../core/dicom/readHeader';

export interface FileHeaderResult {
  readonly sizeBytes: number;
  readonly result: HeaderReadResult;
}

/** Smaller than the core's browser probe: a local read is cheap to repeat, and CT/MR headers are a few KiB. */
export const NODE_PROBE_BYTES = 16 * 1024;

const inflateRaw = (data: Uint8Array) => new Uint8Array(inflateRawSync(data));

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'not found (moved or deleted?)';
  if (code === 'EACCES' || code === 'EPERM') return 'not readable (permission denied)';
  if (code === 'EISDIR') return 'is a folder, not a file';
  return `could not read the file: ${error instanceof Error ? error.message : String(error)}`;
}

export class FileHeaderReader {
  private probe: Uint8Array;

  constructor(private readonly probeBytes = NODE_PROBE_BYTES) {
    this.probe = new Uint8Array(probeBytes);
  }

  read(path: string): FileHeaderResult {
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (error) {
      return { sizeBytes: 0, result: { kind: 'rejected', reason: describeError(error) } };
    }
    let sizeBytes = 0;
    try {
      sizeBytes = fstatSync(fd).size;
      if (sizeBytes === 0) return { sizeBytes, result: { kind: 'rejected', reason: 'empty file' } };
      let length = Math.min(sizeBytes, this.probeBytes);
      let buffer = this.probe;
      for (;;) {
        const got = readFully(fd, buffer, length);
        const bytes = buffer.subarray(0, got);
        const result = parseHeaderBytes(bytes, got < length ? got : sizeBytes, { inflateRaw });
        if (result.kind !== 'need-more-bytes') return { sizeBytes, result };
        const next = Math.min(sizeBytes, Math.max(result.atLeast, length * 4));
        if (next > MAX_HEADER_BYTES)
          return { sizeBytes, result: { kind: 'rejected', reason: headerTooLargeReason() } };
        if (next <= length) {
          return {
            sizeBytes,
            result: { kind: 'rejected', reason: 'unreadable DICOM: the header could not be read to its end' },
          };
        }
        length = next;
        // Grown buffers are per file: keeping a multi-megabyte probe around would waste memory.
        buffer = new Uint8Array(length);
      }
    } catch (error) {
      return { sizeBytes, result: { kind: 'rejected', reason: describeError(error) } };
    } finally {
      closeSync(fd);
    }
  }
}

function readFully(fd: number, buffer: Uint8Array, length: number): number {
  let offset = 0;
  while (offset < length) {
    const got = readSync(fd, buffer, offset, length - offset, offset);
    if (got === 0) break;
    offset += got;
  }
  return offset;
}
