/**
 * Before asking for a passphrase, the policy is asked whether this visit can be signed at all and
 * whether it needs an override: the same command without a passphrase, which the policy refuses after
 * its checks (nothing is written), so the dialog shows the exact sentence that will be signed.
 */
import { ReadingError } from '../../core/reading/errors';
import { measurementsOf } from '../../core/reading/size';
import { runCommand, type ReadingSession } from '../db/commandRunner';
import { readTables } from '../db/readSchema';

export type SignProbe =
  | { readonly kind: 'ready' }
  | { readonly kind: 'override'; readonly codes: readonly string[]; readonly message: string };

/** The codes named by the policy's "needs an override reason" refusal, each once. */
export function overrideCodes(message: string): string[] {
  const listed = /\(([^()]*)\): signing needs an override reason/.exec(message)?.[1] ?? '';
  return [...new Set(listed.split(',').map((code) => code.trim()))].filter((code) => code !== '');
}

export async function probeSign(
  session: ReadingSession,
  input: { readId: string; timepointId: string },
  sliceThicknessMm: (seriesInstanceUid: string) => number | null,
): Promise<SignProbe> {
  const assessments = await readTables(session.db).assessments.where('readId').equals(input.readId).toArray();
  const uids = new Set(
    assessments.flatMap((a) => measurementsOf(a.value).map((m) => m.image.seriesInstanceUid)),
  );
  const seriesThicknessMm = Object.fromEntries([...uids].map((uid) => [uid, sliceThicknessMm(uid)]));
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
      return { kind: 'override', codes: overrideCodes(error.message), message: error.message };
    throw error;
  }
  // The policy never signs without a passphrase: reaching here would be a defect of the write path.
  throw new ReadingError('SIGNATURE', 'Signing needs your passphrase: enter it to sign');
}
