import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScanBatch } from '../../../../src/platform/bridge';
import { scanPaths } from '../../../../src/node/import/scanPaths';
import { filesUnder, sharedData } from '../../core/dicom/fixtures';

const ct = join(sharedData, 'ct-chest-lidc-0314');
const edgeCases = join(sharedData, 'edge-cases');
const dicomdirTests = join(edgeCases, 'pydicom/dicomdirtests');
const temporary = mkdtempSync(join(tmpdir(), 'recist-scan-'));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

async function collect(paths: string[], options: { workers?: number; batchSize?: number } = {}) {
  const batches: ScanBatch[] = [];
  const summary = await scanPaths(paths, { workers: 0, ...options, onBatch: (batch) => batches.push(batch) });
  return {
    summary,
    batches,
    instances: batches.flatMap((b) => b.instances),
    rejected: batches.flatMap((b) => b.rejected),
  };
}

describe('scanPaths', () => {
  it('indexes a CT series in worker threads and streams batches with growing counts', async () => {
    const { summary, batches, instances, rejected } = await collect([ct], { workers: 2, batchSize: 100 });
    expect(summary).toEqual({ progress: { scanned: 275, imported: 275, rejected: 0 }, cancelled: false });
    expect(instances).toHaveLength(275);
    expect(rejected).toEqual([]);
    expect(batches.length).toBeGreaterThan(1);
    const scannedCounts = batches.map((b) => b.progress.scanned);
    expect([...scannedCounts].sort((a, b) => a - b)).toEqual(scannedCounts);
    expect(batches.at(-1)!.progress).toEqual(summary.progress);
    const first = instances.find((i) => i.source.kind === 'path' && i.source.path.endsWith('000001.dcm'))!;
    expect(first.fileSizeBytes).toBe(526134);
    expect(first.header.rows).toBe(512);
  });

  it('gives the same result inline and in workers, for every edge case, without throwing', async () => {
    const inline = await collect([edgeCases], { workers: 0 });
    const threaded = await collect([edgeCases], { workers: 2 });
    const key = (r: { path: string }) => r.path;
    expect(threaded.rejected.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      inline.rejected.sort((a, b) => key(a).localeCompare(key(b))),
    );
    expect(threaded.instances.map((i) => i.header.sopInstanceUid).sort()).toEqual(
      inline.instances.map((i) => i.header.sopInstanceUid).sort(),
    );
    // Every file once: the walk and the DICOMDIRs reach the same files, which are read once.
    expect(inline.summary.progress.scanned).toBe(filesUnder(edgeCases).length);
    const { scanned, imported, rejected } = inline.summary.progress;
    const dicomdirs = 7; // DICOMDIR-nooffset is unreadable to dicom-parser and rejected
    expect(imported + rejected + dicomdirs).toBe(scanned);
    for (const rejection of inline.rejected) expect(rejection.reason).not.toBe('');
  });

  it('reports a second file with the same SOP Instance UID as a duplicate', async () => {
    const folder = join(temporary, 'dupes');
    for (const sub of ['a', 'b']) {
      mkdirSync(join(folder, sub), { recursive: true });
      for (const name of ['000001.dcm', '000002.dcm']) copyFileSync(join(ct, name), join(folder, sub, name));
    }
    const { summary, instances, rejected } = await collect([folder]);
    expect(summary.progress).toEqual({ scanned: 4, imported: 2, rejected: 2 });
    expect(instances.map((i) => (i.source.kind === 'path' ? i.source.path : ''))).toEqual([
      join(folder, 'a/000001.dcm'),
      join(folder, 'a/000002.dcm'),
    ]);
    expect(rejected[0]).toEqual({
      path: join(folder, 'b/000001.dcm'),
      reason: `duplicate of ${join(folder, 'a/000001.dcm')} (same SOP Instance UID)`,
    });
  });

  it('reads a file given twice (directly and through its folder) once', async () => {
    const file = join(ct, '000001.dcm');
    const { summary } = await collect([file, file]);
    expect(summary.progress).toEqual({ scanned: 1, imported: 1, rejected: 0 });
  });

  it('turns a missing path into a rejection naming it and scans the rest', async () => {
    const missing = join(temporary, 'no-such-folder');
    const { summary, rejected } = await collect([missing, join(ct, '000001.dcm')]);
    expect(summary.progress).toEqual({ scanned: 2, imported: 1, rejected: 1 });
    expect(rejected).toEqual([{ path: missing, reason: 'not found (moved or deleted?)' }]);
  });

  it('follows a DICOMDIR chosen directly to the files it references', async () => {
    const { summary, instances } = await collect([join(dicomdirTests, 'DICOMDIR')]);
    expect(summary.progress.scanned).toBe(32);
    expect(summary.progress.rejected).toBe(0);
    expect(instances).toHaveLength(31);
    expect(
      instances.some((i) => i.source.kind === 'path' && i.source.path.endsWith('98892003/MR700/4648')),
    ).toBe(true);
  });

  it('reports files a DICOMDIR lists but that are not there', async () => {
    const folder = join(temporary, 'cd');
    mkdirSync(folder, { recursive: true });
    copyFileSync(join(dicomdirTests, 'DICOMDIR'), join(folder, 'DICOMDIR'));
    const { summary, rejected } = await collect([folder]);
    expect(summary.progress).toEqual({ scanned: 32, imported: 0, rejected: 31 });
    expect(rejected).toContainEqual({
      path: join(folder, '98892003/MR700/4648'),
      reason: 'listed in DICOMDIR but not found',
    });
  });

  it('stops on cancel, sends nothing afterwards and reports what was sent', async () => {
    const controller = new AbortController();
    const batches: ScanBatch[] = [];
    let afterAbort = 0;
    const summary = await scanPaths([ct], {
      workers: 2,
      chunkSize: 8,
      batchSize: 10,
      signal: controller.signal,
      onBatch: (batch) => {
        if (controller.signal.aborted) afterAbort += 1;
        batches.push(batch);
        if (batches.length === 2) controller.abort();
      },
    });
    expect(summary.cancelled).toBe(true);
    expect(afterAbort).toBe(0);
    expect(batches).toHaveLength(2);
    expect(summary.progress).toEqual(batches[1]!.progress);
    expect(summary.progress.imported).toBe(batches.flatMap((b) => b.instances).length);
    expect(summary.progress.scanned).toBeLessThan(275);
  });

  it('returns at once when cancelled before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    const batches: ScanBatch[] = [];
    const summary = await scanPaths([ct], {
      workers: 0,
      signal: controller.signal,
      onBatch: (b) => batches.push(b),
    });
    expect(summary).toEqual({ progress: { scanned: 0, imported: 0, rejected: 0 }, cancelled: true });
    expect(batches).toEqual([]);
  });
});
