/**
 * Accounts and workstation settings: an admin's business, never a reader's. The very first account of
 * a workstation is its admin (nobody is signed in yet to create it).
 */
import { parseOrThrow, ReadingError } from '../reading/errors';
import { ReaderSchema, type AccountRole, type Reader, type ReaderNumber } from '../reading/model';
import type { ReaderAssignment } from '../trial/worklist';
import type { Draft } from './draft';
import { assertAdmin, mustGet } from './readContext';
import { CredentialSchema, SettingsSchema, defaultSettings, type Credential, type Settings } from './records';

/** The derived key and its parameters, as the caller computed them (PBKDF2 is asynchronous). */
export type CredentialInput = Pick<Credential, 'algorithm' | 'iterations' | 'salt' | 'hash'>;

function hasAdmin(d: Draft): boolean {
  return d.records.where('readers', (r) => r.role === 'admin' && !r.disabled).length > 0;
}

export function createAccount(
  d: Draft,
  input: {
    name: string;
    role: AccountRole;
    credential: CredentialInput;
    readerNumber?: ReaderNumber | null;
    assignment?: ReaderAssignment;
  },
): Reader {
  const first = !hasAdmin(d);
  if (first) {
    if (input.role !== 'admin')
      throw new ReadingError('FORBIDDEN', 'The first account of a workstation is its administrator');
  } else assertAdmin(d.actor, 'create accounts');
  const reader = parseOrThrow(
    ReaderSchema,
    {
      id: d.newId(),
      name: input.name,
      role: input.role,
      disabled: false,
      readerNumber: input.role === 'bicr-reader' ? (input.readerNumber ?? null) : null,
      assignment: input.assignment ?? { kind: 'all' },
      createdAt: d.at,
    },
    'account',
  );
  if (d.records.where('readers', (r) => r.name.trim().toLowerCase() === reader.name.toLowerCase()).length > 0)
    throw new ReadingError('CONFLICT', `There is already an account named ${reader.name}`, 'name');
  const credential = parseOrThrow(
    CredentialSchema,
    { ...input.credential, readerId: reader.id, setAt: d.at },
    'passphrase',
  );
  // The first admin is the actor of their own creation.
  const actorId = first ? reader.id : undefined;
  d.write('readers', null, reader, { undoable: false, actorId });
  d.write('credentials', null, credential, { action: 'set-passphrase', undoable: false, actorId });
  return reader;
}

export function updateAccount(
  d: Draft,
  input: {
    readerId: string;
    name?: string;
    role?: AccountRole;
    disabled?: boolean;
    readerNumber?: ReaderNumber | null;
    assignment?: ReaderAssignment;
  },
): Reader {
  const admin = assertAdmin(d.actor, 'change accounts');
  const before = mustGet(d.records.get('readers', input.readerId), 'account', input.readerId);
  const after = parseOrThrow(
    ReaderSchema,
    {
      ...before,
      name: input.name ?? before.name,
      role: input.role ?? before.role,
      disabled: input.disabled ?? before.disabled,
      readerNumber:
        (input.role ?? before.role) === 'bicr-reader'
          ? input.readerNumber === undefined
            ? before.readerNumber
            : input.readerNumber
          : null,
      assignment: input.assignment ?? before.assignment,
    },
    'account',
  );
  const hasReads = d.records.where('reads', (r) => r.readerId === before.id).length > 0;
  if (before.role !== after.role && hasReads)
    throw new ReadingError('CONFLICT', `${before.name} has reads: their role cannot change`);
  if (before.readerNumber !== after.readerNumber && hasReads)
    throw new ReadingError('CONFLICT', `${before.name} has reads: their reader number cannot change`);
  const adminsLeft = d.records.where(
    'readers',
    (r) => r.id !== before.id && r.role === 'admin' && !r.disabled,
  ).length;
  if ((after.role !== 'admin' || after.disabled) && before.role === 'admin' && adminsLeft === 0)
    throw new ReadingError('CONFLICT', 'The workstation needs at least one active administrator');
  if (after.disabled && admin.id === after.id)
    throw new ReadingError('CONFLICT', 'You cannot disable your own account');
  d.write('readers', before, after, { undoable: false });
  return after;
}

/** An admin sets anyone's passphrase; a person changes their own after typing the current one again. */
export function setPassphrase(d: Draft, input: { readerId: string; credential: CredentialInput }): null {
  const actor = d.actor;
  if (actor === null) throw new ReadingError('FORBIDDEN', 'Sign in first');
  const own = actor.id === input.readerId;
  if (!own) assertAdmin(actor, "set another person's passphrase");
  else if (!d.env.reauthenticated)
    throw new ReadingError('SIGNATURE', 'Enter your current passphrase to change it');
  mustGet(d.records.get('readers', input.readerId), 'account', input.readerId);
  const before = d.records.get('credentials', input.readerId);
  const after = parseOrThrow(
    CredentialSchema,
    { ...input.credential, readerId: input.readerId, setAt: d.at },
    'passphrase',
  );
  d.write('credentials', before, after, { action: 'set-passphrase', undoable: false });
  return null;
}

export function updateSettings(d: Draft, input: { inactivityMinutes: number }): Settings {
  assertAdmin(d.actor, 'change the workstation settings');
  const before = d.records.get('settings', 'workstation');
  const after = parseOrThrow(
    SettingsSchema,
    { ...(before ?? defaultSettings), inactivityMinutes: input.inactivityMinutes },
    'settings',
  );
  d.write('settings', before, after, { undoable: false });
  return after;
}
