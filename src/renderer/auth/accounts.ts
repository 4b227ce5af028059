/**
 * Sign-in checks (reads only: signing in writes nothing). The write path checks the passphrase again
 * for every e-signature; this only decides who the session is.
 */
import type { Reader } from '../../core/reading/model';
import { ReadingError } from '../../core/reading/errors';
import { verifyPassphrase } from '../db/passphrase';
import { readTables, type ReadDatabase } from '../db/readSchema';

export function credentialIds(db: ReadDatabase): Promise<string[]> {
  return readTables(db).credentials.toCollection().primaryKeys();
}

/** The account, when `passphrase` is its own and it may sign in; a reader-facing refusal otherwise. */
export async function checkSignIn(db: ReadDatabase, readerId: string, passphrase: string): Promise<Reader> {
  const t = readTables(db);
  const reader = await t.readers.get(readerId);
  if (!reader) throw new ReadingError('NOT_FOUND', 'Choose your account');
  if (reader.disabled)
    throw new ReadingError('FORBIDDEN', `${reader.name}'s account is disabled: ask an administrator`);
  const credential = await t.credentials.get(readerId);
  if (!credential)
    throw new ReadingError(
      'FORBIDDEN',
      `${reader.name} has no passphrase yet: an administrator must set one`,
    );
  if (!(await verifyPassphrase(passphrase, credential)))
    throw new ReadingError('SIGNATURE', 'That passphrase is not right', 'passphrase');
  return reader;
}
