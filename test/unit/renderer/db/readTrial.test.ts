/**
 * Issue 11 at the data layer: the trial's protocol (admin only, frozen by the first signature), its
 * subjects from the trial's list, BICR reads (assigned subjects, reader 1 and 2, visits in order, the
 * protocol's rules) and the adjudicator's signed choice, with the read of record it makes.
 */
import { describe, expect, it } from 'vitest';
import type { ReaderNumber } from '../../../../src/core/reading/model';
import type { ReaderAssignment } from '../../../../src/core/trial/worklist';
import { addLesion, createRead, setAssessment } from '../../../../src/renderer/db/readLesions';
import { signTimepoint } from '../../../../src/renderer/db/readSignoff';
import { applyGrouping, listTimepoints } from '../../../../src/renderer/db/readSubjects';
import { readTables } from '../../../../src/renderer/db/readSchema';
import {
  adjudicate,
  importTrialSubjects,
  loadBicrCases,
  saveTrial,
} from '../../../../src/renderer/db/readTrial';
import { runCommand } from '../../../../src/renderer/db/commandRunner';
import { marker, measure } from '../../core/reading/fixtures';
import { refusal, storedTables } from './policyFixtures';
import {
  createTestAccount,
  freshDb,
  PASSPHRASE,
  testSigner,
  tickingClock,
  type TestDatabase,
} from './readTestDb';

const PROTOCOL = {
  protocolId: 'TIL-PANC-01',
  sponsor: 'Example Oncology',
  criteria: 'RECIST1.1+iRECIST' as const,
  sdMinDays: 49,
  schedule: { everyWeeks: 8, windowDays: 7 },
};

const ROWS = [
  {
    subjectId: 'PANC-001',
    site: 'SITE-01',
    enrollmentDate: '2026-01-05',
    treatmentStartDate: '2026-01-06',
    deathDate: null,
    newAnticancerTherapyDate: null,
  },
  {
    subjectId: 'PANC-002',
    site: 'SITE-02',
    enrollmentDate: '2026-01-05',
    treatmentStartDate: '2026-01-06',
    deathDate: null,
    newAnticancerTherapyDate: null,
  },
];

async function workstation(db: TestDatabase = freshDb()) {
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
  return {
    db,
    admin,
    reader1: await account('Dr One', 'bicr-reader', 1),
    reader2: await account('Dr Two', 'bicr-reader', 2),
    adjudicator: await account('Dr Judge', 'adjudicator'),
    site2Only: await account('Dr Site Two', 'bicr-reader', 1, { kind: 'site', site: 'SITE-02' }),
  };
}

/** A trial with its two subjects; PANC-001 gets three visits (baseline, W8, W16). */
async function trialWorkstation() {
  const w = await workstation();
  await saveTrial(w.admin, PROTOCOL);
  const subjects = (await importTrialSubjects(w.admin, ROWS)).value;
  const subject = subjects[0]!;
  const study = (uid: string, date: string) => ({
    studyInstanceUid: uid,
    patientId: 'P001',
    studyDate: date,
  });
  await applyGrouping(w.admin, [
    {
      subjectId: subject.id,
      label: subject.label,
      addPatientIds: ['P001'],
      timepoints: [
        {
          timepointId: null,
          visitName: 'Baseline',
          scanDate: '2026-01-02',
          studies: [study('1.2.3', '2026-01-02')],
        },
        {
          timepointId: null,
          visitName: 'W8',
          scanDate: '2026-03-01',
          studies: [study('1.2.4', '2026-03-01')],
        },
        {
          timepointId: null,
          // A visit name holding a real date (as a site may type one): blinded signers never see it.
          visitName: 'W16 (2026-04-26)',
          scanDate: '2026-04-26',
          studies: [study('1.2.5', '2026-04-26')],
        },
      ],
    },
  ]);
  const [baseline, w8, w16] = await listTimepoints(w.db, subject.id);
  return { ...w, subject, subjects, baseline: baseline!, w8: w8!, w16: w16! };
}

type Trial = Awaited<ReturnType<typeof trialWorkstation>>;
type Session = Trial['reader1'];

