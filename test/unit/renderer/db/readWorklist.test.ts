/**
 * A trial reader's worklist from the stored records: only assigned subjects, the next visit named as the
 * reader may see it, and "awaiting adjudication" worked out from both BICR reads without returning
 * anything of the other read.
 */
import { describe, expect, it } from 'vitest';
import type { ReaderNumber } from '../../../../src/core/reading/model';
import { worklist, type ReaderAssignment } from '../../../../src/core/trial/worklist';
import { runCommand } from '../../../../src/renderer/db/commandRunner';
import { addLesion, createRead, setAssessment } from '../../../../src/renderer/db/readLesions';
import { signTimepoint } from '../../../../src/renderer/db/readSignoff';
import { applyGrouping, listTimepoints } from '../../../../src/renderer/db/readSubjects';
import { adjudicate, importTrialSubjects, saveTrial } from '../../../../src/renderer/db/readTrial';
import { loadWorklist } from '../../../../src/renderer/db/readWorklist';
import { marker, measure } from '../../core/reading/fixtures';
import { refusal } from './policyFixtures';
import { createTestAccount, freshDb, PASSPHRASE, testSigner, tickingClock } from './readTestDb';

const PROTOCOL = {
  protocolId: 'TIL-PANC-01',
  sponsor: 'Example Oncology',
  criteria: 'RECIST1.1' as const,
  schedule: { everyWeeks: 8, windowDays: 7 },
};

const row = (subjectId: string, site: string) => ({
  subjectId,
  site,
  enrollmentDate: '2026-01-05',
  treatmentStartDate: '2026-01-06',
  deathDate: null,
  newAnticancerTherapyDate: null,
});

async function trialWorkstation() {
  const db = freshDb();
  const now = tickingClock();
  const signer = testSigner();
  const admin = (await createTestAccount(db, { name: 'Admin', role: 'admin' }, null, signer, now)).session;
  const account = async (
    name: string,
    role: 'bicr-reader' | 'adjudicator' | 'site-radiologist',
    readerNumber: ReaderNumber | null = null,
    assignment: ReaderAssignment = { kind: 'all' },
  ) => {
    const { reader, session } = await createTestAccount(db, { name, role }, admin, signer, now);
    if (readerNumber !== null || assignment.kind !== 'all')
      await runCommand(admin, {
        type: 'updateAccount',
        input: { readerId: reader.id, readerNumber, assignment },
        label: 'change account',
      });
    return session;
  };
  const w = {
    db,
    admin,
    reader1: await account('Dr One', 'bicr-reader', 1),
    reader2: await account('Dr Two', 'bicr-reader', 2),
    adjudicator: await account('Dr Judge', 'adjudicator'),
    site2Only: await account('Dr Site Two', 'site-radiologist', null, { kind: 'site', site: 'SITE-02' }),
  };
  await saveTrial(admin, PROTOCOL);
  const subjects = (
    await importTrialSubjects(admin, [row('PANC-010', 'SITE-01'), row('PANC-002', 'SITE-02')])
  ).value;
  const subject = subjects[0]!;
  const study = (uid: string, date: string) => ({
    studyInstanceUid: uid,
    patientId: 'P001',
    studyDate: date,
  });
  const visit = (visitName: string, uid: string, date: string) => ({
    timepointId: null,
    visitName,
    scanDate: date,
    studies: [study(uid, date)],
  });
  await applyGrouping(admin, [
    {
      subjectId: subject.id,
      label: subject.label,
      addPatientIds: ['P001'],
      timepoints: [
        visit('Baseline', '1.2.3', '2026-01-02'),
        visit('W8', '1.2.4', '2026-03-01'),
        visit('W16', '1.2.5', '2026-04-26'),
      ],
    },
  ]);
  const [baseline, w8, w16] = await listTimepoints(db, subject.id);
  return { ...w, subject, subjects, visits: [baseline!, w8!, w16!] as const };
}

type Trial = Awaited<ReturnType<typeof trialWorkstation>>;
type Session = Trial['reader1'];

/** A BICR read of T1 (and NT1 present) with these sizes, signed up to `signUpTo` visits. */
async function read(t: Trial, session: Session, sizes: [number, number, number], signUpTo = 3) {
  const r = (await createRead(session, { subjectId: t.subject.id })).value;
  const [baseline] = t.visits;
  const t1 = (
    await addLesion(session, {
      readId: r.id,
      kind: 'target',
      locationCode: 'lung.rul',
      timepointId: baseline.id,
      value: { status: 'measured', fragments: [measure(sizes[0])] },
    })
  ).value.lesion;
  const nt1 = (
    await addLesion(session, {
      readId: r.id,
      kind: 'non-target',
      locationCode: 'pleura.r',
      timepointId: baseline.id,
      value: { status: 'present', marker: marker() },
    })
  ).value.lesion;
  for (const [index, visit] of t.visits.entries()) {
    if (index >= signUpTo) break;
    if (index > 0) {
      await setAssessment(session, {
        lesionId: t1.id,
        timepointId: visit.id,
        value: { status: 'measured', fragments: [measure(sizes[index]!)] },
      });
      await setAssessment(session, {
        lesionId: nt1.id,
        timepointId: visit.id,
        value: { status: 'present', marker: null },
      });
    }
    await signTimepoint(session, { passphrase: PASSPHRASE, readId: r.id, timepointId: visit.id });
  }
  return r;
}

