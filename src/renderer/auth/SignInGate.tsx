import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState, type ReactNode } from 'react';
import { ReadingError } from '../../core/reading/errors';
import type { Reader } from '../../core/reading/model';
import { useServices } from '../app/services';
import { passphraseProblem } from '../db/passphrase';
import { createAccount, listReaders } from '../db/readSubjects';
import { useAutoGrouping } from '../reading/useAutoGrouping';
import { describeError } from '../reading/useReadingSession';
import { useReadingStore } from '../store/readingStore';
import { AccountsScreen } from './AccountsScreen';
import { checkSignIn, credentialIds } from './accounts';
import './auth.css';
import { newPassphraseProblem, PassphraseField } from './PassphraseField';
import { roleNames } from './roles';

/**
 * Reading needs a signed-in account: every edit and e-signature is attributed to it. An administrator
 * manages accounts and settings here instead of reading.
 */
export function SignInGate({ children }: { children: ReactNode }) {
  const { db } = useServices();
  const accounts = useLiveQuery(() => listReaders(db), [db]);
  const withPassphrase = useLiveQuery(() => credentialIds(db), [db]);
  const readerId = useReadingStore((s) => s.readerId);
  const setReader = useReadingStore((s) => s.setReader);
  const current = accounts?.find((a) => a.id === readerId && !a.disabled) ?? null;
  // An account disabled while signed in is signed out. (One just created may not be listed yet: that
  // is not a reason to sign out.)
  const disabled = accounts?.some((a) => a.id === readerId && a.disabled) ?? false;
  useEffect(() => {
    if (disabled) setReader(null);
  }, [disabled, setReader]);
  if (!accounts || !withPassphrase) return null;
  if (!accounts.some((a) => a.role === 'admin' && !a.disabled)) return <SetupForm />;
  if (!current) return <SignInForm accounts={accounts} withPassphrase={new Set(withPassphrase)} />;
  if (current.role === 'admin') return <AdminArea admin={current} />;
  return <>{children}</>;
}

/**
 * The administrator's screens. Studies the admin imports are grouped here too (in a trial: matched to
 * subjects and visits, or queued as unmatched), so the admin's own tables are current without a reader.
 */
function AdminArea({ admin }: { admin: Reader }) {
  useAutoGrouping();
  return <AccountsScreen admin={admin} />;
}

/** First run: the workstation's administrator is created, and signed in. */
function SetupForm() {
  const { db, platform } = useServices();
  const setReader = useReadingStore((s) => s.setReader);
  const [name, setName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problems, setProblems] = useState<{ name?: string; passphrase?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  return (
    <div className="auth-screen" data-testid="setup">
      <form
        className="auth-card"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const problem = newPassphraseProblem(passphrase, repeat, passphraseProblem(passphrase));
          if (problem) return setProblems({ passphrase: problem });
          setBusy(true);
          createAccount(
            { db, readerId: null, signer: platform.auditKey },
            { name, role: 'admin', passphrase },
          )
            .then((created) => setReader(created.value.id))
            .catch((error: unknown) => {
              const onName = error instanceof ReadingError && error.field === 'name';
              setProblems(onName ? { name: describeError(error) } : { form: describeError(error) });
            })
            .finally(() => setBusy(false));
        }}
      >
        <h2>Set up this workstation</h2>
        <p className="muted">
          First, the administrator: they add the readers&apos; accounts and set the workstation&apos;s
          settings. Administrators do not read.
        </p>
        <NameField value={name} onChange={setName} problem={problems.name} />
        <PassphraseField
          label="Passphrase (at least 10 characters)"
          testId="setup-passphrase"
          value={passphrase}
          onChange={setPassphrase}
          problem={problems.passphrase}
          autoComplete="new-password"
        />
        <PassphraseField
          label="Repeat the passphrase"
          testId="setup-repeat"
          value={repeat}
          onChange={setRepeat}
          autoComplete="new-password"
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Setting up…' : 'Set up'}
        </button>
        {problems.form && (
          <p role="alert" className="form-error">
            {problems.form}
          </p>
        )}
      </form>
    </div>
  );
}

export function NameField({
  value,
  onChange,
  problem,
}: {
  value: string;
  onChange: (value: string) => void;
  problem?: string | undefined;
}) {
  return (
    <div className="auth-field">
      <label htmlFor="account-name">Name</label>
      <input
        id="account-name"
        data-testid="reader-name"
        value={value}
        maxLength={200}
        autoFocus
        autoComplete="off"
        aria-invalid={!!problem}
        aria-describedby={problem ? 'reader-name-error' : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {problem && (
        <p className="field-message" role="alert" id="reader-name-error" data-testid="reader-name-error">
          {problem}
        </p>
      )}
    </div>
  );
}

function SignInForm({ accounts, withPassphrase }: { accounts: Reader[]; withPassphrase: Set<string> }) {
  const { db } = useServices();
  const setReader = useReadingStore((s) => s.setReader);
  const usable = accounts.filter((a) => !a.disabled);
  const [chosen, setChosen] = useState(usable[0]?.id ?? '');
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const account = usable.find((a) => a.id === chosen) ?? null;
  const noPassphrase = account !== null && !withPassphrase.has(account.id);
  return (
    <div className="auth-screen" data-testid="sign-in">
      <form
        className="auth-card"
        onSubmit={(e) => {
          e.preventDefault();
          if (!account || noPassphrase) return;
          setBusy(true);
          checkSignIn(db, account.id, passphrase)
            .then((reader) => setReader(reader.id))
            .catch((error: unknown) => {
              setProblem(describeError(error));
              setPassphrase('');
            })
            .finally(() => setBusy(false));
        }}
      >
        <h2>Sign in</h2>
        <div className="auth-field">
          <label htmlFor="sign-in-account">Account</label>
          <select
            id="sign-in-account"
            data-testid="sign-in-account"
            value={chosen}
            onChange={(e) => {
              setChosen(e.target.value);
              setProblem(null);
            }}
          >
            {accounts.map((a) => (
              <option key={a.id} value={a.id} disabled={a.disabled}>
                {a.name} · {roleNames[a.role]}
                {a.disabled ? ' (disabled)' : ''}
              </option>
            ))}
          </select>
        </div>
        {noPassphrase ? (
          <p className="form-error" data-testid="sign-in-no-passphrase">
            This account has no passphrase yet: an administrator must set a passphrase.
          </p>
        ) : (
          <PassphraseField
            label="Passphrase"
            testId="sign-in-passphrase"
            value={passphrase}
            onChange={(value) => {
              setPassphrase(value);
              setProblem(null);
            }}
            problem={problem}
            autoFocus
          />
        )}
        <button type="submit" className="primary" disabled={busy || !account || noPassphrase}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
