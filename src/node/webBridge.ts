/**
 * The host side of web mode when the renderer is served by our own dev server (`npm run web`):
 * the same scanning, allowlist and file serving the Electron main process does, over HTTP instead
 * of IPC. So a browser tab can import folders by path and, like the desktop app, still show the
 * images after a reload. A plain static build has no bridge and falls back to picked files.
 *
 * Only same-origin requests are served (Sec-Fetch-Site), so another site open in the same browser
 * cannot use the bridge to list or read local files.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { access, constants } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { z } from 'zod';
import type { ScanEvent } from '../platform/bridge';
import { DICOM_SCHEME, DICOM_URL_HOST, WEB_BRIDGE_PREFIX } from '../platform/urls';
import type { IndexedFileAllowlist } from './import/allowlist';
import { createDicomFileHandler } from './import/dicomFileProtocol';
import type { scanPaths as scanPathsFunction } from './import/scanPaths';
import { pathList } from './pathList';

export interface WebBridgeDeps {
  readonly allowlist: Pick<IndexedFileAllowlist, 'has' | 'add'>;
  readonly scanPaths: typeof scanPathsFunction;
  /** Serves an indexed file (default: the Electron protocol handler's, over the allowlist). */
  readonly serveFile?: (request: Request) => Promise<Response>;
}

const scanBody = z.object({ paths: pathList.min(1, 'give at least one path') }).strict();
const checkBody = z.object({ paths: pathList }).strict();

type Next = (error?: unknown) => void;

/** A connect-style middleware (what Vite's dev server takes). */
export function createWebBridge(deps: WebBridgeDeps) {
  const serveFile = deps.serveFile ?? createDicomFileHandler({ allowlist: deps.allowlist });

  return async (req: IncomingMessage, res: ServerResponse, next: Next): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://bridge');
    if (!url.pathname.startsWith(`${WEB_BRIDGE_PREFIX}/`)) return next();
    const route = url.pathname.slice(WEB_BRIDGE_PREFIX.length);
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin')
      return send(res, 403, { error: 'cross-site request refused' });
    try {
      if (route === '/info' && req.method === 'GET') return send(res, 200, { pathScan: true });
      if (route === '/check' && req.method === 'POST') {
        const { paths } = parse(checkBody, await readJson(req));
        const exists = await Promise.all(
          paths.map(async (path) =>
            // Only indexed files: the page must not probe the disk for arbitrary paths.
            deps.allowlist.has(resolve(path))
              ? access(path, constants.R_OK).then(
                  () => true,
                  () => false,
                )
              : false,
          ),
        );
        return send(res, 200, exists);
      }
      if (route === '/scan' && req.method === 'POST') {
        const { paths } = parse(scanBody, await readJson(req));
        return await streamScan(paths, deps, res);
      }
      if (route.startsWith('/files/') && (req.method === 'GET' || req.method === 'HEAD')) {
        const encodedPath = route.slice('/files/'.length);
        const request = new Request(`${DICOM_SCHEME}://${DICOM_URL_HOST}/${encodedPath}`, {
          method: req.method,
          headers: req.headers.range ? { Range: req.headers.range } : {},
        });
        return await pipeResponse(await serveFile(request), res);
      }
      return send(res, 404, { error: `no bridge route ${req.method} ${route}` });
    } catch (error) {
      const status = error instanceof BadRequest ? 400 : 500;
      return send(res, status, { error: error instanceof Error ? error.message : String(error) });
    }
  };
}

class BadRequest extends Error {}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new BadRequest(`${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 8 * 1024 * 1024) throw new BadRequest('request body over 8 MiB');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BadRequest('request body is not JSON');
  }
}

/** Scan events as JSON Lines; the client closing the request cancels the scan. */
async function streamScan(paths: readonly string[], deps: WebBridgeDeps, res: ServerResponse): Promise<void> {
  const controller = new AbortController();
  res.on('close', () => controller.abort());
  res.writeHead(200, { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' });
  const write = (event: ScanEvent) => {
    if (!res.writableEnded) res.write(`${JSON.stringify(event)}\n`);
  };
  try {
    const summary = await deps.scanPaths(paths, {
      signal: controller.signal,
      onBatch: (batch) => {
        const indexed = batch.instances.flatMap((i) => (i.source.kind === 'path' ? [i.source.path] : []));
        deps.allowlist.add(indexed).catch((error: unknown) => {
          console.error(
            `could not save the indexed-file list: ${error instanceof Error ? error.message : error}`,
          );
        });
        write({ type: 'batch', batch });
      },
    });
    write({ type: 'done', summary });
  } catch (error) {
    write({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
  res.end();
}

async function pipeResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    // Same-origin only: the Electron handler's permissive CORS header is not wanted here.
    if (key.toLowerCase() !== 'access-control-allow-origin') headers[key] = value;
  });
  res.writeHead(response.status, headers);
  if (!response.body) return void res.end();
  // pipeline, not pipe: a client that goes away mid-file (a reload, a cancelled prefetch) ends the
  // read and rejects here instead of leaving a stream open forever.
  await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), res);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  // Too late for a status once a file has started: drop the connection rather than throw, which
  // would take the whole dev server down.
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** The bridge `npm run web` mounts: real scans, and an allowlist persisted at `storePath`. */
export async function createDevServerBridge(storePath: string) {
  const [{ IndexedFileAllowlist }, { scanPaths }] = await Promise.all([
    import('./import/allowlist'),
    import('./import/scanPaths'),
  ]);
  return createWebBridge({ allowlist: await IndexedFileAllowlist.load(storePath), scanPaths });
}