async function rowsOf(t: Trial, session: Session) {
  const data = await loadWorklist(t.db, session.readerId);
  // In the list's own order (by subject label, PANC-002 before PANC-010).
  return worklist({ id: session.readerId }, data?.rows ?? []).rows.map((r) => ({
    subject: r.subjectLabel,
    next: r.nextVisit?.visitName ?? null,
    status: r.status,
    signed: `${r.signedVisits}/${r.totalVisits}`,
  }));
}

describe('loadWorklist', () => {
  it('is null outside a trial, and refused to the adjudicator and the administrator', async () => {
    const db = freshDb();
    const now = tickingClock();
    const admin = (await createTestAccount(db, { name: 'Admin', role: 'admin' }, null, testSigner(), now))
      .session;
    const { session } = await createTestAccount(
      db,
      { name: 'Dr R', role: 'bicr-reader' },
      admin,
      testSigner(),
      now,
    );
    expect(await loadWorklist(db, session.readerId)).toBeNull();
    const t = await trialWorkstation();
    expect((await refusal(loadWorklist(t.db, t.adjudicator.readerId))).code).toBe('FORBIDDEN');
    expect((await refusal(loadWorklist(t.db, t.admin.readerId))).code).toBe('FORBIDDEN');
  });

  it("lists only the reader's assigned subjects, the next visit by study day for a BICR reader", async () => {
    const t = await trialWorkstation();
    expect(await rowsOf(t, t.reader1)).toEqual([
      { subject: 'PANC-002', next: null, status: 'not-started', signed: '0/0' },
      { subject: 'PANC-010', next: 'Day -3 (W0)', status: 'not-started', signed: '0/3' },
    ]);
    // A site radiologist assigned SITE-02 sees that subject only, with names and dates.
    expect(await rowsOf(t, t.site2Only)).toEqual([
      { subject: 'PANC-002', next: null, status: 'not-started', signed: '0/0' },
    ]);
    await read(t, t.reader1, [30, 15, 15], 1);
    expect((await rowsOf(t, t.reader1))[1]).toEqual({
      subject: 'PANC-010',
      next: 'Day 56 (W8)',
      status: 'in-progress',
      signed: '1/3',
    });
    // Reader 2 has not started: reader 1's progress is not theirs.
    expect((await rowsOf(t, t.reader2))[1]).toMatchObject({ status: 'not-started', signed: '0/3' });
  });

  it('says "awaiting adjudication" while the two signed reads disagree, and "signed" once adjudicated', async () => {
    const t = await trialWorkstation();
    await read(t, t.reader1, [30, 15, 15]);
    // Reader 1 alone signed everything: nothing to adjudicate yet.
    expect((await rowsOf(t, t.reader1))[1]).toMatchObject({ status: 'signed', next: null, signed: '3/3' });
    const read2 = await read(t, t.reader2, [30, 28, 28]);
    expect((await rowsOf(t, t.reader1))[1]!.status).toBe('awaiting-adjudication');
    expect((await rowsOf(t, t.reader2))[1]!.status).toBe('awaiting-adjudication');
    // Statuses only: a row carries nothing of either read's lesions, sizes or responses.
    const data = await loadWorklist(t.db, t.reader1.readerId);
    expect(Object.keys(data!.rows.find((r) => r.subjectLabel === 'PANC-010')!).sort()).toEqual([
      'nextVisit',
      'readerId',
      'signedVisits',
      'status',
      'subjectId',
      'subjectLabel',
      'totalVisits',
    ]);
    await adjudicate(t.adjudicator, {
      subjectId: t.subject.id,
      acceptedReadId: read2.id,
      reason: 'T1 at W8 measured across the vessel',
      passphrase: PASSPHRASE,
    });
    expect((await rowsOf(t, t.reader1))[1]!.status).toBe('signed');
    expect((await rowsOf(t, t.reader2))[1]!.status).toBe('signed');
  });

  it('stays "signed" when the two reads agree', async () => {
    const t = await trialWorkstation();
    await read(t, t.reader1, [30, 29, 28]);
    await read(t, t.reader2, [31, 30, 30]);
    expect((await rowsOf(t, t.reader1))[1]!.status).toBe('signed');
  });
});
