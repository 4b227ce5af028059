/**
 * Signing, unlocking and re-signing: e-signatures, each with the passphrase typed again (checked by
 * commandRunner.ts before the policy decides).
 */
import { measurementsOf } from '../../core/reading/size';
import { runCommand, type ReadingSession } from './commandRunner';
import { readTables } from './readSchema';

export interface SignChecks {
  /** Slice thickness per series (DICOM index), so measurability is judged as the panel judges it. */
  readonly sliceThicknessMm?: (seriesInstanceUid: string) => number | null;
}

/** The series a read measured on, with their thickness: what the policy's measurability check needs. */
export async function thicknessOfRead(
  session: ReadingSession,
  readId: string,
  thickness: SignChecks['sliceThicknessMm'],
): Promise<Record<string, number | null>> {
  if (!thickness) return {};
  const assessments = await readTables(session.db).assessments.where('readId').equals(readId).toArray();
  const uids = new Set(
    assessments.flatMap((a) => measurementsOf(a.value).map((m) => m.image.seriesInstanceUid)),
  );
  return Object.fromEntries([...uids].map((uid) => [uid, thickness(uid)]));
}

export async function signTimepoint(
  session: ReadingSession,
  input: { readId: string; timepointId: string; overrideReason?: string | null; passphrase: string },
  checks: SignChecks = {},
) {
  const { passphrase, ...rest } = input;
  const seriesThicknessMm = await thicknessOfRead(session, input.readId, checks.sliceThicknessMm);
  return runCommand(
    session,
    { type: 'signVisit', input: { ...rest, seriesThicknessMm }, label: 'sign visit' },
    { passphrase },
  );
}

export function unlockTimepoint(
  session: ReadingSession,
  input: { readId: string; timepointId: string; reason: string; passphrase: string },
) {
  const { passphrase, ...rest } = input;
  return runCommand(session, { type: 'unlockVisit', input: rest, label: 'unlock visit' }, { passphrase });
}

/** The reader confirms their read after a correction of its subject's data. */
export function reSignRead(session: ReadingSession, input: { readId: string; passphrase: string }) {
  return runCommand(
    session,
    { type: 'reSign', input: { readId: input.readId }, label: 're-sign read' },
    { passphrase: input.passphrase },
  );
}
