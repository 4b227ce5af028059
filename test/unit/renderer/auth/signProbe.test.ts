import { describe, expect, it } from 'vitest';
import { ReadingError } from '../../../../src/core/reading/errors';
import { assertCanSign } from '../../../../src/core/reading/locks';

/** The policy's own refusal for a visit with unresolved lesion-selection checks. */
function refusal(codes: string[]): ReadingError {
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
    if (error instanceof ReadingError && error.code === 'REASON_REQUIRED') return error;
    throw error;
  }
  throw new Error('signing was not refused');
}

describe('override codes for the signature meaning', () => {
  // The dialog shows the sentence that will be stored before the passphrase is typed: it takes the codes
  // from the refusal's details (it used to parse them out of the message).
  it('come with the policy refusal, each once and in order, as the stored meaning lists them', () => {
    expect(refusal(['MAX_TARGETS', 'MAX_PER_ORGAN', 'MAX_TARGETS']).details.violationCodes).toEqual([
      'MAX_TARGETS',
      'MAX_PER_ORGAN',
    ]);
    expect(refusal(['NOT_MEASURABLE']).details.violationCodes).toEqual(['NOT_MEASURABLE']);
  });
});