/** One complete BICR read: T1 at baseline, then its size at W8 and W16 (NT1 present throughout). */
async function completeRead(t: Trial, session: Session, sizes: [number, number, number]) {
  const read = (await createRead(session, { subjectId: t.subject.id })).value;
  const t1 = (
    await addLesion(session, {
      readId: read.id,
      kind: 'target',
      locationCode: 'lung.rul',
      timepointId: t.baseline.id,
      value: { status: 'measured', fragments: [measure(sizes[0])] },
    })
  ).value.lesion;
  const nt1 = (
    await addLesion(session, {
      readId: read.id,
      kind: 'non-target',
      locationCode: 'pleura.r',
      timepointId: t.baseline.id,
      value: { status: 'present', marker: marker() },
    })
  ).value.lesion;
  const sign = (timepointId: string) =>
    signTimepoint(session, { passphrase: PASSPHRASE, readId: read.id, timepointId });
  await sign(t.baseline.id);
  for (const [visit, size] of [
    [t.w8, sizes[1]],
    [t.w16, sizes[2]],
  ] as const) {
    await setAssessment(session, {
      lesionId: t1.id,
      timepointId: visit.id,
      value: { status: 'measured', fragments: [measure(size)] },
    });
    await setAssessment(session, {
      lesionId: nt1.id,
      timepointId: visit.id,
      value: { status: 'present', marker: null },
    });
    await sign(visit.id);
  }
  return read;
}

describe('the trial protocol', () => {
  it('is set by an administrator only, and refuses a wrong value by name', async () => {
    const w = await workstation();
    const before = await storedTables(w.db);
    const byReader = await refusal(saveTrial(w.reader1, PROTOCOL));
    expect(byReader.code).toBe('FORBIDDEN');
    expect(byReader.message).toBe('Only an administrator can set up the trial');
    const wrong = await refusal(saveTrial(w.admin, { ...PROTOCOL, sdMinDays: -3 }));
    expect(wrong.code).toBe('INVALID');
    expect(wrong.message).toBe('expected the SD minimum duration as whole days >= 0, got -3');
    expect(await storedTables(w.db)).toEqual(before);
    const saved = (await saveTrial(w.admin, PROTOCOL)).value;
    expect(saved.protocol).toMatchObject({ confirmationMinDays: 28, baselineWindowDays: 28, sdMinDays: 49 });
    expect(saved.protocol.adjudication).toEqual({
      bestResponse: true,
      progressionDate: true,
      visitResponse: false,
      progressionDaysApart: null,
    });
    const events = await readTables(w.db).auditTrail.where('action').equals('create').toArray();
    expect(events.some((e) => e.entity === 'trial')).toBe(true);
  });

  it('freezes with the first signature of any read', async () => {
    const t = await trialWorkstation();
    await saveTrial(t.admin, { ...PROTOCOL, sdMinDays: 56 });
    const read = (await createRead(t.reader1, { subjectId: t.subject.id })).value;
    await addLesion(t.reader1, {
      readId: read.id,
      kind: 'target',
      locationCode: 'lung.rul',
      timepointId: t.baseline.id,
      value: { status: 'measured', fragments: [measure(22)] },
    });
    await signTimepoint(t.reader1, { passphrase: PASSPHRASE, readId: read.id, timepointId: t.baseline.id });
    const before = await storedTables(t.db);
    const frozen = await refusal(saveTrial(t.admin, { ...PROTOCOL, sdMinDays: 42 }));
    expect(frozen.code).toBe('FROZEN');
    expect(frozen.message).toMatch(/only before the first signature of any read/);
    expect(await storedTables(t.db)).toEqual(before);
  });
});

describe("the trial's subjects", () => {
  it('are imported with their site and dates, and a subject already there refuses the whole file', async () => {
    const w = await workstation();
    const noTrial = await refusal(importTrialSubjects(w.admin, ROWS));
    expect(noTrial.message).toBe('Set up the trial first, then import its subjects');
    await saveTrial(w.admin, PROTOCOL);
    const subjects = (await importTrialSubjects(w.admin, ROWS)).value;
    expect(subjects.map((s) => [s.label, s.site, s.enrollmentDate, s.treatmentStartDate])).toEqual([
      ['PANC-001', 'SITE-01', '2026-01-05', '2026-01-06'],
      ['PANC-002', 'SITE-02', '2026-01-05', '2026-01-06'],
    ]);
    const before = await storedTables(w.db);
    const again = await refusal(
      importTrialSubjects(w.admin, [{ ...ROWS[0]!, subjectId: 'PANC-003' }, ROWS[1]!]),
    );
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toBe(
      'Already in the trial (or listed twice): PANC-002. Nothing was imported; remove these lines and import again',
    );
    expect(await storedTables(w.db)).toEqual(before);
    expect((await refusal(importTrialSubjects(w.reader1, ROWS))).code).toBe('FORBIDDEN');
  });
});

