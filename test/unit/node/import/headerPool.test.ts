import { describe, expect, it } from 'vitest';
import { createHeaderParser, workerStart } from '../../../../src/node/import/headerPool';
import { join } from 'node:path';
import { sharedData } from '../../core/dicom/fixtures';

describe('header worker start-up', () => {
  it('uses the bundled second entry next to the main bundle', () => {
    const start = workerStart('file:///opt/recist/resources/app/out/main/index.js');
    expect(start).toEqual({
      script: new URL('file:///opt/recist/resources/app/out/main/headerWorker.js'),
      eval: false,
    });
  });

  it('registers tsx inside the worker when running from sources', () => {
    const start = workerStart(new URL('../../../../src/node/import/headerPool.ts', import.meta.url).href);
    expect(start.eval).toBe(true);
    expect(start.script).toMatch(/tsx\/dist\/esm\/api\/index\.mjs/);
    expect(start.script).toMatch(/src\/node\/import\/headerWorker\.ts/);
  });

  it('ignores the query tsx adds when a module is loaded with tsImport (the web dev server)', () => {
    const source = new URL('../../../../src/node/import/headerPool.ts', import.meta.url).href;
    const start = workerStart(`${source}?tsx-namespace=1764321000000`);
    expect(start.eval).toBe(true);
    expect(start.script).toContain(`${new URL('./headerWorker.ts', source).href}"`);
  });

  it('reads headers in real worker threads from sources, and refuses work once closed', async () => {
    const parser = createHeaderParser(2);
    const ct = join(sharedData, 'ct-chest-lidc-0314');
    const results = await Promise.all([
      parser.parse([join(ct, '000001.dcm')]),
      parser.parse([join(ct, '000002.dcm'), join(ct, 'missing.dcm')]),
    ]);
    expect(results.flat().map((r) => r.result.kind)).toEqual(['instance', 'instance', 'rejected']);
    await parser.close();
    await expect(parser.parse([join(ct, '000001.dcm')])).rejects.toThrow('header parser is closed');
  });
});
