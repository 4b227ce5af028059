import { describe, expect, it } from 'vitest';
import { ReadingError } from '../../../../src/core/reading/errors';
import {
  assertAssessmentEditable,
  assertCanSign,
  assertCanUnlock,
  assertLesionDefinitionEditable,
  assertLesionDeletable,
  unresolvedViolations,
  type ReadLockState,
} from '../../../../src/core/reading/locks';
import type { Override, Violation } from '../../../../src/core/reading/model';

const timepoints = [
  { id: 'bl', visitName: 'Baseline' },
  { id: 'w8', visitName: 'Week 8' },
  { id: 'w16', visitName: 'Week 16' },
];
const state = (...signed: string[]): ReadLockState => ({ timepoints, signed: new Set(signed) });
const target = { kind: 'target' as const, firstSeenTimepointId: null, label: 'T1' };
const newLesion = { kind: 'new' as const, firstSeenTimepointId: 'w8', label: 'N1' };

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(ReadingError);
    return (error as ReadingError).code;
  }
}

const violation = (code: string, lesionIds: string[]): Violation => ({ code, lesionIds, message: code });

describe('lock rules', () => {
  it('freezes baseline lesion definitions once the baseline is signed', () => {
    expect(codeOf(() => assertLesionDefinitionEditable(target, state()))).toBeNull();
    expect(() => assertLesionDefinitionEditable(target, state('bl'))).toThrow(
      'cannot change lesion T1: Baseline is signed and locked; unlock it (with a reason) to change it',
    );
  });

  it("ties a new lesion's definition to the timepoint where it was first seen", () => {
    expect(codeOf(() => assertLesionDefinitionEditable(newLesion, state('bl')))).toBeNull();
    expect(codeOf(() => assertLesionDefinitionEditable(newLesion, state('bl', 'w8')))).toBe('LOCKED');
  });

  it('refuses assessment edits at a signed timepoint only', () => {
    expect(codeOf(() => assertAssessmentEditable(target, 'w8', state('bl')))).toBeNull();
    expect(codeOf(() => assertAssessmentEditable(target, 'bl', state('bl')))).toBe('LOCKED');
    expect(codeOf(() => assertAssessmentEditable(target, 'nope', state()))).toBe('NOT_FOUND');
  });

  it('refuses deleting a lesion any signed timepoint holds', () => {
    expect(codeOf(() => assertLesionDeletable(newLesion, ['w8', 'w16'], state('bl')))).toBeNull();
    expect(codeOf(() => assertLesionDeletable(newLesion, ['w8', 'w16'], state('bl', 'w8')))).toBe('LOCKED');
  });
});

describe('signing', () => {
  const ok = { timepointId: 'bl', unassessedLabels: [], unresolved: [], overrideReason: null };

  it('signs in date order', () => {
    expect(assertCanSign(state(), ok)).toEqual({ needsOverride: false });
    expect(() => assertCanSign(state(), { ...ok, timepointId: 'w16' })).toThrow(
      'sign Baseline, Week 8 before Week 16: timepoints are signed in date order',
    );
    expect(codeOf(() => assertCanSign(state('bl'), { ...ok, timepointId: 'w8' }))).toBeNull();
    expect(codeOf(() => assertCanSign(state('bl'), ok))).toBe('CONFLICT');
  });

  it('needs every baseline lesion assessed', () => {
    expect(() =>
      assertCanSign(state('bl'), { ...ok, timepointId: 'w8', unassessedLabels: ['NT1', 'T2', 'T10'] }),
    ).toThrow('Week 8 cannot be signed: T2, T10, NT1 not assessed');
  });

  it('needs an override reason for unresolved violations', () => {
    const unresolved = [violation('TOO_MANY_TARGETS_IN_ORGAN', ['T3'])];
    expect(codeOf(() => assertCanSign(state(), { ...ok, unresolved }))).toBe('REASON_REQUIRED');
    expect(codeOf(() => assertCanSign(state(), { ...ok, unresolved, overrideReason: '   ' }))).toBe(
      'REASON_REQUIRED',
    );
    expect(assertCanSign(state(), { ...ok, unresolved, overrideReason: 'per protocol amendment 3' })).toEqual(
      {
        needsOverride: true,
      },
    );
  });

  it('counts a violation overridden at an earlier signature as resolved', () => {
    const override: Override = {
      id: 'o1',
      readId: 'r',
      timepointId: 'bl',
      violations: [violation('TOO_MANY_TARGETS_IN_ORGAN', ['T3', 'T1'])],
      reason: 'x',
      readerId: 'me',
      at: '2026-01-01T00:00:00.000Z',
    };
    const now = [violation('TOO_MANY_TARGETS_IN_ORGAN', ['T1', 'T3']), violation('TOO_MANY_TARGETS', ['T6'])];
    expect(unresolvedViolations(now, [override]).map((v) => v.code)).toEqual(['TOO_MANY_TARGETS']);
  });
});

describe('unlocking', () => {
  it('needs a signed timepoint, a reason, and no later signature', () => {
    expect(codeOf(() => assertCanUnlock(state('bl'), 'bl', 'wrong lesion chosen'))).toBeNull();
    expect(codeOf(() => assertCanUnlock(state(), 'bl', 'x'))).toBe('CONFLICT');
    expect(codeOf(() => assertCanUnlock(state('bl'), 'bl', ' '))).toBe('REASON_REQUIRED');
    expect(codeOf(() => assertCanUnlock(state('bl'), 'bl', null))).toBe('REASON_REQUIRED');
    expect(() => assertCanUnlock(state('bl', 'w8'), 'bl', 'x')).toThrow(
      "unlock Week 8 first: Baseline's values feed their responses",
    );
  });
});
