import { describe, expect, it } from 'vitest';
import { ReadingError } from '../../../../src/core/reading/errors';
import { assertCanSign } from '../../../../src/core/reading/locks';
import { overrideCodes } from '../../../../src/renderer/auth/signProbe';

/** The policy's own refusal for a visit with unresolved lesion-selection checks. */
function refusal(codes: string[]): string {
  try {
    assertCanSign(
      { timepoints: [{ id: 'tp1', visitName: 'Baseline' }], signed: new Set() },
      {
        timepointId: 'tp1',
        unassessedLabels: [],
        unresolved: codes.map((code) => ({ code, lesionIds: ['l1'], message: `${code} problem` })),
        overrideReason: null,
      },
    );
  } catch (error) {
    if (error instanceof ReadingError && error.code === 'REASON_REQUIRED') return error.message;
    throw error;
  }
  throw new Error('signing was not refused');
}

describe('override codes for the signature meaning', () => {
  it('reads the codes from the policy refusal, each once and in order, as the stored meaning lists them', () => {
    expect(overrideCodes(refusal(['MAX_TARGETS', 'MAX_PER_ORGAN', 'MAX_TARGETS']))).toEqual([
      'MAX_TARGETS',
      'MAX_PER_ORGAN',
    ]);
    expect(overrideCodes(refusal(['NOT_MEASURABLE']))).toEqual(['NOT_MEASURABLE']);
  });

  it('finds no codes in any other message', () => {
    expect(overrideCodes('unlocking Baseline needs a reason')).toEqual([]);
  });
});
