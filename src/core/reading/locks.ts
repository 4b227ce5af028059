/**
 * Sign-off and lock rules of a read, as pure functions the repositories call inside their transactions.
 *
 * - Signing a timepoint locks it for that read: its assessments can no longer change, and when it is
 *   the baseline, neither can the baseline lesion definitions (a new lesion's definition belongs to the
 *   timepoint where it was first seen).
 * - Timepoints are signed in date order, and unlocked in reverse order: a later timepoint's responses
 *   are computed from the earlier ones (nadir, confirmation), so an earlier one may only change while
 *   nothing signed depends on it.
 * - Signing needs every baseline lesion assessed at the timepoint (explicitly "not evaluated" if need be),
 *   and an override reason when violations are unresolved. Unlocking needs a reason.
 */
import { ReadingError } from './errors';
import type { Lesion, Override, Timepoint, Violation } from './model';
import { compareLabels } from './labels';

export interface ReadLockState {
  /** The subject's timepoints in date order (orderTimepoints): the first is the baseline. */
  readonly timepoints: readonly Pick<Timepoint, 'id' | 'visitName'>[];
  /** Timepoint ids signed in this read. */
  readonly signed: ReadonlySet<string>;
}

export function baselineId(state: ReadLockState): string | null {
  return state.timepoints[0]?.id ?? null;
}

function nameOf(state: ReadLockState, timepointId: string): string {
  return state.timepoints.find((t) => t.id === timepointId)?.visitName ?? timepointId;
}

function indexOf(state: ReadLockState, timepointId: string): number {
  const index = state.timepoints.findIndex((t) => t.id === timepointId);
  if (index < 0)
    throw new ReadingError('NOT_FOUND', `timepoint ${timepointId} is not a timepoint of this subject`);
  return index;
}

/** The timepoint whose signature freezes a lesion's definition (label, kind, location). */
export function definingTimepointId(
  lesion: Pick<Lesion, 'kind' | 'firstSeenTimepointId'>,
  state: ReadLockState,
) {
  return lesion.kind === 'new' ? lesion.firstSeenTimepointId : baselineId(state);
}

export function assertTimepointOpen(state: ReadLockState, timepointId: string, what: string): void {
  if (state.signed.has(timepointId))
    throw new ReadingError(
      'LOCKED',
      `${what}: ${nameOf(state, timepointId)} is signed and locked; unlock it (with a reason) to change it`,
    );
}

export function assertLesionDefinitionEditable(
  lesion: Pick<Lesion, 'kind' | 'firstSeenTimepointId' | 'label'>,
  state: ReadLockState,
): void {
  const defining = definingTimepointId(lesion, state);
  if (defining !== null) assertTimepointOpen(state, defining, `cannot change lesion ${lesion.label}`);
}

export function assertAssessmentEditable(
  lesion: Pick<Lesion, 'label'>,
  timepointId: string,
  state: ReadLockState,
) {
  indexOf(state, timepointId);
  assertTimepointOpen(state, timepointId, `cannot change the assessment of ${lesion.label}`);
}

/** A lesion may be deleted while neither its definition nor any timepoint assessing it is signed. */
export function assertLesionDeletable(
  lesion: Pick<Lesion, 'kind' | 'firstSeenTimepointId' | 'label'>,
  assessedTimepointIds: Iterable<string>,
  state: ReadLockState,
): void {
  assertLesionDefinitionEditable(lesion, state);
  for (const timepointId of assessedTimepointIds)
    assertTimepointOpen(state, timepointId, `cannot delete lesion ${lesion.label}`);
}

/** Violations not already overridden at an earlier signature (same code, lesions and timepoint). */
export function unresolvedViolations(
  violations: readonly Violation[],
  overrides: readonly Override[],
): Violation[] {
  const key = (v: Violation) => `${v.code}|${[...v.lesionIds].sort().join(',')}|${v.timepointId ?? ''}`;
  const overridden = new Set(overrides.flatMap((o) => o.violations.map(key)));
  return violations.filter((v) => !overridden.has(key(v)));
}

export interface SignCheck {
  readonly timepointId: string;
  /** Labels of live baseline lesions (targets, non-targets) without an assessment at the timepoint. */
  readonly unassessedLabels: readonly string[];
  /** From unresolvedViolations. */
  readonly unresolved: readonly Violation[];
  readonly overrideReason: string | null;
}

/** Throws the reason signing is refused; returns whether an override must be recorded. */
export function assertCanSign(state: ReadLockState, check: SignCheck): { needsOverride: boolean } {
  const index = indexOf(state, check.timepointId);
  const name = nameOf(state, check.timepointId);
  if (state.signed.has(check.timepointId)) throw new ReadingError('CONFLICT', `${name} is already signed`);
  const unsignedEarlier = state.timepoints.slice(0, index).filter((t) => !state.signed.has(t.id));
  if (unsignedEarlier.length > 0)
    throw new ReadingError(
      'SIGN_ORDER',
      `sign ${unsignedEarlier.map((t) => t.visitName).join(', ')} before ${name}: timepoints are signed in date order`,
    );
  if (check.unassessedLabels.length > 0)
    throw new ReadingError(
      'INCOMPLETE',
      `${name} cannot be signed: ${[...check.unassessedLabels].sort(compareLabels).join(', ')} not assessed ` +
        '(mark a lesion "not evaluated" when it cannot be assessed)',
    );
  const needsOverride = check.unresolved.length > 0;
  if (needsOverride && (check.overrideReason === null || check.overrideReason.trim() === ''))
    throw new ReadingError(
      'REASON_REQUIRED',
      `${name} has unresolved violations (${check.unresolved.map((v) => v.code).join(', ')}): ` +
        'signing needs an override reason',
      null,
      { violationCodes: [...new Set(check.unresolved.map((v) => v.code))] },
    );
  return { needsOverride };
}

export function assertCanUnlock(state: ReadLockState, timepointId: string, reason: string | null): void {
  const index = indexOf(state, timepointId);
  const name = nameOf(state, timepointId);
  if (!state.signed.has(timepointId)) throw new ReadingError('CONFLICT', `${name} is not signed`);
  const signedLater = state.timepoints.slice(index + 1).filter((t) => state.signed.has(t.id));
  if (signedLater.length > 0)
    throw new ReadingError(
      'SIGN_ORDER',
      `unlock ${signedLater.map((t) => t.visitName).join(', ')} first: ${name}'s values feed their responses`,
    );
  if (reason === null || reason.trim() === '')
    throw new ReadingError('REASON_REQUIRED', `unlocking ${name} needs a reason`);
}
