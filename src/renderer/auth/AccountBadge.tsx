import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { ReadingError } from '../../core/reading/errors';
import { useServices } from '../app/services';
import { passphraseProblem } from '../db/passphrase';
import { readTables } from '../db/readSchema';
import { setPassphrase } from '../db/readSubjects';
import { describeError, useReadingSession } from '../reading/useReadingSession';
import { useReadingStore } from '../store/readingStore';
import './auth.css';
import { useLockStore } from './lockStore';
import { newPassphraseProblem, PassphraseField } from './PassphraseField';
import { roleNames } from './roles';

export function signOut(): void {
  useLockStore.getState().setLocked(false);
  useReadingStore.getState().setReader(null);
}

/** Who is signed in, in the header: sign out, or change one's own passphrase. */
export function AccountBadge() {
  const { db } = useServices();
  const readerId = useReadingStore((s) => s.readerId);
  const [changing, setChanging] = useState(false);
  const account = useLiveQuery(
    async () => (readerId ? readTables(db).readers.get(readerId) : undefined),
    [db, readerId],
  );
  if (!account) return null;
  return (
    <span className="account-badge" data-testid="reader-badge">
      <span data-testid="signed-in-as" title={`Signed in as ${account.name} · ${roleNames[account.role]}`}>
        {account.name} · {roleNames[account.role]}
      </span>
      <button
        type="button"
        className="link"
        onClick={() => setChanging(true)}
        data-testid="change-passphrase"
      >
        Passphrase…
      </button>
      <button type="button" className="link" onClick={signOut} data-testid="sign-out">
        Sign out
      </button>
      {changing && <ChangePassphraseDialog readerId={account.id} onDone={() => setChanging(false)} />}
    </span>
  );
}

function ChangePassphraseDialog({ readerId, onDone }: { readerId: string; onDone: () => void }) {
  const session = useReadingSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problems, setProblems] = useState<{ current?: string; next?: string }>({});
  const [busy, setBusy] = useState(false);
  return (
    <div
      className="dialog-backdrop auth-backdrop"
      role="presentation"
      onKeyDown={(e) => e.key === 'Escape' && onDone()}
    >
      <form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Change your passphrase"
        onSubmit={(e) => {
          e.preventDefault();
          if (!session) return;
          const problem = newPassphraseProblem(next, repeat, passphraseProblem(next));
          if (problem) return setProblems({ next: problem });
          setBusy(true);
          setPassphrase(session, { readerId, passphrase: next, current })
            .then(onDone)
            .catch((error: unknown) =>
              setProblems(
                error instanceof ReadingError && error.code === 'SIGNATURE'
                  ? { current: 'Your current passphrase is not right: nothing was changed' }
                  : { next: describeError(error) },
              ),
            )
            .finally(() => setBusy(false));
        }}
      >
        <h2>Change your passphrase</h2>
        <PassphraseField
          label="Current passphrase"
          testId="current-passphrase"
          value={current}
          onChange={setCurrent}
          problem={problems.current}
          autoFocus
        />
        <PassphraseField
          label="New passphrase (at least 10 characters)"
          testId="next-passphrase"
          value={next}
          onChange={setNext}
          problem={problems.next}
          autoComplete="new-password"
        />
        <PassphraseField
          label="Repeat the new passphrase"
          testId="repeat-passphrase"
          value={repeat}
          onChange={setRepeat}
          autoComplete="new-password"
        />
        <div className="dialog-actions">
          <button type="button" onClick={onDone}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || current === ''}>
            Change passphrase
          </button>
        </div>
      </form>
    </div>
  );
}
