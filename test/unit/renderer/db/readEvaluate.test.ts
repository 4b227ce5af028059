import { describe, expect, it } from 'vitest';
import { SubjectResultSchema } from '../../../../src/core/model';
import { evaluateRead } from '../../../../src/core/reading/evaluation';
import { iRecistBeside } from '../../../../src/core/reading/besideCriteria';
import { lesionGrid } from '../../../../src/core/reading/grid';
import { exportSubjectRead } from '../../../../src/core/reading/subjectRead';
import { addLesion } from '../../../../src/renderer/db/readLesions';
import { loadReadView } from '../../../../src/renderer/db/readQueries';
import { signTimepoint } from '../../../../src/renderer/db/readSignoff';
import { runCli } from '../../../helpers/cli';
import { measure } from '../../core/reading/fixtures';
import { readFixture, storedScenario, PASSPHRASE } from './readTestDb';

describe('the live panel and the exported file agree', () => {
  it('evaluates the stored read: PR at week 8, PD with the new lesion at week 16', async () => {
    const f = await storedScenario();
    const evaluation = evaluateRead(await loadReadView(f.db, f.read.id));
    const rows = [f.baseline, f.week8, f.week16].map((t) => evaluation.rowsByTimepointId.get(t.id)!);
    expect(
      rows.map((r) => [r.id, r.sumMm, r.pctFromBaseline, r.target, r.nonTarget, r.newLesions, r.overall]),
    ).toEqual([
      ['Baseline', 24.6, null, 'NA', 'NA', 'NO', 'NA'],
      ['Week 8', 15.2, -38.2, 'PR', 'NON_CR_NON_PD', 'NO', 'PR'],
      ['Week 16', 14.8, -39.8, 'PR', 'NON_CR_NON_PD', 'YES', 'PD'],
    ]);
    expect(evaluation.result!.progressionDate).toBe('2026-04-26');
    expect(evaluation.violationsByLesionId.size).toBe(0);
  });

  it('derives iRECIST beside RECIST 1.1 from the same measurements: the new lesion makes iUPD, not PD', async () => {
    const f = await storedScenario();
    const view = await loadReadView(f.db, f.read.id);
    const evaluation = evaluateRead(view);
    const beside = iRecistBeside(evaluation)!;
    const overall = [f.baseline, f.week8, f.week16].map((t) => beside.rowsByTimepointId.get(t.id)!.overall);
    expect(overall).toEqual(['NA', 'iPR', 'iUPD']);
    expect(beside.result.criteria).toBe('iRECIST');
    // The same sums: only the criteria differ.
    expect(beside.rowsByTimepointId.get(f.week8.id)!.sumMm).toBe(
      evaluation.rowsByTimepointId.get(f.week8.id)!.sumMm,
    );
    // The CLI on the exported JSON with criteria iRECIST gives the same result.
    const cli = runCli(
      ['evaluate', '-'],
      JSON.stringify({ ...exportSubjectRead(view), criteria: 'iRECIST' }),
    );
    expect(SubjectResultSchema.parse(JSON.parse(cli.stdout))).toEqual(beside.result);
  });

  it('`npm run cli -- evaluate` on the exported JSON prints exactly what the panel shows', async () => {
    const f = await storedScenario();
    const view = await loadReadView(f.db, f.read.id);
    const exported = JSON.stringify(exportSubjectRead(view), null, 2);
    const cli = runCli(['evaluate', '-'], exported);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const printed = SubjectResultSchema.parse(JSON.parse(cli.stdout));
    expect(printed).toEqual(evaluateRead(view).result);
  });

  it("shows the engine's selection violations at the lesion, and signing needs an override for them", async () => {
    const f = await readFixture();
    const liver = async (code: string, mm: number) =>
      (
        await addLesion(f.session, {
          readId: f.read.id,
          kind: 'target',
          locationCode: code,
          timepointId: f.baseline.id,
          value: { status: 'measured', fragments: [measure(mm)] },
        })
      ).value.lesion;
    await liver('liver.s2', 30);
    await liver('liver.s6', 25);
    const t3 = await liver('liver.s8', 8); // third in one organ, and too small
    const evaluation = evaluateRead(await loadReadView(f.db, f.read.id));
    expect(evaluation.violationsByLesionId.get(t3.id)!.map((v) => v.code)).toEqual([
      'TOO_MANY_TARGETS_IN_ORGAN',
      'TARGET_NOT_MEASURABLE',
    ]);
    await expect(
      signTimepoint(f.session, { passphrase: PASSPHRASE, readId: f.read.id, timepointId: f.baseline.id }),
    ).rejects.toThrow(
      'Baseline has unresolved violations (TOO_MANY_TARGETS_IN_ORGAN, TARGET_NOT_MEASURABLE): signing needs an override reason',
    );
    const signed = await signTimepoint(f.session, {
      passphrase: PASSPHRASE,
      readId: f.read.id,
      timepointId: f.baseline.id,
      overrideReason: 'sponsor query 12: keep T3',
    });
    expect(signed.value.override!.violations.map((v) => [v.code, v.lesionIds])).toEqual([
      ['TOO_MANY_TARGETS_IN_ORGAN', ['T3']],
      ['TARGET_NOT_MEASURABLE', ['T3']],
    ]);
  });
});

describe('the per-lesion grid', () => {
  it("gives each lesion's counted size per timepoint, adding up to the engine's sums", async () => {
    const f = await storedScenario();
    const view = await loadReadView(f.db, f.read.id);
    const grid = lesionGrid(view);
    expect(grid.map((r) => r.lesion.label)).toEqual(['T1', 'NT1', 'N1']);
    const [t1, nt1, n1] = grid;
    expect([f.baseline, f.week8, f.week16].map((t) => t1!.cells.get(t.id)!.sizeMm)).toEqual([
      24.6, 15.2, 14.8,
    ]);
    expect(nt1!.cells.get(f.week8.id)).toEqual({
      status: 'present',
      sizeMm: null,
      fragments: 0,
      mergedInto: null,
    });
    expect(n1!.location.name).toBe('Liver, segment VI (right posterior inferior)');
    expect(n1!.cells.get(f.week16.id)!.sizeMm).toBe(12.3);
    expect(n1!.cells.has(f.week8.id)).toBe(false);
    const sums = evaluateRead(view).rowsByTimepointId;
    for (const t of [f.baseline, f.week8, f.week16])
      expect(sums.get(t.id)!.sumMm).toBe(t1!.cells.get(t.id)!.sizeMm);
  });
});
