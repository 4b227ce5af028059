/**
 * A trial on a test workstation: an admin, BICR reader 1 and 2 and an adjudicator, subjects with three
 * visits each (baseline, W8, W16), and complete BICR reads of one target and one non-target lesion.
 */
import type { ReaderNumber } from '../../../../src/core/reading/model';
import { runCommand } from '../../../../src/renderer/db/commandRunner';
import { addLesion, createRead, setAssessment } from '../../../../src/renderer/db/readLesions';
import { signTimepoint } from '../../../../src/renderer/db/readSignoff';
import { applyGrouping, listTimepoints } from '../../../../src/renderer/db/readSubjects';
import { importTrialSubjects, saveTrial } from '../../../../src/renderer/db/readTrial';
import { marker, measure } from '../../core/reading/fixtures';
import { createTestAccount, freshDb, PASSPHRASE, testSigner, tickingClock } from '../db/readTestDb';

export const PROTOCOL = {
  protocolId: 'TIL-PANC-01',
  sponsor: 'Example Oncology',
  criteria: 'RECIST1.1' as const,
  schedule: { everyWeeks: 8, windowDays: 7 },
};

export async function trialWorkstation(labels: readonly string[], { withTrial = true } = {}) {
  const db = freshDb();
  const now = tickingClock();
  const signer = testSigner();
  const admin = (await createTestAccount(db, { name: 'Admin', role: 'admin' }, null, signer, now)).session;
  const account = async (
    name: string,
    role: 'bicr-reader' | 'adjudicator',
    readerNumber: ReaderNumber | null,
  ) => {
    const { reader, session } = await createTestAccount(db, { name, role }, admin, signer, now);
    if (readerNumber !== null)
      await runCommand(admin, {
        type: 'updateAccount',
        input: { readerId: reader.id, readerNumber },
        label: 'change account',
      });
    return session;
  };
  const w = {
    db,
    admin,
    reader1: await account('Dr One', 'bicr-reader', 1),
    reader2: await account('Dr Two', 'bicr-reader', 2),
    adjudicator: await account('Dr Judge', 'adjudicator', null),
  };
  if (!withTrial) return { ...w, subjects: [] };
  await saveTrial(admin, PROTOCOL);
  const rows = labels.map((subjectId) => ({
    subjectId,
    site: 'SITE-01',
    enrollmentDate: '2026-01-05',
    treatmentStartDate: '2026-01-06',
    deathDate: null,
    newAnticancerTherapyDate: null,
  }));
  const imported = (await importTrialSubjects(admin, rows)).value;
  const subjects = [];
  for (const [i, subject] of imported.entries()) {
    const patientId = `P${i + 1}`;
    const study = (n: number, date: string) => ({
      studyInstanceUid: `1.2.${i + 1}.${n}`,
      patientId,
      studyDate: date,
    });
    const visit = (visitName: string, n: number, date: string) => ({
      timepointId: null,
      visitName,
      scanDate: date,
      studies: [study(n, date)],
    });
    await applyGrouping(admin, [
      {
        subjectId: subject.id,
        label: subject.label,
        addPatientIds: [patientId],
        timepoints: [
          visit('Baseline', 1, '2026-01-02'),
          visit('W8', 2, '2026-03-01'),
          visit('W16', 3, '2026-04-26'),
        ],
      },
    ]);
    const [baseline, w8, w16] = await listTimepoints(db, subject.id);
    subjects.push({ subject, visits: [baseline!, w8!, w16!] as const });
  }
  return { ...w, subjects };
}

type Workstation = Awaited<ReturnType<typeof trialWorkstation>>;
type Session = Workstation['reader1'];
export type TrialSubject = Workstation['subjects'][number];

/**
 * One read of T1 (right upper lobe) at its three sizes and NT1 present, each visit signed; with
 * `signAll` false the last visit is left unsigned (visits are signed in order).
 */
export async function completeRead(
  session: Session,
  { subject, visits }: TrialSubject,
  sizes: readonly [number, number, number],
  { signAll = true } = {},
) {
  const read = (await createRead(session, { subjectId: subject.id })).value;
  const [baseline, ...followUps] = visits;
  const t1 = (
    await addLesion(session, {
      readId: read.id,
      kind: 'target',
      locationCode: 'lung.rul',
      timepointId: baseline.id,
      value: { status: 'measured', fragments: [measure(sizes[0])] },
    })
  ).value.lesion;
  const nt1 = (
    await addLesion(session, {
      readId: read.id,
      kind: 'non-target',
      locationCode: 'pleura.r',
      timepointId: baseline.id,
      value: { status: 'present', marker: marker() },
    })
  ).value.lesion;
  const sign = (timepointId: string) =>
    signTimepoint(session, { passphrase: PASSPHRASE, readId: read.id, timepointId });
  await sign(baseline.id);
  for (const [i, visit] of followUps.entries()) {
    await setAssessment(session, {
      lesionId: t1.id,
      timepointId: visit.id,
      value: { status: 'measured', fragments: [measure(sizes[i + 1]!)] },
    });
    await setAssessment(session, {
      lesionId: nt1.id,
      timepointId: visit.id,
      value: { status: 'present', marker: null },
    });
    if (signAll || i < followUps.length - 1) await sign(visit.id);
  }
  return read;
}
