import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IndexedFileAllowlist } from '../../../src/node/import/allowlist';
import { scanPaths } from '../../../src/node/import/scanPaths';
import { createWebBridge } from '../../../src/node/webBridge';

const MR = resolve(process.cwd(), '../shared/data/mr-brain-brainix');
let server: Server;
let base: string;
const allowlist = IndexedFileAllowlist.inMemory();

beforeAll(async () => {
  const bridge = createWebBridge({
    allowlist,
    scanPaths: (paths, options) => scanPaths(paths, { ...options, workers: 0 }),
  });
  server = createServer((req, res) => void bridge(req, res, () => res.writeHead(418).end()));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/__recist`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

const post = (route: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${route}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('the web-mode platform bridge', () => {
  it('says it can scan paths', async () => {
    expect(await (await fetch(`${base}/info`)).json()).toEqual({ pathScan: true });
  });

  it('streams scan batches as JSON Lines, then serves exactly the files it indexed', async () => {
    const response = await post('/scan', { paths: [MR] });
    expect(response.headers.get('content-type')).toContain('application/x-ndjson');
    const events = (await response.text())
      .trim()
      .split('\n')
      .map(
        (line) => JSON.parse(line) as { type: string; batch?: { instances: { source: { path: string } }[] } },
      );
    expect(events.at(-1)).toMatchObject({ type: 'done', summary: { cancelled: false } });
    const paths = events.flatMap((e) => e.batch?.instances.map((i) => i.source.path) ?? []);
    expect(paths.length).toBeGreaterThanOrEqual(44);

    const file = await fetch(`${base}/files/${encodeURIComponent(paths[0]!)}`);
    expect(file.status).toBe(200);
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(128, 132))).toBe('DICM');
    expect(file.headers.get('access-control-allow-origin')).toBeNull();

    const ranged = await fetch(`${base}/files/${encodeURIComponent(paths[0]!)}`, {
      headers: { Range: 'bytes=128-131' },
    });
    expect(ranged.status).toBe(206);
    expect(await ranged.text()).toBe('DICM');

    expect(await (await post('/check', { paths: [paths[0], '/etc/passwd'] })).json()).toEqual([true, false]);
  });

  it('refuses files it did not index, path traversal and cross-site requests', async () => {
    expect((await fetch(`${base}/files/${encodeURIComponent('/etc/passwd')}`)).status).toBe(403);
    expect((await fetch(`${base}/files/${encodeURIComponent(`${MR}/../../../etc/passwd`)}`)).status).toBe(
      403,
    );
    const crossSite = await fetch(`${base}/info`, { headers: { 'Sec-Fetch-Site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
  });

  it('answers a bad request with 400 and a message naming the problem', async () => {
    const relative = await post('/scan', { paths: ['relative/folder'] });
    expect(relative.status).toBe(400);
    expect((await relative.json()) as { error: string }).toEqual({
      error: 'paths.0: paths must be absolute',
    });
    const notJson = await fetch(`${base}/check`, { method: 'POST', body: '{nope' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: 'request body is not JSON' });
    const extra = await post('/check', { paths: [], force: true });
    expect(extra.status).toBe(400);
  });

  it('passes other URLs on to the next handler', async () => {
    const port = new URL(base).port;
    expect((await fetch(`http://127.0.0.1:${port}/index.html`)).status).toBe(418);
  });

  it('survives a file that fails mid-transfer: the connection drops, the server keeps serving', async () => {
    const failing = createWebBridge({
      allowlist,
      scanPaths,
      serveFile: async () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(new Uint8Array(1024));
            },
            pull(controller) {
              controller.error(new Error('disk read failed'));
            },
          }),
          { status: 200 },
        ),
    });
    const handlerOutcomes: string[] = [];
    const failingServer = createServer((req, res) => {
      failing(req, res, () => res.writeHead(418).end()).then(
        () => handlerOutcomes.push('settled'),
        (error: unknown) => handlerOutcomes.push(`threw: ${String(error)}`),
      );
    });
    await new Promise<void>((done) => failingServer.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(failingServer.address() as AddressInfo).port}/__recist`;
    try {
      // Too late for an error status: the client sees the connection drop, not a truncated file.
      const outcome = await fetch(`${url}/files/${encodeURIComponent(`${MR}/any.dcm`)}`)
        .then((response) => response.arrayBuffer())
        .then(
          () => 'complete',
          () => 'dropped',
        );
      expect(outcome).toBe('dropped');
      await expect.poll(() => handlerOutcomes).toEqual(['settled']);
      expect(await (await fetch(`${url}/info`)).json()).toEqual({ pathScan: true });
    } finally {
      await new Promise<void>((done) => failingServer.close(() => done()));
    }
  });
});
