import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SubjectResultSchema } from '../../../src/core/model';
import { runBuiltCli, runCli } from '../../helpers/cli';
import { sharedData } from '../core/dicom/fixtures';

/**
 * The built command line (what `npm run cli` and the `recist-ws` bin run), built by the same script
 * as `npm run build:cli` into a folder of its own, so these tests never run a stale out/cli.
 */
const ct = join(sharedData, 'ct-chest-lidc-0314');
const reads = join(process.cwd(), 'test/fixtures/recist/reads');
let outdir: string;
let bundle: string;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'recist-cli-bundle-'));
  execFileSync(process.execPath, ['build/build-cli.mjs', outdir], { stdio: 'pipe' });
  bundle = join(outdir, 'index.js');
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('built CLI bundle', () => {
  it('is what package.json runs: an executable index.js with a shebang, the worker beside it', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
      bin: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(manifest.bin['recist-ws']).toBe('./out/cli/index.js');
    expect(manifest.scripts['cli']).toBe('node out/cli/index.js');
    expect(readFileSync(bundle, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(execFileSync(bundle, ['version'], { encoding: 'utf8' })).toMatch(/^recist-ws \d+\.\d+\.\d+\n$/);
    expect(existsSync(join(outdir, 'headerWorker.js'))).toBe(true);
  });

  it('index: the LIDC CT read in worker threads, many chunks per worker, as one 275-slice series', () => {
    // 275 files are 5 chunks of 64 paths: both workers get several.
    const result = runBuiltCli(bundle, ['index', ct, '--json', '--workers', '2']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ filesScanned: 275, instancesIndexed: 275, rejected: [] });
    expect(report.studies).toHaveLength(1);
    expect(report.studies[0]).toMatchObject({ patientId: 'LIDC-IDRI-0314', studyDate: '2000-01-01' });
    expect(report.studies[0].series).toEqual([
      expect.objectContaining({ modality: 'CT', instanceCount: 275, sliceThicknessMm: 1, warnings: [] }),
    ]);
  });

  it('index: the readable report is the same as from the sources', () => {
    const built = runBuiltCli(bundle, ['index', ct]);
    expect(built.code).toBe(0);
    expect(built.stdout).toMatch(
      /^Scanned 275 files: 275 image files indexed, 0 rejected\.\n1 study, 1 series\./,
    );
    expect(built.stdout).toBe(runCli(['index', ct]).stdout);
  });

  it('index: without its worker entry every chunk fails, so the workers really come from headerWorker.js', () => {
    const broken = mkdtempSync(join(tmpdir(), 'recist-cli-no-worker-'));
    try {
      cpSync(outdir, broken, { recursive: true });
      rmSync(join(broken, 'headerWorker.js'));
      const result = runBuiltCli(join(broken, 'index.js'), ['index', ct, '--json', '--workers', '2']);
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout);
      expect(report.instancesIndexed).toBe(0);
      expect(report.rejected[0].reason).toMatch(/^internal error while reading: .*header worker/);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });

  it('evaluate: one read as indented JSON, and a folder as JSON Lines identical to the sources', () => {
    const one = runBuiltCli(bundle, ['evaluate', join(reads, 'g01-contract-example.json')]);
    expect(one.stderr).toBe('');
    expect(one.code).toBe(0);
    const result = SubjectResultSchema.parse(JSON.parse(one.stdout));
    expect(result.subjectId).toBe('S001');
    expect(result.timepoints.length).toBeGreaterThan(1);

    const folder = runBuiltCli(bundle, ['evaluate', reads]);
    expect(folder.code).toBe(0);
    // One line per golden read in the folder.
    const files = readdirSync(reads).filter((name) => name.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(12);
    expect(folder.stdout.trim().split('\n')).toHaveLength(files.length);
    expect(folder.stdout).toBe(runCli(['evaluate', reads]).stdout);
  });

  it('evaluate: runs as a script with a V8 code cache that this Node accepts, and zod stays out of the rest', () => {
    const caches = readdirSync(outdir).filter((name) => name.endsWith('.v8cache'));
    expect(caches).toEqual([expect.stringMatching(/^evaluate\.[0-9a-f]{16}\.v8cache$/)]);
    // A plain node, as the bin runs: V8 refuses a cache made under other flags (vitest's workers).
    const check = `const { readFileSync } = require('node:fs'); const { Script } = require('node:vm');
      const [file, cache] = process.argv.slice(1);
      const script = new Script(readFileSync(file, 'utf8'), { filename: file, cachedData: readFileSync(cache) });
      process.stdout.write(String(script.cachedDataRejected));`;
    const rejected = execFileSync(
      process.execPath,
      ['-e', check, join(outdir, 'evaluate.cjs'), join(outdir, caches[0]!)],
      { encoding: 'utf8' },
    );
    expect(rejected).toBe('false');
    for (const name of readdirSync(outdir).filter((n) => n.endsWith('.js'))) {
      expect(readFileSync(join(outdir, name), 'utf8'), name).not.toMatch(/jitless|_zod/);
    }
  });

  it('evaluate: the same output with the code cache missing or damaged (V8 then compiles the script)', () => {
    const read = join(reads, 'g01-contract-example.json');
    const expected = runBuiltCli(bundle, ['evaluate', read]);
    expect(expected.code).toBe(0);
    const copy = mkdtempSync(join(tmpdir(), 'recist-cli-no-cache-'));
    try {
      cpSync(outdir, copy, { recursive: true });
      const cache = readdirSync(copy).find((name) => name.endsWith('.v8cache'))!;
      writeFileSync(join(copy, cache), Buffer.alloc(4096, 7));
      expect(runBuiltCli(join(copy, 'index.js'), ['evaluate', read])).toEqual(expected);
      rmSync(join(copy, cache));
      expect(runBuiltCli(join(copy, 'index.js'), ['evaluate', read])).toEqual(expected);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('evaluate: bad input exits 2 with the file and field on stderr', () => {
    const result = runBuiltCli(bundle, ['evaluate', '-'], '{"criteria": "RECIST1.1"}');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toBe('');
  });
});
