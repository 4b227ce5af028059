import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { Subject } from '../../core/reading/model';
import { dateFormatter, type DateFormatter } from '../../core/trial/blindedText';
import { isBlindedRole } from '../../core/trial/blinding';
import { useServices } from '../app/services';
import { readTables } from '../db/readSchema';
import { useReadingStore } from '../store/readingStore';

/**
 * True while a BICR reader or an adjudicator is signed in. Until the account is loaded a signed-in
 * session counts as blinded: a screen that flashed real dates for a moment would already have shown
 * them. With nobody signed in, nothing is blinded (reading itself asks for a sign-in first), except on a
 * trial's workstation, where the study list, imports and the trail wait for a sign-in.
 */
export function useBlindedAccount(): boolean {
  return useAccountBlinding().blinded;
}

/** useBlindedAccount, and whether the account's role is known yet (false while it loads). */
export function useAccountBlinding(): { readonly blinded: boolean; readonly known: boolean } {
  const { db } = useServices();
  const readerId = useReadingStore((s) => s.readerId);
  const role = useLiveQuery(
    async () => (readerId ? ((await readTables(db).readers.get(readerId))?.role ?? null) : null),
    [db, readerId],
  );
  // On a trial's workstation nobody sees patient data before signing in: a BICR reader could
  // otherwise look at the study list before signing in blind.
  const trialExists = useLiveQuery(
    async () => (readerId ? null : (await readTables(db).trial.count()) > 0),
    [db, readerId],
  );
  if (readerId === null)
    return trialExists === undefined
      ? { blinded: true, known: false }
      : { blinded: !!trialExists, known: true };
  if (role === undefined) return { blinded: true, known: false };
  return { blinded: role !== null && isBlindedRole(role), known: true };
}

/**
 * How the screens of the current subject write dates for the signed-in account: study days from the
 * subject's enrolment for a blinded reader ("Day 57"), the dates themselves for everyone else. `subjectId`
 * defaults to the subject being read.
 */
export function useBlinding(subjectId?: string | null): DateFormatter {
  const { db } = useServices();
  const blinded = useBlindedAccount();
  const currentSubjectId = useReadingStore((s) => s.subjectId);
  const id = subjectId === undefined ? currentSubjectId : subjectId;
  const enrollmentDate = useLiveQuery(
    async () => (id ? ((await db.table<Subject, string>('subjects').get(id))?.enrollmentDate ?? null) : null),
    [db, id],
  );
  return useMemo(() => dateFormatter(blinded, enrollmentDate ?? null), [blinded, enrollmentDate]);
}
