/**
 * Signing and unlocking a timepoint of a read. Signing locks the timepoint (locks.ts); violations the
 * engine reports that were not overridden before need an override reason, stored as an Override with
 * the violations it covers. Unlocking needs a reason. Neither is undoable: both are deliberate acts.
 */
import { ReadingError } from '../../core/reading/errors';
import { assertCanSign, assertCanUnlock, unresolvedViolations } from '../../core/reading/locks';
import {
  OverrideSchema,
  SignoffSchema,
  type Override,
  type Signoff,
  type Violation,
} from '../../core/reading/model';
import { readViolations } from '../../core/reading/evaluation';
import { liveLesions, toSubjectRead, type SubjectReadJson } from '../../core/reading/subjectRead';
import { parseOrThrow } from '../../core/reading/errors';
import { loadReadContext } from './readLesions';
import { loadSnapshotIn } from './readQueries';
import { runWrite, type Mutation, type ReadingSession } from './readWriter';

/** The engine's baseline lesion-selection check (and any other check the engine reports). */
export type ViolationCheck = (subjectRead: SubjectReadJson) => readonly Violation[];

export interface SignChecks {
  /** Defaults to the engine's checks (readViolations); injectable for tests. */
  readonly violations?: ViolationCheck;
  /** Slice thickness per series (DICOM index), so measurability is judged as the panel judges it. */
  readonly sliceThicknessMm?: (seriesInstanceUid: string) => number | null;
}

export async function signTimepoint(
  session: ReadingSession,
  input: { readId: string; timepointId: string; overrideReason?: string | null },
  checks: SignChecks = {},
): Promise<Mutation<{ signoff: Signoff; override: Override | null }>> {
  const violationsOf = checks.violations ?? readViolations;
  return runWrite(session, 'sign timepoint', async (w) => {
    const context = await loadReadContext(w.t, input.readId);
    const snapshot = await loadSnapshotIn(w.t, input.readId);
    const index = context.lock.timepoints.findIndex((t) => t.id === input.timepointId);
    if (index < 0)
      throw new ReadingError(
        'NOT_FOUND',
        `timepoint ${input.timepointId} is not a timepoint of this subject`,
      );
    // The read as it stood at this timepoint: later timepoints cannot make it violate anything.
    const upTo = new Set(context.lock.timepoints.slice(0, index + 1).map((t) => t.id));
    const conversion = toSubjectRead(
      { ...snapshot, timepoints: snapshot.timepoints.filter((t) => upTo.has(t.id)) },
      { sliceThicknessMm: checks.sliceThicknessMm },
    );
    const assessed = new Set(
      snapshot.assessments.filter((a) => a.timepointId === input.timepointId).map((a) => a.lesionId),
    );
    const unassessedLabels = liveLesions(snapshot.lesions)
      .filter((l) => l.kind !== 'new' && !assessed.has(l.id))
      .map((l) => l.label);
    const unresolved = unresolvedViolations(violationsOf(conversion.subjectRead), snapshot.overrides);
    const { needsOverride } = assertCanSign(context.lock, {
      timepointId: input.timepointId,
      unassessedLabels,
      unresolved,
      overrideReason: input.overrideReason ?? null,
    });

    let override: Override | null = null;
    if (needsOverride) {
      override = parseOrThrow(
        OverrideSchema,
        {
          id: w.newId(),
          readId: input.readId,
          timepointId: input.timepointId,
          violations: unresolved.map((v) => ({
            code: v.code,
            lesionIds: [...v.lesionIds],
            message: v.message,
          })),
          reason: input.overrideReason,
          readerId: session.readerId,
          at: w.at,
        },
        'override',
      );
      await w.write('overrides', override.id, null, override, {
        readId: input.readId,
        action: 'override',
        reason: override.reason,
        undoable: false,
      });
    }
    const signoff = parseOrThrow(
      SignoffSchema,
      {
        readId: input.readId,
        timepointId: input.timepointId,
        signedBy: session.readerId,
        signedAt: w.at,
        overrideId: override?.id ?? null,
      },
      'sign-off',
    );
    await w.write('signoffs', [input.readId, input.timepointId], null, signoff, {
      readId: input.readId,
      action: 'sign',
      undoable: false,
    });
    return { signoff, override };
  });
}

export async function unlockTimepoint(
  session: ReadingSession,
  input: { readId: string; timepointId: string; reason: string },
): Promise<Mutation<Signoff>> {
  return runWrite(session, 'unlock timepoint', async (w) => {
    const context = await loadReadContext(w.t, input.readId);
    assertCanUnlock(context.lock, input.timepointId, input.reason);
    const key: [string, string] = [input.readId, input.timepointId];
    const before = (await w.t.signoffs.get(key))!;
    await w.write('signoffs', key, before, null, {
      readId: input.readId,
      action: 'unlock',
      reason: input.reason.trim(),
      undoable: false,
    });
    return before;
  });
}
