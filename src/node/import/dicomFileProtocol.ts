/**
 * The `recist-dicom:` protocol: serves the bytes of indexed DICOM files to the image loader, and
 * nothing else. Written as a plain fetch-style handler (Request -> Response) so Electron's
 * protocol.handle, a dev server and the tests all drive the same code.
 *
 * URL shape: recist-dicom://files/<encodeURIComponent(absolute path)>. The whole path is one encoded
 * segment, so URL normalisation can never rewrite it; a decoded path that is not absolute and fully
 * normalised ("..", ".", "//") is refused before the allowlist is even asked.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { DICOM_SCHEME, DICOM_URL_HOST } from '../../platform/urls';
import type { IndexedFileAllowlist } from './allowlist';

export type DicomUrlPath = { ok: true; path: string } | { ok: false; status: number; reason: string };

export function pathFromDicomUrl(rawUrl: string): DicomUrlPath {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, status: 400, reason: 'malformed URL' };
  }
  if (url.protocol !== `${DICOM_SCHEME}:` || url.host !== DICOM_URL_HOST) {
    return { ok: false, status: 404, reason: 'unknown resource' };
  }
  const encoded = url.pathname.slice(1);
  if (encoded === '' || encoded.includes('/')) {
    return { ok: false, status: 400, reason: 'the file path must be one encoded URL segment' };
  }
  let path: string;
  try {
    path = decodeURIComponent(encoded);
  } catch {
    return { ok: false, status: 400, reason: 'malformed path encoding' };
  }
  if (path.includes('\0')) return { ok: false, status: 400, reason: 'path contains a NUL byte' };
  if (!isAbsolute(path)) return { ok: false, status: 403, reason: 'path is not absolute' };
  if (resolve(path) !== path)
    return { ok: false, status: 403, reason: 'path is not normalised (".." or "." segments)' };
  return { ok: true, path };
}

function plain(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(`${text}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Access-Control-Allow-Origin': '*', ...extra },
  });
}

type ByteRange = { start: number; end: number } | 'unsatisfiable' | null;

/** One "bytes=" range (first-last, first-, or -suffix); multi-range requests are served whole. */
export function parseRange(header: string | null, size: number): ByteRange {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first, last] = match;
  if (first === '' && last === '') return 'unsatisfiable';
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

export interface DicomFileHandlerOptions {
  readonly allowlist: Pick<IndexedFileAllowlist, 'has'>;
}

export function createDicomFileHandler({ allowlist }: DicomFileHandlerOptions) {
  return async (request: Request): Promise<Response> => {
    if (request.method === 'OPTIONS') {
      // CORS preflight, e.g. when the loader sends a Range or custom Accept header.
      return new Response(null, {
        status: 204,
        headers: {
          'Access-Control-Allow-Origin': '*',
          'Access-Control-Allow-Methods': 'GET, HEAD',
          'Access-Control-Allow-Headers': 'Range, Accept',
          'Access-Control-Max-Age': '600',
        },
      });
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plain(405, 'only GET and HEAD', { Allow: 'GET, HEAD, OPTIONS' });
    }
    const target = pathFromDicomUrl(request.url);
    if (!target.ok) return plain(target.status, target.reason);
    if (!allowlist.has(target.path)) return plain(403, 'not an indexed file');
    let size: number;
    try {
      const info = await stat(target.path);
      if (!info.isFile()) return plain(404, 'indexed path is no longer a file');
      size = info.size;
    } catch {
      return plain(404, 'indexed file no longer exists (moved or deleted?)');
    }
    const headers: Record<string, string> = {
      'Content-Type': 'application/dicom',
      'Accept-Ranges': 'bytes',
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    };
    const range = parseRange(request.headers.get('Range'), size);
    if (range === 'unsatisfiable')
      return plain(416, 'range not satisfiable', { 'Content-Range': `bytes */${size}` });
    const start = range?.start ?? 0;
    const end = range?.end ?? size - 1;
    headers['Content-Length'] = String(size === 0 ? 0 : end - start + 1);
    if (range) headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
    const status = range ? 206 : 200;
    if (request.method === 'HEAD' || size === 0) return new Response(null, { status, headers });
    const body = Readable.toWeb(createReadStream(target.path, { start, end })) as ReadableStream<Uint8Array>;
    return new Response(body, { status, headers });
  };
}
