import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { useServices } from '../app/services';
import { readTables } from '../db/readSchema';
import { getSettings } from '../db/readSubjects';
import { describeError } from '../reading/useReadingSession';
import { useReadingStore } from '../store/readingStore';
import { checkSignIn } from './accounts';
import { signOut } from './AccountBadge';
import './auth.css';
import { browserClock, startInactivityTimer } from './inactivity';
import { useLockStore } from './lockStore';
import { PassphraseField } from './PassphraseField';

const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Locks a signed-in session after the workstation's inactivity limit: nothing of the app can be seen
 * or used until the same account's passphrase is typed (or the person signs out).
 */
export function SessionLock() {
  const { db } = useServices();
  const readerId = useReadingStore((s) => s.readerId);
  const locked = useLockStore((s) => s.locked);
  const setLocked = useLockStore((s) => s.setLocked);
  const minutes = useLiveQuery(async () => (await getSettings(db)).inactivityMinutes, [db]);
  useEffect(() => {
    if (!readerId || locked || !minutes) return;
    const timer = startInactivityTimer(minutes * 60_000, () => setLocked(true), browserClock);
    const onInput = () => timer.activity();
    for (const name of INPUT_EVENTS) window.addEventListener(name, onInput, { capture: true, passive: true });
    return () => {
      timer.stop();
      for (const name of INPUT_EVENTS) window.removeEventListener(name, onInput, { capture: true });
    };
  }, [readerId, locked, minutes, setLocked]);
  if (!readerId || !locked) return null;
  return <LockOverlay readerId={readerId} />;
}

function LockOverlay({ readerId }: { readerId: string }) {
  const { db } = useServices();
  const setLocked = useLockStore((s) => s.setLocked);
  const account = useLiveQuery(() => readTables(db).readers.get(readerId), [db, readerId]);
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  // A modal <dialog> makes everything else inert: no click or key reaches the read behind it.
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="lock-overlay"
      data-testid="lock-overlay"
      aria-label="Session locked"
      onCancel={(e) => e.preventDefault()}
    >
      <form
        className="auth-card"
        onSubmit={(e) => {
          e.preventDefault();
          if (passphrase === '') return;
          setBusy(true);
          checkSignIn(db, readerId, passphrase)
            .then(() => setLocked(false))
            .catch((error: unknown) => {
              setProblem(describeError(error));
              setPassphrase('');
            })
            .finally(() => setBusy(false));
        }}
      >
        <h2>Locked: enter your passphrase to continue</h2>
        <p className="muted">
          Signed in as <strong data-testid="locked-account">{account?.name ?? ''}</strong>. The session locked
          after a time without input.
        </p>
        <PassphraseField
          label="Passphrase"
          testId="unlock-passphrase"
          value={passphrase}
          onChange={(value) => {
            setPassphrase(value);
            setProblem(null);
          }}
          problem={problem}
          autoFocus
        />
        <div className="dialog-actions">
          <button type="button" onClick={signOut} data-testid="locked-sign-out">
            Sign out
          </button>
          <button type="submit" className="primary" disabled={busy || passphrase === ''}>
            Continue
          </button>
        </div>
      </form>
    </dialog>
  );
}
