/**
 * Before asking for a passphrase, the policy is asked whether this visit can be signed at all and
 * whether it needs an override: the same command without a passphrase, which the policy refuses after
 * its checks (nothing is written), so the dialog shows the exact sentence that will be signed.
 */
import { ReadingError } from '../../core/reading/errors';
import { runCommand, type ReadingSession } from '../db/commandRunner';
import { thicknessOfRead } from '../db/readSignoff';

export type SignProbe =
  | { readonly kind: 'ready' }
  | { readonly kind: 'override'; readonly codes: readonly string[]; readonly message: string };

export async function probeSign(
  session: ReadingSession,
  input: { readId: string; timepointId: string },
  sliceThicknessMm: (seriesInstanceUid: string) => number | null,
): Promise<SignProbe> {
  const seriesThicknessMm = await thicknessOfRead(session, input.readId, sliceThicknessMm);
  try {
    await runCommand(session, {
      type: 'signVisit',
      input: { ...input, seriesThicknessMm },
      label: 'sign visit',
    });
  } catch (error) {
    if (!(error instanceof ReadingError)) throw error;
    if (error.code === 'SIGNATURE') return { kind: 'ready' };
    if (error.code === 'REASON_REQUIRED')
      return { kind: 'override', codes: error.details.violationCodes ?? [], message: error.message };
    throw error;
  }
  // The policy never signs without a passphrase: reaching here would be a defect of the write path.
  throw new ReadingError('SIGNATURE', 'Signing needs your passphrase: enter it to sign');
}
