import { useLiveQuery } from 'dexie-react-hooks';
import { SubjectDateCorrections } from '../reading/SubjectDateCorrection';
import { useState } from 'react';
import { ReadingError } from '../../core/reading/errors';
import { accountRoles, type AccountRole, type Reader } from '../../core/reading/model';
import { useServices } from '../app/services';
import { passphraseProblem } from '../db/passphrase';
import {
  createAccount,
  getSettings,
  listReaders,
  setPassphrase,
  updateAccount,
  updateSettings,
} from '../db/readSubjects';
import { describeError, useReadingSession } from '../reading/useReadingSession';
import { credentialIds } from './accounts';
import { PassphraseField } from './PassphraseField';
import { roleNames } from './roles';
import { NameField } from './SignInGate';
import { AgreementSection } from '../trial/AgreementSection';
import {
  AccountReadingForm,
  assignmentWords,
  DEFAULT_READING,
  ReadingFields,
  readingFor,
  readerNumberWords,
  useTrialSubjects,
  type ReadingSetup,
} from '../trial/ReadingFields';
import { SubjectsImport } from '../trial/SubjectsImport';
import { TrialProtocolForm } from '../trial/TrialProtocolForm';
import { TrialSubjectsTable } from '../trial/TrialSubjectsTable';
import { UnmatchedStudiesPanel } from '../trial/UnmatchedStudiesPanel';
import '../trial/trialAdmin.css';

const TABS = [
  { key: 'accounts', name: 'Accounts' },
  { key: 'trial', name: 'Trial' },
  { key: 'subjects', name: 'Subjects' },
  { key: 'unmatched', name: 'Unmatched studies' },
  { key: 'agreement', name: 'Reader agreement' },
] as const;
type Tab = (typeof TABS)[number]['key'];

/**
 * What an administrator does: accounts and the workstation's settings, and the trial (protocol,
 * subjects, reader agreement and the read exports for the sponsor); never reads.
 */
export function AccountsScreen({ admin }: { admin: Reader }) {
  const [tab, setTab] = useState<Tab>('accounts');
  return (
    <div className="admin-area" data-testid="accounts-screen">
      <div className="admin-tabs" role="tablist" aria-label="Administration">
        {TABS.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            id={`admin-tab-${t.key}`}
            aria-selected={tab === t.key}
            aria-controls="admin-panel"
            data-testid={`admin-tab-${t.key}`}
            className={tab === t.key ? 'active' : undefined}
            onClick={() => setTab(t.key)}
          >
            {t.name}
          </button>
        ))}
      </div>
      <div id="admin-panel" role="tabpanel" aria-labelledby={`admin-tab-${tab}`} className="admin-panel">
        {tab === 'accounts' && <AccountsTab admin={admin} />}
        {tab === 'trial' && (
          <section className="auth-section admin-wide">
            <h2>Trial protocol</h2>
            <TrialProtocolForm />
          </section>
        )}
        {tab === 'subjects' && (
          <>
            <section className="auth-section admin-wide">
              <h2>Import subjects</h2>
              <SubjectsImport />
            </section>
            <section className="auth-section admin-wide">
              <h2>The trial&apos;s subjects</h2>
              <TrialSubjectsTable adminId={admin.id} />
            </section>
          </>
        )}
        {tab === 'unmatched' && (
          <div className="admin-wide">
            <UnmatchedStudiesPanel />
          </div>
        )}
        {tab === 'agreement' && (
          <section className="auth-section admin-wide">
            <AgreementSection adminId={admin.id} />
          </section>
        )}
      </div>
    </div>
  );
}

