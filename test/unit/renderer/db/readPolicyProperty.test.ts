/**
 * Issue 10: random command sequences from several actors (the read's reader, a second reader, an admin;
 * right and wrong passphrases) never change a signed visit's stored assessments, and the audit chain
 * verifies after every sequence. Before the write policy, a second reader's setAssessment, an undo, or a
 * subject date change went through on a signed read.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReadingError } from '../../../../src/core/reading/errors';
import type { AssessmentValue } from '../../../../src/core/reading/model';
import type { Command } from '../../../../src/core/reading/undo';
import { verifyStoredTrail } from '../../../../src/renderer/db/auditLog';
import type { ReadingSession } from '../../../../src/renderer/db/commandRunner';
import { addLesion, setAssessment } from '../../../../src/renderer/db/readLesions';
import { readTables } from '../../../../src/renderer/db/readSchema';
import { signTimepoint, unlockTimepoint } from '../../../../src/renderer/db/readSignoff';
import { updateSubject } from '../../../../src/renderer/db/readSubjects';
import { undoCommand } from '../../../../src/renderer/db/readUndo';
import { measure } from '../../core/reading/fixtures';
import { baselineRead, signBaseline } from './policyFixtures';
import { createTestAccount, PASSPHRASE } from './readTestDb';

type Actor = 'owner' | 'second' | 'admin';
type Visit = 'baseline' | 'week8' | 'week16';

type Step =
  | { kind: 'assess'; actor: Actor; lesion: 'T1' | 'NT1'; visit: Visit; choice: number }
  | { kind: 'addNew'; actor: Actor; visit: 'week8' | 'week16' }
  | { kind: 'sign' | 'unlock'; actor: Actor; visit: Visit; rightPassphrase: boolean }
  | { kind: 'undo'; actor: Actor; pick: number }
  | { kind: 'subject'; actor: Actor; date: string | null; correction: boolean };

const actor = fc.constantFrom<Actor>('owner', 'owner', 'second', 'admin');
const visit = fc.constantFrom<Visit>('baseline', 'week8', 'week16');
// Signatures cost a PBKDF2 check each (~0.3 s): they are a minority of the steps.
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('assess' as const),
      actor,
      lesion: fc.constantFrom('T1' as const, 'NT1' as const),
      visit,
      choice: fc.nat(2),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('addNew' as const),
      actor,
      visit: fc.constantFrom('week8' as const, 'week16' as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('sign' as const), actor, visit, rightPassphrase: fc.boolean() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('unlock' as const),
      actor,
      visit,
      rightPassphrase: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('undo' as const), actor, pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('subject' as const),
      actor,
      date: fc.constantFrom('2026-01-01', '2026-01-05', null),
      correction: fc.boolean(),
    }),
  },
);

const targetValues: AssessmentValue[] = [
  { status: 'measured', fragments: [measure(18)] },
  { status: 'absent', marker: null },
  { status: 'too-small', marker: null },
];
const nonTargetValues: AssessmentValue[] = [
  { status: 'present', marker: null },
  { status: 'absent', marker: null },
  { status: 'not-evaluated', note: 'outside the field of view' },
];

describe('signed visits under random commands', () => {
  it('keep the assessments they were signed with, and the audit chain verifies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        const f = await baselineRead();
        const second = (await createTestAccount(f.db, { name: 'Dr Second', role: 'bicr-reader' }, f.admin))
          .session;
        const sessions: Record<Actor, ReadingSession> = { owner: f.session, second, admin: f.admin };
        const visits = { baseline: f.baseline.id, week8: f.week8.id, week16: f.week16.id };
        const lesions = { T1: f.t1.id, NT1: f.nt1.id };
        const t = readTables(f.db);
        const atVisit = async (timepointId: string) =>
          (await t.assessments.where('readId').equals(f.read.id).toArray())
            .filter((a) => a.timepointId === timepointId)
            .sort((a, b) => a.lesionId.localeCompare(b.lesionId));
        /** The model: each signed visit's assessments at the moment it was signed. */
        const signedWith = new Map<string, unknown>();
        const undoable: Command[] = [];
        // every sequence starts from a signed baseline, so each one has a signed visit to protect
        await signBaseline(f);
        signedWith.set(f.baseline.id, await atVisit(f.baseline.id));
        for (const s of steps) {
          const session = sessions[s.actor];
          const passphrase = 'rightPassphrase' in s && !s.rightPassphrase ? 'a wrong passphrase' : PASSPHRASE;
          try {
            switch (s.kind) {
              case 'assess': {
                const values = s.lesion === 'T1' ? targetValues : nonTargetValues;
                const done = await setAssessment(session, {
                  lesionId: lesions[s.lesion],
                  timepointId: visits[s.visit],
                  value: values[s.choice]!,
                });
                if (done.command) undoable.push(done.command);
                break;
              }
              case 'addNew': {
                const done = await addLesion(session, {
                  readId: f.read.id,
                  kind: 'new',
                  locationCode: 'liver.s6',
                  timepointId: visits[s.visit],
                  value: { status: 'unequivocal', measurement: measure(12), marker: null },
                });
                if (done.command) undoable.push(done.command);
                break;
              }
              case 'sign': {
                const timepointId = visits[s.visit];
                await signTimepoint(session, {
                  passphrase,
                  readId: f.read.id,
                  timepointId,
                  overrideReason: 'accepted',
                });
                signedWith.set(timepointId, await atVisit(timepointId));
                break;
              }
              case 'unlock': {
                const timepointId = visits[s.visit];
                await unlockTimepoint(session, {
                  passphrase,
                  readId: f.read.id,
                  timepointId,
                  reason: 'recheck',
                });
                signedWith.delete(timepointId);
                break;
              }
              case 'undo': {
                if (undoable.length === 0) break;
                await undoCommand(session, undoable[s.pick % undoable.length]!);
                break;
              }
              case 'subject': {
                const done = await updateSubject(
                  session,
                  f.subjectId,
                  { enrollmentDate: s.date },
                  s.correction ? { reason: 'corrected from the CRF', passphrase } : undefined,
                );
                if (done.command) undoable.push(done.command);
                break;
              }
            }
          } catch (error) {
            // a refusal is an answer; anything else is a bug
            if (!(error instanceof ReadingError)) throw error;
          }
        }
        const signoffs = await t.signoffs.where('readId').equals(f.read.id).toArray();
        expect(new Set(signoffs.map((s) => s.timepointId))).toEqual(new Set(signedWith.keys()));
        for (const [timepointId, assessments] of signedWith)
          expect(await atVisit(timepointId), timepointId).toEqual(assessments);
        expect(await verifyStoredTrail(f.db, f.signer)).toMatchObject({ ok: true });
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});
