/**
 * Issue 10, problem 1: before, applyGrouping (run on every import) put a study dated before a signed
 * baseline into a new earliest visit, which became the read's "Baseline": the signed baseline turned NE,
 * the best response went from SD to PD, and the old visit still showed as signed. Now a subject with a
 * read keeps its visits: new studies wait in "new images" until its reader decides.
 */
import { describe, expect, it } from 'vitest';
import { proposeGrouping, type IndexedStudy } from '../../../../src/core/reading/grouping';
import { evaluateRead } from '../../../../src/core/reading/evaluation';
import { auditTrail } from '../../../../src/renderer/db/auditLog';
import { setAssessment } from '../../../../src/renderer/db/readLesions';
import { loadReadView } from '../../../../src/renderer/db/readQueries';
import { readTables } from '../../../../src/renderer/db/readSchema';
import {
  applyGrouping,
  getGroupingState,
  listNewImages,
  listTimepoints,
  resolveNewImage,
} from '../../../../src/renderer/db/readSubjects';
import { measure } from '../../core/reading/fixtures';
import { baselineRead, refusal, signBaseline } from './policyFixtures';
import { studies } from './readTestDb';

const study = (uid: string, studyDate: string): IndexedStudy => ({
  studyInstanceUid: uid,
  patientId: 'P001',
  patientName: 'TEST^ONE',
  studyDate,
});

/** A read with a signed baseline and a week-8 response; then three more studies of P001 arrive. */
async function signedReadWithArrivals() {
  const f = await baselineRead();
  await signBaseline(f);
  await setAssessment(f.session, {
    lesionId: f.t1.id,
    timepointId: f.week8.id,
    value: { status: 'measured', fragments: [measure(12, null, { studyInstanceUid: '1.2.4' })] },
  });
  await setAssessment(f.session, {
    lesionId: f.nt1.id,
    timepointId: f.week8.id,
    value: { status: 'present', marker: null },
  });
  const timepointsBefore = await listTimepoints(f.db, f.subjectId);
  const evaluationBefore = evaluateRead(await loadReadView(f.db, f.read.id));
  const arrivals = [study('0.1', '2025-12-01'), study('0.2', '2026-06-01'), study('0.3', '2026-08-01')];
  const grouped = await applyGrouping(
    f.session,
    proposeGrouping([...studies, ...arrivals], await getGroupingState(f.db)),
  );
  return { ...f, timepointsBefore, evaluationBefore, grouped };
}

describe('new images of a subject with a read', () => {
  it('wait in "new images", older than the signed baseline or not, and change nothing of the read', async () => {
    const f = await signedReadWithArrivals();
    const waiting = await listNewImages(f.db, f.subjectId);
    expect(waiting.map((n) => [n.study.studyInstanceUid, n.state]).sort()).toEqual([
      ['0.1', 'waiting'],
      ['0.2', 'waiting'],
      ['0.3', 'waiting'],
    ]);
    expect(f.grouped.value.timepointIds).toEqual([]);
    expect(await listTimepoints(f.db, f.subjectId)).toEqual(f.timepointsBefore);
    expect((await readTables(f.db).reads.get(f.read.id))!.baselineTimepointId).toBe(f.baseline.id);
    expect(await readTables(f.db).signoffs.get([f.read.id, f.baseline.id])).toBeDefined();
    const after = evaluateRead(await loadReadView(f.db, f.read.id));
    expect(after.result).toEqual(f.evaluationBefore.result);
    expect(after.result!.timepoints.map((t) => t.overall)).toEqual(
      f.evaluationBefore.result!.timepoints.map((t) => t.overall),
    );
    // and the next import does not propose them again
    expect(proposeGrouping([...studies, study('0.1', '2025-12-01')], await getGroupingState(f.db))).toEqual(
      [],
    );
  });

  it('are resolved by hand, each audited: assigned to an open visit, a new visit, or set aside with a reason', async () => {
    const f = await signedReadWithArrivals();
    const byUid = new Map((await listNewImages(f.db, f.subjectId)).map((n) => [n.study.studyInstanceUid, n]));
    const [older, later, latest] = ['0.1', '0.2', '0.3'].map((uid) => byUid.get(uid));
    // before the baseline: no visit (new, or the signed baseline itself), only set aside
    const newVisit = await refusal(resolveNewImage(f.session, older!.id, { newVisit: true }));
    expect(newVisit.message).toContain('before the baseline (2026-01-02)');
    expect((await refusal(resolveNewImage(f.session, older!.id, { assignTo: f.baseline.id }))).code).toBe(
      'LOCKED',
    );
    const noReason = await refusal(resolveNewImage(f.session, older!.id, { setAside: true, reason: ' ' }));
    expect(noReason.code).toBe('REASON_REQUIRED');
    const aside = await resolveNewImage(f.session, older!.id, {
      setAside: true,
      reason: 'screening scan from another trial',
    });
    expect(aside.value).toMatchObject({ state: 'set-aside', reason: 'screening scan from another trial' });

    const assigned = await resolveNewImage(f.session, later!.id, { assignTo: f.week16.id });
    expect(assigned.value).toMatchObject({ state: 'assigned', timepointId: f.week16.id });
    expect(
      (await readTables(f.db).timepoints.get(f.week16.id))!.studies.map((s) => s.studyInstanceUid),
    ).toEqual(['1.2.5', '0.2']);

    const made = await resolveNewImage(f.session, latest!.id, { newVisit: true });
    expect(made.value.state).toBe('new-visit');
    const visits = await listTimepoints(f.db, f.subjectId);
    expect(visits.at(-1)).toMatchObject({
      id: made.value.timepointId,
      studies: [{ studyInstanceUid: '0.3' }],
    });
    expect(visits[0]!.id).toBe(f.baseline.id);

    for (const image of [aside, assigned, made]) {
      const events = await auditTrail(f.db, { entity: 'newImage', entityId: image.value.id });
      expect(events.at(-1)).toMatchObject({
        action: 'resolve',
        readerId: f.reader.id,
        after: { state: image.value.state },
      });
    }
    expect((await auditTrail(f.db, { entity: 'newImage', entityId: aside.value.id })).at(-1)!.reason).toBe(
      'screening scan from another trial',
    );
    expect((await refusal(resolveNewImage(f.session, later!.id, { setAside: true, reason: 'x' }))).code).toBe(
      'CONFLICT',
    );
  });
});
