import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecistDatabase } from '../../../src/renderer/db/database';
import { readHeadersInProcess } from '../../../src/renderer/import/fileHeaders';
import {
  runImport,
  type ImportDeps,
  type ImportProgress,
} from '../../../src/renderer/import/importController';
import { SessionFiles } from '../../../src/renderer/import/sessionFiles';
import { createWebPlatform } from '../../../src/renderer/platform/web';
import { pickFolder, SHARED_DATA } from '../../helpers/pickedFiles';

let db: RecistDatabase;
let deps: ImportDeps;

beforeEach(() => {
  db = new RecistDatabase(`test-${Math.random()}`);
  deps = {
    db,
    platform: createWebPlatform('test'),
    readFileHeaders: readHeadersInProcess,
    sessionFiles: new SessionFiles(),
    refreshEveryMs: 0,
  };
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const importFolder = async (folder: string, signal?: AbortSignal, onProgress = (_: ImportProgress) => {}) =>
  runImport({ kind: 'files', files: await pickFolder(folder), label: folder }, deps, onProgress, signal);

describe('importing picked files', () => {
  it('indexes the 275-slice CT as one study with one ordered series, and remembers the files', async () => {
    const progress: ImportProgress[] = [];
    const report = await importFolder(join(SHARED_DATA, 'ct-chest-lidc-0314'), undefined, (p) =>
      progress.push(p),
    );
    expect(report).toMatchObject({
      scanned: 275,
      imported: 275,
      duplicates: 0,
      rejected: [],
      cancelled: false,
    });
    expect(progress.at(-1)).toMatchObject({ scanned: 275, imported: 275, total: 275 });

    const studies = await db.studies.toArray();
    expect(studies).toHaveLength(1);
    expect(studies[0]).toMatchObject({ seriesCount: 1, instanceCount: 275, modalities: ['CT'] });
    const [series] = await db.series.toArray();
    expect(series).toMatchObject({
      frameCount: 275,
      rows: 512,
      columns: 512,
      sliceThicknessMm: 1,
      warnings: [],
    });
    expect(series!.sliceSpacingMm).toBeCloseTo(1, 3);
    const positions = series!.frames.map((f) => f.positionMm!);
    expect(positions.every((p, i) => i === 0 || p > positions[i - 1]! || p < positions[i - 1]!)).toBe(true);
    expect(new Set(positions).size).toBe(275);
    expect(deps.sessionFiles.has(series!.frames[137]!.sopInstanceUid)).toBe(true);
    expect(await db.importReports.count()).toBe(1);
  });

  it('adds nothing when the same files come again, but re-attaches them to this session', async () => {
    const folder = join(SHARED_DATA, 'mr-brain-brainix');
    await importFolder(folder);
    const before = await db.instances.toArray();
    deps = { ...deps, sessionFiles: new SessionFiles() };
    const again = await importFolder(folder);
    expect(again.imported).toBe(0);
    expect(again.duplicates).toBe(before.length);
    expect(await db.instances.toArray()).toEqual(before);
    expect(deps.sessionFiles.has(before[0]!.sopInstanceUid)).toBe(true);
  });

  it('lists every bad file with a reason and still imports the good ones', async () => {
    const report = await importFolder(join(SHARED_DATA, 'edge-cases'));
    expect(report.rejected.length).toBeGreaterThan(5);
    for (const rejection of report.rejected) {
      expect(rejection.path).toMatch(/^edge-cases\//);
      expect(rejection.reason.length).toBeGreaterThan(5);
    }
    expect(report.rejected.find((r) => r.path.endsWith('MR_truncated.dcm'))?.reason).toMatch(/truncat/i);
    expect(report.imported).toBeGreaterThan(0);
    // Every file is accounted for: stored, already stored (the same object twice in the set), a DICOMDIR, or rejected.
    expect(report.dicomdirs).toBeGreaterThan(0);
    expect(report.imported + report.duplicates + report.dicomdirs + report.rejected.length).toBe(
      report.scanned,
    );
    expect(await db.instances.count()).toBe(report.imported);
  });

  it('keeps what was imported when cancelled', async () => {
    const abort = new AbortController();
    const report = await importFolder(join(SHARED_DATA, 'ct-chest-lidc-0314'), abort.signal, (p) => {
      if (p.imported >= 64) abort.abort();
    });
    expect(report.cancelled).toBe(true);
    expect(report.imported).toBeGreaterThanOrEqual(64);
    expect(report.imported).toBeLessThan(275);
    expect(await db.instances.count()).toBe(report.imported);
    const [series] = await db.series.toArray();
    expect(series!.instanceCount).toBe(report.imported);
  });
});
