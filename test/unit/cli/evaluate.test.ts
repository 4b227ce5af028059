import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SubjectResultSchema } from '../../../src/core/model';
import { runCli } from '../../helpers/cli';

/** The contract's own example read. */
const example = {
  criteria: 'RECIST1.1',
  options: { confirmationRequired: true, confirmationMinDays: 28, sdMinDays: 42, tooSmallMm: 5 },
  subject: { id: 'S001', enrollmentDate: '2026-01-05', deathDate: null, newAnticancerTherapyDate: null },
  lesions: [
    { id: 'T1', kind: 'target', organ: 'liver', nodal: false },
    { id: 'T2', kind: 'target', organ: 'lymph node', nodal: true },
    { id: 'NT1', kind: 'non-target', organ: 'peritoneum', nodal: false },
  ],
  timepoints: [
    {
      id: 'BL',
      date: '2026-01-02',
      sliceThicknessMm: 2.5,
      measurements: { T1: { mm: 32 }, T2: { mm: 18 } },
      nonTarget: { NT1: 'present' },
      newLesions: [],
    },
    {
      id: 'W8',
      date: '2026-03-01',
      measurements: { T1: { status: 'too-small' }, T2: { mm: 9 } },
      nonTarget: { NT1: 'absent' },
      newLesions: [{ id: 'N1', organ: 'liver', status: 'equivocal' }],
    },
  ],
};

function withSubject(id: string) {
  return { ...example, subject: { ...example.subject, id } };
}

function withBadStatus(id: string) {
  const read = structuredClone(withSubject(id)) as typeof example;
  (read.timepoints[1]!.measurements as Record<string, unknown>).T1 = { status: 'gone' };
  return read;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'recist-cli-'));
  const folder = join(dir, 'reads');
  mkdirSync(folder);
  writeFileSync(join(folder, 'b.json'), JSON.stringify(withSubject('B')));
  writeFileSync(join(folder, 'a.json'), JSON.stringify(withSubject('A')));
  writeFileSync(join(folder, 's1.json'), JSON.stringify(withBadStatus('S1')));
  writeFileSync(join(folder, 'c.json'), '{ "criteria": ');
  writeFileSync(join(folder, 'notes.txt'), 'not a read');
  writeFileSync(join(dir, 'one.json'), JSON.stringify(example));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run cli -- evaluate', () => {
  it('prints the contract output for one file', () => {
    const result = runCli(['evaluate', join(dir, 'one.json')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const output = SubjectResultSchema.parse(JSON.parse(result.stdout));
    expect(output).toMatchObject({
      subjectId: 'S001',
      bestOverallResponse: 'SD',
      responseStartDate: null,
      progressionDate: null,
      dor: { days: null, event: false },
      pfs: { days: 56, event: false },
      violations: [],
    });
    expect(output.timepoints.map((t) => [t.id, t.sumMm, t.nadirMm, t.pctFromBaseline, t.overall])).toEqual([
      ['BL', 50, null, null, 'NA'],
      ['W8', 14, 50, -72, 'PR'],
    ]);
    expect(output.timepoints[1]).toMatchObject({ target: 'PR', nonTarget: 'CR', newLesions: 'EQUIVOCAL' });
  });

  it('names the field of a bad stdin read, without a file prefix, and prints nothing on stdout', () => {
    const result = runCli(['evaluate', '-'], JSON.stringify(withBadStatus('S1')));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('timepoints[1].measurements.T1: unknown status "gone"\n');
  });

  it('refuses "absent" for a new lesion no earlier timepoint lists: exit 2, the field on stderr', () => {
    const read = structuredClone(example);
    read.timepoints[1]!.newLesions = [{ id: 'N1', organ: 'liver', status: 'absent' }];
    const result = runCli(['evaluate', '-'], JSON.stringify(read));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'timepoints[1].newLesions[0].status: "absent" is only for a new lesion seen at an earlier timepoint, and N1 is not listed before W8\n',
    );
  });

  it('evaluates the new-lesion statuses of a lesion seen earlier', () => {
    const read = structuredClone(example) as { timepoints: Record<string, unknown>[] };
    read.timepoints.push(
      {
        id: 'W16',
        date: '2026-04-26',
        measurements: { T1: { status: 'too-small' }, T2: { mm: 9 } },
        nonTarget: { NT1: 'absent' },
        newLesions: [{ id: 'N1', organ: 'liver', status: 'not-evaluated' }],
      },
      {
        id: 'W24',
        date: '2026-06-21',
        measurements: { T1: { status: 'too-small' }, T2: { mm: 9 } },
        nonTarget: { NT1: 'absent' },
        newLesions: [{ id: 'N1', organ: 'liver', status: 'increased' }],
      },
    );
    const result = runCli(['evaluate', '-'], JSON.stringify(read));
    expect(result.stderr).toBe('');
    const output = SubjectResultSchema.parse(JSON.parse(result.stdout));
    // Equivocal at W8, not evaluated at W16 (still equivocal), grown at W24: PD, dated back to W8.
    expect(output.timepoints.map((t) => t.newLesions)).toEqual(['NO', 'EQUIVOCAL', 'EQUIVOCAL', 'YES']);
    expect(output.progressionDate).toBe('2026-03-01');
  });

  it('refuses a read whose dates cannot all be true: exit 2, the file, the field and the rule on stderr', () => {
    const deadBeforeEnrolment = { ...example, subject: { ...example.subject, deathDate: '2025-09-23' } };
    writeFileSync(join(dir, 'dead.json'), JSON.stringify(deadBeforeEnrolment));
    const result = runCli(['evaluate', join(dir, 'dead.json')]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    // One message per file (the contract): the first problem found.
    expect(result.stderr).toBe(
      'dead.json: subject.deathDate: Death (2025-09-23) is before enrolment (2026-01-05): death must be on or after enrolment\n',
    );
  });

  it('prints JSON Lines for a folder in file-name order; bad files are named on stderr, exit 2', () => {
    const result = runCli(['evaluate', join(dir, 'reads')]);
    expect(result.code).toBe(2);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).subjectId)).toEqual(['A', 'B']);
    const errors = result.stderr.trimEnd().split('\n');
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^c\.json: not valid JSON: /);
    expect(errors[1]).toBe('s1.json: timepoints[1].measurements.T1: unknown status "gone"');
  });

  it('evaluates several inputs, stdin (-) among them, reporting a missing one', () => {
    const result = runCli(
      ['evaluate', join(dir, 'missing.json'), join(dir, 'one.json'), '-'],
      JSON.stringify(withSubject('FROM-STDIN')),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${join(dir, 'missing.json')}: no such file or folder\n`);
    // In file-name order: "-" (stdin) sorts before "one.json".
    expect(
      result.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).subjectId),
    ).toEqual(['FROM-STDIN', 'S001']);
  });

  it('shows its usage and exits 2 without arguments', () => {
    const result = runCli(['evaluate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage: recist-ws evaluate');
    expect(result.stdout).toBe('');
  });
});
