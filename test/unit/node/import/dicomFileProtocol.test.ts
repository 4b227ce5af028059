import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IndexedFileAllowlist } from '../../../../src/node/import/allowlist';
import {
  createDicomFileHandler,
  parseRange,
  pathFromDicomUrl,
} from '../../../../src/node/import/dicomFileProtocol';
import { dicomFileUrl } from '../../../../src/platform/urls';

const folder = mkdtempSync(join(tmpdir(), 'recist-protocol-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
mkdirSync(join(folder, 'study'), { recursive: true });
const indexed = join(folder, 'study', 'slice 1 #a%.dcm');
const secret = join(folder, 'secret.txt');
const vanished = join(folder, 'study', 'vanished.dcm');
const content = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);
writeFileSync(indexed, content);
writeFileSync(secret, 'not for the renderer');

const handler = createDicomFileHandler({ allowlist: IndexedFileAllowlist.inMemory([indexed, vanished]) });
const get = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
  handler(new Request(url, { method, headers }));

describe('recist-dicom protocol', () => {
  it('serves an indexed file whole, as the wadouri loader fetches it', async () => {
    const response = await get(dicomFileUrl(indexed));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/dicom');
    expect(response.headers.get('Content-Length')).toBe('1000');
    expect(response.headers.get('Accept-Ranges')).toBe('bytes');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(content);
  });

  it('serves byte ranges', async () => {
    const partial = await get(dicomFileUrl(indexed), { Range: 'bytes=10-19' });
    expect(partial.status).toBe(206);
    expect(partial.headers.get('Content-Range')).toBe('bytes 10-19/1000');
    expect(new Uint8Array(await partial.arrayBuffer())).toEqual(content.slice(10, 20));
    const suffix = await get(dicomFileUrl(indexed), { Range: 'bytes=-5' });
    expect(new Uint8Array(await suffix.arrayBuffer())).toEqual(content.slice(995));
    const beyond = await get(dicomFileUrl(indexed), { Range: 'bytes=2000-' });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('Content-Range')).toBe('bytes */1000');
  });

  it('answers HEAD without a body', async () => {
    const response = await get(dicomFileUrl(indexed), {}, 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Length')).toBe('1000');
    expect(await response.text()).toBe('');
  });

  it('refuses files that were not indexed', async () => {
    const response = await get(dicomFileUrl(secret));
    expect(response.status).toBe(403);
    expect(await response.text()).toBe('not an indexed file\n');
  });

  it('refuses path traversal, whatever the encoding', async () => {
    const traversal = join(folder, 'study') + '/../secret.txt';
    const encoded = await get(dicomFileUrl(traversal));
    expect(encoded.status).toBe(403);
    expect(await encoded.text()).toMatch(/not normalised/);
    // Unencoded segments would be normalised by the URL parser: refused before any lookup.
    const raw = await get(`recist-dicom://files${folder}/study/../secret.txt`);
    expect(raw.status).toBe(400);
    const relative = await get(`recist-dicom://files/${encodeURIComponent('../../etc/passwd')}`);
    expect(relative.status).toBe(403);
    expect(await relative.text()).toMatch(/not absolute/);
    const nul = await get(dicomFileUrl(`${indexed}\0.png`));
    expect(nul.status).toBe(400);
  });

  it('answers 404 for an indexed file that has gone, and for other hosts', async () => {
    expect((await get(dicomFileUrl(vanished))).status).toBe(404);
    expect((await get(`recist-dicom://elsewhere/${encodeURIComponent(indexed)}`)).status).toBe(404);
  });

  it('allows only GET and HEAD, and answers CORS preflights for them', async () => {
    const response = await get(dicomFileUrl(indexed), {}, 'POST');
    expect(response.status).toBe(405);
    const preflight = await get(
      dicomFileUrl(indexed),
      { 'Access-Control-Request-Headers': 'range' },
      'OPTIONS',
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Methods')).toBe('GET, HEAD');
    expect(preflight.headers.get('Access-Control-Allow-Headers')).toContain('Range');
  });

  it('builds URLs that round-trip any absolute path', () => {
    for (const path of [
      indexed,
      '/data/Ärzte/CT 1/IM?1#2%3',
      'C:\\Studies\\CT\\1.dcm'.replace(/^C:/, '/c'),
    ]) {
      expect(pathFromDicomUrl(dicomFileUrl(path))).toEqual({ ok: true, path });
    }
  });

  it('parses single ranges and ignores what it does not understand', () => {
    expect(parseRange('bytes=0-0', 10)).toEqual({ start: 0, end: 0 });
    expect(parseRange('bytes=5-', 10)).toEqual({ start: 5, end: 9 });
    expect(parseRange('bytes=5-100', 10)).toEqual({ start: 5, end: 9 });
    expect(parseRange('bytes=0-1,4-5', 10)).toBeNull();
    expect(parseRange('items=1-2', 10)).toBeNull();
    expect(parseRange('bytes=9-3', 10)).toBe('unsatisfiable');
  });
});

describe('indexed-file allowlist', () => {
  it('persists what was added and reloads it', async () => {
    const store = join(folder, 'state', 'indexed-files.json');
    const list = await IndexedFileAllowlist.load(store);
    expect(list.size).toBe(0);
    await list.add([indexed, indexed, join(folder, 'study', '..', 'study', 'other.dcm')]);
    const reloaded = await IndexedFileAllowlist.load(store);
    expect(reloaded.has(indexed)).toBe(true);
    expect(reloaded.has(join(folder, 'study', 'other.dcm'))).toBe(true);
    expect(reloaded.size).toBe(2);
    expect(JSON.parse(readFileSync(store, 'utf8'))).toHaveLength(2);
  });

  it('names a corrupt list instead of silently starting empty', async () => {
    const corrupt = join(folder, 'corrupt.json');
    writeFileSync(corrupt, '{"not": "a list"');
    await expect(IndexedFileAllowlist.load(corrupt)).rejects.toThrow(
      `the indexed-file list ${corrupt} is not valid JSON`,
    );
    writeFileSync(corrupt, '{"paths": []}');
    await expect(IndexedFileAllowlist.load(corrupt)).rejects.toThrow(/is not a JSON array of paths/);
  });
});
