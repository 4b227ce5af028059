/**
 * The administrator's agreement figures come from the stored BICR reads: only subjects with both reads
 * complete, the adjudicator's decision (not the charter's pick) as the accepted reader, the trial's
 * triggers and its visit window.
 */
import { describe, expect, it } from 'vitest';
import { adjudicate, loadBicrCases } from '../../../../src/renderer/db/readTrial';
import { agreementInput, loadAgreementReport } from '../../../../src/renderer/trial/agreementInput';
import { refusal } from '../db/policyFixtures';
import { PASSPHRASE } from '../db/readTestDb';
import { completeRead, trialWorkstation } from './trialFixture';

async function threeSubjects() {
  const t = await trialWorkstation(['PANC-003', 'PANC-001', 'PANC-002']);
  const [disagree, agree, incomplete] = t.subjects;
  // PANC-003: reader 1 a confirmed PR (30 -> 15 -> 15), reader 2 SD (30 -> 28 -> 28); adjudicated.
  await completeRead(t.reader1, disagree!, [30, 15, 15]);
  const read2 = await completeRead(t.reader2, disagree!, [30, 28, 28]);
  await adjudicate(t.adjudicator, {
    subjectId: disagree!.subject.id,
    acceptedReadId: read2.id,
    reason: 'T1 at W8 measured across the vessel by reader 1',
    passphrase: PASSPHRASE,
  });
  // PANC-001: both SD, no trigger: the charter picks reader 1, nobody adjudicates.
  await completeRead(t.reader1, agree!, [30, 29, 28]);
  await completeRead(t.reader2, agree!, [31, 30, 30]);
  // PANC-002: reader 2 has not signed W16 yet.
  await completeRead(t.reader1, incomplete!, [40, 40, 40]);
  await completeRead(t.reader2, incomplete!, [40, 40, 40], { signAll: false });
  return t;
}

describe('agreementInput', () => {
  it('takes the subjects with both reads complete, by label, with the adjudicator’s decision only', async () => {
    const t = await threeSubjects();
    const { trial, cases } = await loadBicrCases(t.db, t.admin.readerId);
    const input = agreementInput(trial.protocol, cases);

    expect(input.progressionWindowDays).toBe(7);
    expect(input.triggers).toEqual(trial.protocol.adjudication);
    expect(input.subjects.map((s) => [s.subjectId, s.adjudicated, s.acceptedReader])).toEqual([
      ['PANC-001', false, null],
      ['PANC-003', true, 2],
    ]);
    const disagree = input.subjects[1]!;
    expect(disagree.reader1.result.bestOverallResponse).toBe('PR');
    expect(disagree.reader2.result.bestOverallResponse).toBe('SD');
    // The lesion's id and location code reach the report, so per-lesion pairs can be made.
    expect(disagree.reader1.read.lesions).toContainEqual(
      expect.objectContaining({ kind: 'target', location: 'lung.rul', id: expect.any(String) }),
    );
    const t1 = disagree.reader1.read.lesions.find((l) => l.kind === 'target')!;
    expect(disagree.reader1.read.timepoints[1]!.measurements?.[t1.id!]).toMatchObject({ mm: 15 });
  });

  it('gives no subject before any read is complete', async () => {
    const t = await trialWorkstation(['PANC-001']);
    const { trial, cases } = await loadBicrCases(t.db, t.admin.readerId);
    expect(cases).toHaveLength(1);
    expect(agreementInput(trial.protocol, cases).subjects).toEqual([]);
  });
});

describe('loadAgreementReport', () => {
  it('gives the admin the figures of the stored reads', async () => {
    const t = await threeSubjects();
    const report = await loadAgreementReport(t.db, t.admin.readerId);
    expect(report.subjects).toBe(2);
    expect(report.bestResponse.n).toBe(2);
    expect(report.discrepant.map((d) => [d.subjectId, d.triggers.map((f) => f.trigger)])).toEqual([
      ['PANC-003', ['bestResponse']],
    ]);
    expect(report.adjudication.needed).toEqual({ count: 1, of: 2, rate: 0.5 });
    expect(report.adjudication.waiting).toBe(0);
    expect(report.acceptance.reader2).toEqual({ count: 1, of: 1, rate: 1 });
    expect(report.acceptance.reader1).toEqual({ count: 0, of: 1, rate: 0 });
    // Three visits of two subjects, read on the same scans: three sums and three T1 pairs each.
    expect(report.measurements.sld.pairs).toHaveLength(6);
    expect(report.measurements.lesions.pairs.map((p) => [p.subjectId, p.location, p.a, p.b])).toContainEqual([
      'PANC-003',
      'lung.rul',
      15,
      28,
    ]);
    expect(report.measurements.lesions.pairs).toHaveLength(6);
  });

  it('is refused to a BICR reader, and says when there is no trial', async () => {
    const t = await threeSubjects();
    expect((await refusal(loadAgreementReport(t.db, t.reader1.readerId))).code).toBe('FORBIDDEN');
    const none = await trialWorkstation([], { withTrial: false });
    const missing = await refusal(loadAgreementReport(none.db, none.admin.readerId));
    expect(missing.message).toBe('There is no trial on this workstation yet');
  });
});
