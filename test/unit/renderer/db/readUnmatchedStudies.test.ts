/**
 * Issue 11, "Trial setup": in a trial, imported studies are matched to the trial's subjects and to the
 * visits of its schedule; what matches nothing waits in the administrator's queue, who assigns it to a
 * subject or sets it aside. Only the administrator decides the queue.
 */
import { describe, expect, it } from 'vitest';
import { proposeGrouping } from '../../../../src/core/reading/grouping';
import { proposeTrialGrouping, type TrialIndexedStudy } from '../../../../src/core/trial/trialGrouping';
import { createRead } from '../../../../src/renderer/db/readLesions';
import { readTables } from '../../../../src/renderer/db/readSchema';
import { getGroupingState, listNewImages, listTimepoints } from '../../../../src/renderer/db/readSubjects';
import { getTrial, importTrialSubjects, saveTrial } from '../../../../src/renderer/db/readTrial';
import {
  applyTrialGrouping,
  assignUnmatchedStudy,
  getTrialGroupingState,
  listWaitingStudies,
  setAsideUnmatchedStudy,
} from '../../../../src/renderer/db/readTrialStudies';
import type { ReadingSession } from '../../../../src/renderer/db/commandRunner';
import { refusal, storedTables } from './policyFixtures';
import { createTestAccount, freshDb, testSigner, tickingClock, type TestDatabase } from './readTestDb';

const row = (subjectId: string) => ({
  subjectId,
  site: 'SITE-01',
  enrollmentDate: '2026-01-05',
  treatmentStartDate: '2026-01-06',
  deathDate: null,
  newAnticancerTherapyDate: null,
});

const study = (
  uid: string,
  patientId: string,
  studyDate: string | null,
  clinicalTrialSubjectId = '',
): TrialIndexedStudy => ({
  studyInstanceUid: uid,
  patientId,
  patientName: `NAME^${patientId}`,
  studyDate,
  clinicalTrialSubjectId,
});

// Treatment starts 2026-01-06: W8 is due 2026-03-03 (+- 7 days), a baseline may be 28 days before.
const IMPORTED = [
  study('1.1', 'P001', '2026-01-02', 'PANC-001'),
  study('1.2', 'P001', '2026-03-03'),
  study('1.3', 'P404', '2026-01-04', 'PANC-404'),
  study('1.4', 'P999', '2026-03-05'),
  study('1.5', 'P002', '2025-10-01', 'PANC-002'),
];

/** The audit events of the queue's records, oldest first. */
async function queueEvents(db: TestDatabase) {
  const events = await readTables(db).auditTrail.orderBy('seq').toArray();
  return events.filter((e) => e.entity === 'unmatchedStudy');
}

/** Runs the trial's grouping on the studies of the DICOM index, as the reading screens do. */
async function group(session: ReadingSession, db: TestDatabase) {
  const trial = (await getTrial(db))!;
  const studies = (await db.studies.toArray()) as TrialIndexedStudy[];
  const proposal = proposeTrialGrouping(trial.protocol, studies, await getTrialGroupingState(db));
  if (proposal.subjects.length === 0 && proposal.unmatched.length === 0) return null;
  return (await applyTrialGrouping(session, proposal)).value;
}

async function trialWithImports(imported = IMPORTED) {
  const db = freshDb();
  const now = tickingClock();
  const signer = testSigner();
  const admin = (await createTestAccount(db, { name: 'Admin', role: 'admin' }, null, signer, now)).session;
  const reader = (
    await createTestAccount(db, { name: 'Dr Site', role: 'site-radiologist' }, admin, signer, now)
  ).session;
  await saveTrial(admin, {
    protocolId: 'TIL-PANC-01',
    sponsor: 'Example Oncology',
    criteria: 'RECIST1.1',
    schedule: { everyWeeks: 8, windowDays: 7 },
  });
  const [s1, s2] = (await importTrialSubjects(admin, [row('PANC-001'), row('PANC-002')])).value;
  await db.studies.bulkPut(imported);
  const grouped = await group(admin, db);
  const waiting = await listWaitingStudies(db);
  const queued = (uid: string) => waiting.find((w) => w.study.studyInstanceUid === uid)!;
  return { db, admin, reader, s1: s1!, s2: s2!, grouped, waiting, queued };
}