describe('BICR reads in a trial', () => {
  it("take the protocol's rules with RECIST 1.1 as the primary criteria, and the reader's role and number", async () => {
    const t = await trialWorkstation();
    const read = (await createRead(t.reader1, { subjectId: t.subject.id, criteria: 'iRECIST' })).value;
    // Asked for iRECIST: the trial's primary criteria win (iRECIST is derived beside it).
    expect(read).toMatchObject({ criteria: 'RECIST1.1', role: 'bicr-reader', readerNumber: 1 });
    expect(read.options).toMatchObject({
      sdMinDays: 49,
      confirmationMinDays: 28,
      confirmationRequired: true,
    });
  });

  it('are refused for an unassigned subject, for an adjudicator and for a second reader 1', async () => {
    const t = await trialWorkstation();
    const before = await storedTables(t.db);
    const unassigned = await refusal(createRead(t.site2Only, { subjectId: t.subject.id }));
    expect(unassigned.message).toBe('You are not assigned to read subject PANC-001');
    const judge = await refusal(createRead(t.adjudicator, { subjectId: t.subject.id }));
    expect(judge.message).toMatch(/^An adjudicator does not read subjects/);
    expect(await storedTables(t.db)).toEqual(before);
    await createRead(t.reader1, { subjectId: t.subject.id });
    const second = await refusal(createRead(t.site2Only, { subjectId: t.subjects[1]!.id }));
    // PANC-002 has no visit: the assignment passed, the baseline is what is missing.
    expect(second.message).toBe('the subject has no visit yet: import its baseline scan first');
  });

  it('open visits in order: W8 waits until the baseline is signed', async () => {
    const t = await trialWorkstation();
    const read = (await createRead(t.reader1, { subjectId: t.subject.id })).value;
    const t1 = (
      await addLesion(t.reader1, {
        readId: read.id,
        kind: 'target',
        locationCode: 'lung.rul',
        timepointId: t.baseline.id,
        value: { status: 'measured', fragments: [measure(22)] },
      })
    ).value.lesion;
    const before = await storedTables(t.db);
    const early = await refusal(
      setAssessment(t.reader1, {
        lesionId: t1.id,
        timepointId: t.w8.id,
        value: { status: 'measured', fragments: [measure(12)] },
      }),
    );
    expect(early.code).toBe('LOCKED');
    expect(early.message).toBe('Sign Baseline first: visits are read in order');
    const sign = await refusal(
      signTimepoint(t.reader1, { passphrase: PASSPHRASE, readId: read.id, timepointId: t.w8.id }),
    );
    expect(sign.message).toBe('Sign Baseline first: visits are read in order');
    expect(await storedTables(t.db)).toEqual(before);
  });
});

