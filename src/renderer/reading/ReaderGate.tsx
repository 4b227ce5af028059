import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type ReactNode } from 'react';
import { ReadingError } from '../../core/reading/errors';
import { readerRoles, type Reader } from '../../core/reading/model';
import { useServices } from '../app/services';
import { createReader, listReaders } from '../db/readSubjects';
import { useReadingStore } from '../store/readingStore';
import './fieldMessages.css';
import { describeError } from './useReadingSession';

const roleNames: Record<Reader['role'], string> = {
  'site-radiologist': 'Site radiologist',
  'bicr-reader': 'BICR reader',
  adjudicator: 'Adjudicator',
};

/** Reading needs a reader: every edit, signature and unlock is attributed to one. */
export function ReaderGate({ children }: { children: ReactNode }) {
  const { db } = useServices();
  const readers = useLiveQuery(() => listReaders(db), [db]);
  const readerId = useReadingStore((s) => s.readerId);
  const setReader = useReadingStore((s) => s.setReader);
  if (!readers) return null;
  const current = readers.find((r) => r.id === readerId);
  if (current) return <>{children}</>;
  return (
    <div className="reader-gate">
      <h2>Who is reading?</h2>
      <p className="muted">Every measurement, signature and unlock is recorded under this profile.</p>
      {readers.length > 0 && (
        <ul className="reader-list">
          {readers.map((r) => (
            <li key={r.id}>
              <button type="button" onClick={() => setReader(r.id)}>
                {r.name} <span className="muted">({roleNames[r.role]})</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <NewReaderForm onCreated={setReader} />
    </div>
  );
}

function NewReaderForm({ onCreated }: { onCreated: (id: string) => void }) {
  const { db } = useServices();
  const [error, setError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  return (
    <form
      className="reader-form"
      // The core's rules say what a name needs, in words, beside the field (a browser's own bubble
      // for "required" says nothing about a name of spaces, and is easy to miss).
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const name = String(data.get('name') ?? '');
        const role = String(data.get('role')) as Reader['role'];
        createReader(db, { name, role }).then(
          (m) => onCreated(m.value.id),
          (err: unknown) => {
            const onName = err instanceof ReadingError && err.field === 'name';
            setNameError(onName ? describeError(err) : null);
            setError(onName ? null : describeError(err));
          },
        );
      }}
    >
      <div className="field-with-message">
        <label>
          Name{' '}
          <input
            name="name"
            data-testid="reader-name"
            maxLength={200}
            autoFocus
            aria-invalid={nameError !== null}
            aria-describedby={nameError ? 'reader-name-error' : undefined}
            onChange={() => setNameError(null)}
          />
        </label>
        {nameError && (
          <p className="field-message" role="alert" id="reader-name-error" data-testid="reader-name-error">
            {nameError}
          </p>
        )}
      </div>
      <label>
        Role
        <select name="role" defaultValue="site-radiologist" data-testid="reader-role">
          {readerRoles.map((role) => (
            <option key={role} value={role}>
              {roleNames[role]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Create profile</button>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </form>
  );
}

export function ReaderBadge() {
  const { db } = useServices();
  const readerId = useReadingStore((s) => s.readerId);
  const setReader = useReadingStore((s) => s.setReader);
  const reader = useLiveQuery(
    () => (readerId ? db.table<Reader, string>('readers').get(readerId) : undefined),
    [db, readerId],
  );
  if (!reader) return null;
  return (
    <span className="reader-badge" data-testid="reader-badge">
      {reader.name} · {roleNames[reader.role]}{' '}
      <button type="button" className="link" onClick={() => setReader(null)}>
        switch
      </button>
    </span>
  );
}
