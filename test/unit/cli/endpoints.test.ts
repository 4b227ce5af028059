import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuiltCli, runCli } from '../../helpers/cli';

/** A subject read with one liver target (mm by date) and the contract's default options. */
function read(id: string, sizes: Record<string, number>, criteria = 'RECIST1.1') {
  return {
    criteria,
    options: { confirmationRequired: true, confirmationMinDays: 28, sdMinDays: 42, tooSmallMm: 5 },
    subject: { id, enrollmentDate: '2026-01-05', deathDate: null, newAnticancerTherapyDate: null },
    lesions: [{ id: 'T1', kind: 'target', organ: 'liver', nodal: false }],
    timepoints: Object.entries(sizes).map(([date, mm], i) => ({
      id: i === 0 ? 'BL' : `V${i}`,
      date,
      measurements: { T1: { mm } },
      nonTarget: {},
      newLesions: [],
    })),
  };
}

let dir: string;
const folder = (name: string) => join(dir, name);
const write = (name: string, file: string, content: unknown) =>
  writeFileSync(join(dir, name, file), typeof content === 'string' ? content : JSON.stringify(content));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'recist-endpoints-'));
  for (const name of ['cohort', 'bad', 'empty', 'mixed']) mkdirSync(folder(name));
  // PR confirmed (day 56 and 87), SD (day 56), PD (day 56): ORR 1 of 3, DCR 2 of 3, one PFS event.
  write('cohort', 'a.json', read('A', { '2026-01-05': 50, '2026-03-01': 30, '2026-04-01': 30 }));
  write('cohort', 'b.json', read('B', { '2026-01-05': 50, '2026-03-01': 45 }));
  write('cohort', 'c.json', read('C', { '2026-01-05': 50, '2026-03-01': 70 }));
  write('cohort', 'notes.txt', 'not a read');
  write('bad', 'a.json', read('A', { '2026-01-05': 50, '2026-03-01': 30 }));
  write('bad', 'z.json', { ...read('Z', { '2026-01-05': 50 }), criteria: 'WHO' });
  write('mixed', 'a.json', read('A', { '2026-01-05': 50, '2026-03-01': 30 }));
  write('mixed', 'b.json', read('B', { '2026-01-05': 50, '2026-03-01': 30 }, 'iRECIST'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run cli -- endpoints', () => {
  it('prints the cohort endpoints of a folder of subject reads', () => {
    const result = runCli(['endpoints', folder('cohort'), '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({
      subjects: 3,
      criteria: 'RECIST 1.1',
      bestResponse: { CR: 0, PR: 1, SD: 1, PD: 1, NE: 0 },
      orr: { responders: 1, n: 3, rate: 1 / 3, population: 'all subjects with a baseline read (ITT)' },
      orrPerProtocol: { responders: 1, n: 3 },
      dcr: { responders: 2, n: 3 },
    });
    // R: binom.test(1, 3)$conf.int
    expect(output.orr.lower).toBeCloseTo(0.008403759, 8);
    expect(output.orr.upper).toBeCloseTo(0.9057007, 7);
    expect(output.perSubject.map((s: { subjectId: string }) => s.subjectId)).toEqual(['A', 'B', 'C']);
    expect(output.perSubject[0]).toMatchObject({
      bestResponse: 'PR',
      confirmed: true,
      dorDays: 32,
      dorEvent: false,
    });
    expect(output.perSubject[2]).toMatchObject({
      bestResponse: 'PD',
      pfsDays: 56,
      pfsEvent: true,
      dorDays: null,
    });
    expect(output.pfs).toMatchObject({ n: 3, events: 1, censored: 2, confType: 'log-log' });
    expect(output.pfs.atRisk.map((r: { time: number }) => r.time)).toEqual([0, 90, 180, 270, 360]);
    expect(output.pfs.rmst).toBeNull();
    expect(output.dor).toMatchObject({ n: 1, events: 0, censored: 1 });
  });

  it('passes --conf-type, --times and --rmst to the Kaplan-Meier estimates', () => {
    const result = runCli([
      'endpoints',
      folder('cohort'),
      '--conf-type',
      'plain',
      '--times',
      '0,30',
      '--rmst',
      '60',
    ]);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.pfs.confType).toBe('plain');
    expect(output.dor.confType).toBe('plain');
    expect(output.pfs.atRisk.map((r: { time: number; nRisk: number }) => [r.time, r.nRisk])).toEqual([
      [0, 3],
      [30, 3],
    ]);
    expect(output.pfs.rmst.tau).toBe(60);
  });

  it.each([
    ['an unknown option', ['--colour'], /^endpoints: unknown option --colour\n$/],
    [
      'a bad --conf-type',
      ['--conf-type', 'probit'],
      /--conf-type is one of log-log, log, plain, got "probit"/,
    ],
    ['a bad --times', ['--times', '0,x'], /--times needs days >= 0, got "x"/],
  ])('exits 2 with one line on stderr for %s', (_label, extra, message) => {
    const result = runCli(['endpoints', folder('cohort'), ...extra]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it.each([
    ['an invalid read, naming the file', 'bad', /^endpoints: z\.json: .*criteria/],
    ['a folder without reads', 'empty', /empty: no \.json subject reads in this folder/],
    ['mixed criteria, naming the subjects', 'mixed', /A is read with RECIST 1\.1, B with iRECIST/],
    ['a missing folder', 'nowhere', /nowhere: no such folder/],
  ])('exits 2 with one line on stderr for %s', (_label, name, message) => {
    const result = runCli(['endpoints', folder(name), '--json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });
});

describe('endpoints and km share one Kaplan-Meier code path', () => {
  it('PFS from endpoints equals km on the CSV of the per-subject PFS times', () => {
    const output = JSON.parse(runCli(['endpoints', folder('cohort'), '--json']).stdout);
    const rows = output.perSubject.map(
      (s: { subjectId: string; pfsDays: number; pfsEvent: boolean }) =>
        `${s.subjectId},${s.pfsDays},${s.pfsEvent ? 1 : 0}`,
    );
    writeFileSync(join(dir, 'pfs.csv'), ['subject,time_days,event', ...rows].join('\n'));
    const km = runCli(['km', join(dir, 'pfs.csv'), '--json']);
    expect(km.code).toBe(0);
    expect(output.pfs).toEqual(JSON.parse(km.stdout));
  });
});

describe('endpoints in the built CLI bundle', () => {
  let outdir: string;
  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'recist-endpoints-bundle-'));
    execFileSync(process.execPath, ['build/build-cli.mjs', outdir], { stdio: 'pipe' });
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('prints the same JSON as from the sources, and exits 2 with one line for bad input', () => {
    const built = runBuiltCli(join(outdir, 'index.js'), ['endpoints', folder('cohort'), '--json']);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(built.stdout).toBe(runCli(['endpoints', folder('cohort'), '--json']).stdout);
    const bad = runBuiltCli(join(outdir, 'index.js'), ['endpoints', folder('bad'), '--json']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^endpoints: z\.json: .*criteria.*\n$/);
  });
});