describe('adjudication', () => {
  it('waits for both reads, then takes the adjudicator, a reason and an e-signature, and flags the read of record', async () => {
    const t = await trialWorkstation();
    // Reader 1: 30 -> 15 -> 15 mm, a confirmed PR. Reader 2: 30 -> 28 -> 28 mm, SD.
    const read1 = await completeRead(t, t.reader1, [30, 15, 15]);
    const early = await refusal(
      adjudicate(t.adjudicator, {
        subjectId: t.subject.id,
        acceptedReadId: read1.id,
        reason: 'x',
        passphrase: PASSPHRASE,
      }),
    );
    expect(early.message).toBe('Both BICR reads of subject PANC-001 must be signed first');
    const read2 = await completeRead(t, t.reader2, [30, 28, 28]);

    const { cases } = await loadBicrCases(t.db, t.adjudicator.readerId);
    const bicr = cases.find((c) => c.subjectId === t.subject.id)!.bicr;
    expect(bicr.complete).toBe(true);
    expect(bicr.reader1?.compared?.result.bestOverallResponse).toBe('PR');
    expect(bicr.reader2?.compared?.result.bestOverallResponse).toBe('SD');
    expect(bicr.triggers.map((f) => f.trigger)).toEqual(['bestResponse']);
    expect(bicr.needsAdjudication).toBe(true);
    expect(bicr.accepted).toBeNull();

    const before = await storedTables(t.db);
    const byReader = await refusal(
      adjudicate(t.reader1, {
        subjectId: t.subject.id,
        acceptedReadId: read1.id,
        reason: 'mine',
        passphrase: PASSPHRASE,
      }),
    );
    expect(byReader.message).toBe('Only the adjudicator can adjudicate');
    const noReason = await refusal(
      adjudicate(t.adjudicator, {
        subjectId: t.subject.id,
        acceptedReadId: read2.id,
        reason: ' ',
        passphrase: PASSPHRASE,
      }),
    );
    expect(noReason.message).toBe('Enter the reason for your choice');
    const wrongPassphrase = await refusal(
      adjudicate(t.adjudicator, {
        subjectId: t.subject.id,
        acceptedReadId: read2.id,
        reason: 'W8 T1',
        passphrase: 'nope',
      }),
    );
    expect(wrongPassphrase.code).toBe('SIGNATURE');
    expect(await storedTables(t.db)).toEqual(before);

    const adjudication = (
      await adjudicate(t.adjudicator, {
        subjectId: t.subject.id,
        acceptedReadId: read2.id,
        reason: 'T1 at W8 measured across the vessel by reader 1',
        passphrase: PASSPHRASE,
      })
    ).value;
    expect(adjudication).toMatchObject({
      acceptedReadId: read2.id,
      acceptedReaderNumber: 2,
      readIds: [read1.id, read2.id],
    });
    expect(adjudication.triggers[0]).toMatch(/^The best overall responses differ: reader 1 PR, reader 2 SD/);
    const signature = await readTables(t.db).eSignatures.get(adjudication.signatureId);
    expect(signature).toMatchObject({ kind: 'adjudicate', role: 'adjudicator', subjectId: t.subject.id });
    expect(signature!.meaning).toBe(
      "I, Dr Judge, have compared both blinded reads of subject PANC-001 and accept reader 2's read as the read of record, for the reason I gave.",
    );
    const after = (await loadBicrCases(t.db, t.admin.readerId)).cases.find(
      (c) => c.subjectId === t.subject.id,
    )!;
    expect(after.bicr.accepted).toEqual({ by: 'adjudication', readId: read2.id, readerNumber: 2 });
    // The meaning a BICR reader signed for the dated visit is the blinded one their screen showed.
    const w16Signatures = await readTables(t.db).eSignatures.where('readId').equals(read1.id).toArray();
    const w16 = w16Signatures.find((sig) => sig.timepointId === t.w16.id)!;
    expect(w16.meaning).toBe('I, Dr One, confirm this assessment of W16 (Day 112) is my own.');
    const twice = await refusal(
      adjudicate(t.adjudicator, {
        subjectId: t.subject.id,
        acceptedReadId: read1.id,
        reason: 'again',
        passphrase: PASSPHRASE,
      }),
    );
    expect(twice.message).toBe('Subject PANC-001 is adjudicated already');
  });

  it("needs no adjudicator when the reads agree: the charter's reader is the read of record", async () => {
    const t = await trialWorkstation();
    const read1 = await completeRead(t, t.reader1, [30, 29, 28]);
    await completeRead(t, t.reader2, [31, 30, 30]);
    const bicr = (await loadBicrCases(t.db, t.adjudicator.readerId)).cases.find(
      (c) => c.subjectId === t.subject.id,
    )!.bicr;
    expect(bicr.triggers).toEqual([]);
    expect(bicr.accepted).toEqual({ by: 'charter', readId: read1.id, readerNumber: 1 });
    const refused = await refusal(
      adjudicate(t.adjudicator, {
        subjectId: t.subject.id,
        acceptedReadId: read1.id,
        reason: 'x',
        passphrase: PASSPHRASE,
      }),
    );
    expect(refused.message).toBe(
      "The two reads of subject PANC-001 agree: the charter's rule picks the read of record",
    );
  });

  it('shows the reads side by side to the adjudicator and the administrator only', async () => {
    const t = await trialWorkstation();
    const refused = await refusal(loadBicrCases(t.db, t.reader1.readerId));
    expect(refused.code).toBe('FORBIDDEN');
  });
});