function AccountsTab({ admin }: { admin: Reader }) {
  const { db } = useServices();
  const accounts = (useLiveQuery(() => listReaders(db), [db]) ?? []).sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  const withPassphrase = new Set(useLiveQuery(() => credentialIds(db), [db]) ?? []);
  const [settingPassphraseOf, setSettingPassphraseOf] = useState<Reader | null>(null);
  const [changingReadingOf, setChangingReadingOf] = useState<Reader | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const session = useReadingSession();
  const subjects = useTrialSubjects();
  return (
    <div className="accounts-screen">
      <section className="auth-section">
        <h2>Accounts</h2>
        <table className="accounts-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>Reads</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr
                key={a.id}
                data-testid="account-row"
                className={a.disabled ? 'account-disabled' : undefined}
              >
                <td>{a.name}</td>
                <td data-testid="account-role-cell">
                  {[roleNames[a.role], readerNumberWords(a)].filter(Boolean).join(', ')}
                </td>
                <td data-testid="account-reads">
                  {a.role === 'admin' ? '—' : assignmentWords(a.assignment, subjects)}
                </td>
                <td>{a.disabled ? 'Disabled' : withPassphrase.has(a.id) ? 'Active' : 'No passphrase yet'}</td>
                <td className="account-actions">
                  {a.role !== 'admin' && (
                    <button type="button" onClick={() => setChangingReadingOf(a)}>
                      Change reading…
                    </button>
                  )}
                  <button type="button" onClick={() => setSettingPassphraseOf(a)}>
                    Set passphrase…
                  </button>
                  {a.id !== admin.id && (
                    <button
                      type="button"
                      onClick={() => {
                        if (!session) return;
                        setProblem(null);
                        updateAccount(session, { readerId: a.id, disabled: !a.disabled }).catch(
                          (error: unknown) => setProblem(describeError(error)),
                        );
                      }}
                    >
                      {a.disabled ? 'Enable' : 'Disable'}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {problem && (
          <p role="alert" className="form-error">
            {problem}
          </p>
        )}
        {settingPassphraseOf && (
          <SetPassphraseForm account={settingPassphraseOf} onDone={() => setSettingPassphraseOf(null)} />
        )}
        {changingReadingOf && (
          <AccountReadingForm
            key={changingReadingOf.id}
            account={changingReadingOf}
            onDone={() => setChangingReadingOf(null)}
          />
        )}
      </section>
      <section className="auth-section">
        <h2>Add an account</h2>
        <AddAccountForm />
      </section>
      <section className="auth-section">
        <h2>Settings</h2>
        <SettingsForm />
      </section>
      <section className="auth-section">
        <SubjectDateCorrections />
      </section>
    </div>
  );
}

function AddAccountForm() {
  const session = useReadingSession();
  const [name, setName] = useState('');
  const [role, setRole] = useState<AccountRole>('site-radiologist');
  const [passphrase, setPassphraseValue] = useState('');
  const [reading, setReading] = useState<ReadingSetup>(DEFAULT_READING);
  const [problems, setProblems] = useState<{ name?: string; passphrase?: string; form?: string }>({});
  const [added, setAdded] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="auth-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!session) return;
        const problem = passphraseProblem(passphrase);
        if (problem) return setProblems({ passphrase: problem });
        setBusy(true);
        setAdded(null);
        createAccount(session, { name, role, passphrase, ...readingFor(role, reading) })
          .then((created) => {
            const number = readerNumberWords(created.value);
            setAdded(
              `${created.value.name} can now sign in as ${roleNames[created.value.role]}${number ? ` (${number})` : ''}.`,
            );
            setName('');
            setPassphraseValue('');
            setReading(DEFAULT_READING);
            setProblems({});
          })
          .catch((error: unknown) => {
            const onName = error instanceof ReadingError && error.field === 'name';
            setProblems(onName ? { name: describeError(error) } : { form: describeError(error) });
          })
          .finally(() => setBusy(false));
      }}
    >
      <NameField value={name} onChange={setName} problem={problems.name} />
      <div className="auth-field">
        <label htmlFor="account-role">Role</label>
        <select
          id="account-role"
          data-testid="account-role"
          value={role}
          onChange={(e) => setRole(e.target.value as AccountRole)}
        >
          {accountRoles.map((r) => (
            <option key={r} value={r}>
              {roleNames[r]}
            </option>
          ))}
        </select>
      </div>
      <ReadingFields role={role} value={reading} onChange={setReading} idPrefix="account" />
      <PassphraseField
        label="Initial passphrase (at least 10 characters)"
        testId="account-passphrase"
        value={passphrase}
        onChange={setPassphraseValue}
        problem={problems.passphrase}
        autoComplete="new-password"
      />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Adding…' : 'Add account'}
      </button>
      {problems.form && (
        <p role="alert" className="form-error">
          {problems.form}
        </p>
      )}
      {added && (
        <p className="muted" data-testid="account-added">
          {added}
        </p>
      )}
    </form>
  );
}

function SetPassphraseForm({ account, onDone }: { account: Reader; onDone: () => void }) {
  const session = useReadingSession();
  const [passphrase, setPassphraseValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="auth-form auth-inline"
      data-testid="set-passphrase-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!session) return;
        const invalid = passphraseProblem(passphrase);
        if (invalid) return setProblem(invalid);
        setBusy(true);
        setPassphrase(session, { readerId: account.id, passphrase })
          .then(onDone)
          .catch((error: unknown) => setProblem(describeError(error)))
          .finally(() => setBusy(false));
      }}
    >
      <PassphraseField
        label={`New passphrase for ${account.name}`}
        testId="new-passphrase"
        value={passphrase}
        onChange={setPassphraseValue}
        problem={problem}
        autoFocus
        autoComplete="new-password"
      />
      <div className="dialog-actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          Set passphrase
        </button>
      </div>
    </form>
  );
}

function SettingsForm() {
  const { db } = useServices();
  const session = useReadingSession();
  const settings = useLiveQuery(() => getSettings(db), [db]);
  const [minutes, setMinutes] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  if (!settings) return null;
  const shown = minutes ?? String(settings.inactivityMinutes);
  return (
    <form
      className="auth-form auth-inline"
      onSubmit={(e) => {
        e.preventDefault();
        if (!session) return;
        const value = Number(shown);
        if (!Number.isInteger(value) || value < 1 || value > 240)
          return setMessage('Enter a whole number of minutes from 1 to 240');
        updateSettings(session, { inactivityMinutes: value })
          .then(() => {
            setMinutes(null);
            setMessage('Saved.');
          })
          .catch((error: unknown) => setMessage(describeError(error)));
      }}
    >
      <div className="auth-field">
        <label htmlFor="inactivity-minutes">Lock a session after this many minutes without input</label>
        <input
          id="inactivity-minutes"
          data-testid="inactivity-minutes"
          type="number"
          min={1}
          max={240}
          value={shown}
          onChange={(e) => {
            setMinutes(e.target.value);
            setMessage(null);
          }}
        />
      </div>
      <button type="submit" data-testid="save-settings">
        Save
      </button>
      {message && (
        <p className="muted" role="status" data-testid="settings-message">
          {message}
        </p>
      )}
    </form>
  );
}
