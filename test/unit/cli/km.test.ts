import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kaplanMeier, type KmRow } from '../../../src/core/endpoints';
import fixture from '../../fixtures/km/km-reference.json';
import { runBuiltCli, runCli } from '../../helpers/cli';

/** The 40-subject cohort of the R fixture, as the CSV a statistician would hand over (rows shuffled). */
const realistic = (fixture as unknown as { cohorts: { name: string; rows: KmRow[] }[] }).cohorts.find(
  (c) => c.name === 'realistic 40 subjects',
)!;
const shuffled = [...realistic.rows].reverse();
const csv = [
  'subject,time_days,event',
  ...shuffled.map((r) => `${r.subject},${r.timeDays},${r.event ? 1 : 0}`),
].join('\r\n');

let dir: string;
let bundle: string;
const file = (name: string) => join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'recist-km-'));
  writeFileSync(file('pfs.csv'), `\uFEFF${csv}\r\n`);
  // Columns in another order, an extra column and quotes are still the same data.
  writeFileSync(
    file('reordered.csv'),
    [
      'event,"subject",arm,time_days',
      ...realistic.rows.map((r) => `${r.event ? 1 : 0},"${r.subject}",A,${r.timeDays}`),
    ].join('\n'),
  );
  writeFileSync(file('empty.csv'), '\n\n');
  writeFileSync(file('header-only.csv'), 'subject,time_days,event\n');
  writeFileSync(file('no-event.csv'), 'subject,time_days\nS1,10\n');
  writeFileSync(file('bad-time.csv'), 'subject,time_days,event\nS1,10,1\nS2,ten,0\n');
  writeFileSync(file('negative.csv'), 'subject,time_days,event\nS1,-3,1\n');
  writeFileSync(file('bad-event.csv'), 'subject,time_days,event\nS1,10,1\n\nS2,12,2\n');
  writeFileSync(file('twice.csv'), 'subject,time_days,event\nS1,10,1\nS1,12,0\n');
  const outdir = join(dir, 'cli');
  execFileSync(process.execPath, ['build/build-cli.mjs', outdir], { stdio: 'pipe' });
  bundle = join(outdir, 'index.js');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('recist-ws km', () => {
  it('prints the kaplanMeier object of the CSV, full precision, with the contract defaults', () => {
    const result = runBuiltCli(bundle, ['km', file('pfs.csv'), '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const expected = kaplanMeier(realistic.rows);
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(expected).toMatchObject({ n: 40, confType: 'log-log', rmst: null });
    expect(expected.atRisk.map((r) => r.time)).toEqual([0, 90, 180, 270, 360]);
  });

  it('takes --conf-type, --times and --rmst, and reads columns by name', () => {
    const args = ['--conf-type', 'plain', '--times', '0,30,400', '--rmst', '360', '--json'];
    const result = runBuiltCli(bundle, ['km', file('reordered.csv'), ...args]);
    expect(result.code).toBe(0);
    const km = JSON.parse(result.stdout);
    expect(km).toEqual(
      JSON.parse(
        JSON.stringify(kaplanMeier(realistic.rows, { confType: 'plain', times: [0, 30, 400], rmstTau: 360 })),
      ),
    );
    expect(km.atRisk.map((r: { time: number }) => r.time)).toEqual([0, 30, 400]);
    expect(km.rmst.tau).toBe(360);
  });

  it('without --json prints the median and the at-risk table for a reader', () => {
    const result = runCli(['km', file('pfs.csv')]);
    expect(result.code).toBe(0);
    const km = kaplanMeier(realistic.rows);
    expect(result.stdout).toContain(`pfs.csv: 40 subjects, ${km.events} events, ${km.censored} censored`);
    expect(result.stdout).toContain(`Median: ${km.median.estimate} days`);
  });

  const bad: [string, string[], RegExp][] = [
    ['an empty file', ['empty.csv'], /^empty\.csv: line 1: the file is empty/],
    [
      'a header without rows',
      ['header-only.csv'],
      /^header-only\.csv: line 2: no subjects after the header$/,
    ],
    ['a missing column', ['no-event.csv'], /^no-event\.csv: line 1: missing column "event"/],
    [
      'a time that is not a number',
      ['bad-time.csv'],
      /^bad-time\.csv: line 3: time_days "ten" is not a number/,
    ],
    ['a negative time', ['negative.csv'], /^negative\.csv: line 2: time_days -3 is negative$/],
    ['an event other than 0/1', ['bad-event.csv'], /^bad-event\.csv: line 4: event "2" must be 1 .* or 0/],
    ['a subject twice', ['twice.csv'], /^twice\.csv: line 3: subject S1 is already on line 2$/],
    ['a file that does not exist', ['missing.csv'], /^missing\.csv: cannot read the file \(ENOENT\)$/],
    ['an unknown option', ['pfs.csv', '--confidence', '0.9'], /^km: unknown option "--confidence"$/],
    [
      'an unknown CI type',
      ['pfs.csv', '--conf-type', 'logit'],
      /^km: --conf-type must be one of log-log, log, plain$/,
    ],
    ['bad --times', ['pfs.csv', '--times', '0,,90'], /^km: --times needs days/],
    ['bad --rmst', ['pfs.csv', '--rmst', '0'], /^km: --rmst needs a number of days above 0$/],
  ];
  for (const [what, args, message] of bad) {
    it(`exits 2 with one line on stderr and nothing on stdout for ${what}`, () => {
      const result = runBuiltCli(bundle, ['km', ...args.map((a, i) => (i === 0 ? file(a) : a)), '--json']);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.endsWith('\n')).toBe(true);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr.trimEnd()).toMatch(message);
    });
  }
});