describe('grouping in a trial', () => {
  it("places studies in the trial's subjects and visits and queues the rest with the reason, making no subject", async () => {
    const t = await trialWithImports();
    const visits = await listTimepoints(t.db, t.s1.id);
    expect(visits.map((v) => [v.visitName, v.studies.map((s) => s.studyInstanceUid)])).toEqual([
      ['Baseline', ['1.1']],
      ['W8', ['1.2']],
    ]);
    const subjects = await readTables(t.db).subjects.toArray();
    expect(subjects.map((s) => s.label).sort()).toEqual(['PANC-001', 'PANC-002']);
    expect(subjects.find((s) => s.id === t.s1.id)!.patientIds).toEqual(['P001']);

    expect(
      t.waiting.map((w) => [w.study.studyInstanceUid, w.clinicalTrialSubjectId, w.patientName, w.state]),
    ).toEqual([
      ['1.5', 'PANC-002', 'NAME^P002', 'waiting'],
      ['1.3', 'PANC-404', 'NAME^P404', 'waiting'],
      ['1.4', '', 'NAME^P999', 'waiting'],
    ]);
    expect(t.queued('1.3').reason).toContain('"PANC-404" is not the ID of any subject in this trial');
    expect(t.queued('1.4').reason).toBe('No subject of this trial has the Patient ID "P999".');
    expect(t.queued('1.5').reason).toContain("97 days before PANC-002's treatment start (2026-01-06)");
    const queuedEvents = (await queueEvents(t.db)).filter(
      (e) => e.entity === 'unmatchedStudy' && e.action === 'create',
    );
    expect(queuedEvents).toHaveLength(3);
  });

  it('proposes nothing more on the next run, and queues a study only once', async () => {
    const t = await trialWithImports();
    expect(await group(t.admin, t.db)).toBeNull();
    const stale = proposeTrialGrouping(
      (await getTrial(t.db))!.protocol,
      IMPORTED,
      await getGroupingState(t.db), // without the queue: a stale proposal queues them again
    );
    expect(stale.unmatched).toHaveLength(3);
    await applyTrialGrouping(t.reader, stale);
    expect(await readTables(t.db).unmatchedStudies.count()).toBe(3);
  });

  it('refuses to make a subject from a study in a trial, and changes nothing', async () => {
    const t = await trialWithImports();
    const before = await storedTables(t.db);
    const outsideTrial = proposeGrouping([study('2.1', 'P777', '2026-01-03')], await getGroupingState(t.db));
    const error = await refusal(applyTrialGrouping(t.admin, { subjects: outsideTrial, unmatched: [] }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('takes its subjects from its subject list');
    expect(await storedTables(t.db)).toEqual(before);
  });

  it('places a queued study once its subject is imported, and takes it off the queue', async () => {
    const t = await trialWithImports();
    const [s404] = (await importTrialSubjects(t.admin, [row('PANC-404')])).value;
    await group(t.admin, t.db);
    const visits = await listTimepoints(t.db, s404!.id);
    expect(visits.map((v) => [v.visitName, v.studies.map((s) => s.studyInstanceUid)])).toEqual([
      ['Baseline', ['1.3']],
    ]);
    const record = await readTables(t.db).unmatchedStudies.get(t.queued('1.3').id);
    expect(record).toMatchObject({ state: 'assigned', subjectId: s404!.id });
    expect((await listWaitingStudies(t.db)).map((w) => w.study.studyInstanceUid)).toEqual(['1.5', '1.4']);
  });
});

describe("the administrator's queue", () => {
  it('assigns a study to a subject: its visit by the schedule, its Patient ID routed, later studies follow', async () => {
    const t = await trialWithImports();
    const result = (await assignUnmatchedStudy(t.admin, t.queued('1.4').id, t.s2.id)).value;
    const visits = await listTimepoints(t.db, t.s2.id);
    expect(visits.map((v) => [v.visitName, v.studies.map((s) => s.studyInstanceUid)])).toEqual([
      ['W8', ['1.4']],
    ]);
    expect(result).toEqual({ timepointId: visits[0]!.id, newImageId: null });
    expect((await readTables(t.db).subjects.get(t.s2.id))!.patientIds).toEqual(['P999']);
    const record = await readTables(t.db).unmatchedStudies.get(t.queued('1.4').id);
    expect(record).toMatchObject({ state: 'assigned', subjectId: t.s2.id, resolvedBy: t.admin.readerId });
    const resolved = (await queueEvents(t.db)).filter(
      (e) => e.entity === 'unmatchedStudy' && e.action === 'resolve',
    );
    expect(resolved.map((e) => [e.readerId, e.reason])).toEqual([
      [t.admin.readerId, 'Assigned to subject PANC-002'],
    ]);

    await t.db.studies.put(study('1.6', 'P999', '2026-04-28'));
    await group(t.admin, t.db);
    expect((await listTimepoints(t.db, t.s2.id)).map((v) => v.visitName)).toEqual(['W8', 'W16']);
  });

  it('accepts a study before the baseline window as the baseline when the administrator assigns it', async () => {
    const t = await trialWithImports();
    await assignUnmatchedStudy(t.admin, t.queued('1.5').id, t.s2.id);
    const visits = await listTimepoints(t.db, t.s2.id);
    expect(visits.map((v) => [v.visitName, v.studies.map((s) => s.studyInstanceUid)])).toEqual([
      ['Baseline', ['1.5']],
    ]);
  });

  it('puts an assigned study in "new images" when the subject already has a read', async () => {
    const t = await trialWithImports();
    await createRead(t.reader, { subjectId: t.s1.id });
    const before = await listTimepoints(t.db, t.s1.id);
    const result = (await assignUnmatchedStudy(t.admin, t.queued('1.4').id, t.s1.id)).value;
    expect(result.timepointId).toBeNull();
    expect(await listTimepoints(t.db, t.s1.id)).toEqual(before);
    const waiting = await listNewImages(t.db, t.s1.id);
    expect(waiting.map((n) => [n.id, n.study.studyInstanceUid, n.state])).toEqual([
      [result.newImageId, '1.4', 'waiting'],
    ]);
  });

  it('sets a study aside with a reason; it leaves the queue and grouping never places it', async () => {
    const t = await trialWithImports();
    const noReason = await refusal(setAsideUnmatchedStudy(t.admin, t.queued('1.3').id, '  '));
    expect(noReason.code).toBe('REASON_REQUIRED');
    const after = (await setAsideUnmatchedStudy(t.admin, t.queued('1.3').id, 'Screening failure')).value;
    expect(after).toMatchObject({ state: 'set-aside', resolvedBy: t.admin.readerId });
    const event = (await queueEvents(t.db)).find(
      (e) => e.entity === 'unmatchedStudy' && e.action === 'resolve',
    );
    expect(event!.reason).toBe('Screening failure');
    expect((await listWaitingStudies(t.db)).map((w) => w.study.studyInstanceUid)).toEqual(['1.5', '1.4']);
    await importTrialSubjects(t.admin, [row('PANC-404')]);
    expect(await group(t.admin, t.db)).toBeNull();
    const again = await refusal(assignUnmatchedStudy(t.admin, t.queued('1.3').id, t.s1.id));
    expect(again.code).toBe('CONFLICT');
  });

  it('is decided by the administrator only: a reader is refused and nothing changes', async () => {
    const t = await trialWithImports();
    const before = await storedTables(t.db);
    const assign = await refusal(assignUnmatchedStudy(t.reader, t.queued('1.4').id, t.s2.id));
    const setAside = await refusal(setAsideUnmatchedStudy(t.reader, t.queued('1.4').id, 'Not ours'));
    expect([assign.code, setAside.code]).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(assign.message).toContain('Only an administrator');
    expect(await storedTables(t.db)).toEqual(before);
  });
});
