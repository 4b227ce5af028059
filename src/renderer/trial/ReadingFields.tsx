import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { AccountRole, Reader, ReaderNumber, Subject } from '../../core/reading/model';
import type { ReaderAssignment } from '../../core/trial/worklist';
import { useServices } from '../app/services';
import { listSubjects, updateAccount } from '../db/readSubjects';
import { describeError, useReadingSession } from '../reading/useReadingSession';

/** What an account reads in the trial: its BICR number (BICR readers only) and its subjects. */
export interface ReadingSetup {
  readonly readerNumber: ReaderNumber | null;
  readonly assignment: ReaderAssignment;
}

export const DEFAULT_READING: ReadingSetup = { readerNumber: 1, assignment: { kind: 'all' } };

/** The part of a setup the account's role keeps: a number for BICR readers, subjects for readers. */
export function readingFor(role: AccountRole, setup: ReadingSetup): ReadingSetup {
  return {
    readerNumber: role === 'bicr-reader' ? (setup.readerNumber ?? 1) : null,
    assignment: role === 'admin' ? { kind: 'all' } : setup.assignment,
  };
}

export function assignmentWords(assignment: ReaderAssignment, subjects: readonly Subject[]): string {
  switch (assignment.kind) {
    case 'all':
      return 'All subjects';
    case 'site':
      return `Subjects of site ${assignment.site}`;
    case 'subjects': {
      const labels = assignment.subjectIds.map((id) => subjects.find((s) => s.id === id)?.label ?? id);
      return `${labels.length === 1 ? '1 subject' : `${labels.length} subjects`}: ${labels.join(', ')}`;
    }
  }
}

export function readerNumberWords(account: Pick<Reader, 'role' | 'readerNumber'>): string | null {
  return account.role === 'bicr-reader' && account.readerNumber !== null
    ? `Reader ${account.readerNumber}`
    : null;
}

export function useTrialSubjects(): Subject[] {
  const { db } = useServices();
  return useLiveQuery(() => listSubjects(db), [db]) ?? [];
}

export function ReadingFields({
  role,
  value,
  onChange,
  idPrefix,
}: {
  role: AccountRole;
  value: ReadingSetup;
  onChange: (value: ReadingSetup) => void;
  idPrefix: string;
}) {
  const subjects = useTrialSubjects();
  const sites = [...new Set(subjects.flatMap((s) => (s.site ? [s.site] : [])))].sort();
  if (role === 'admin') return null;
  const { assignment } = value;
  const setAssignment = (next: ReaderAssignment) => onChange({ ...value, assignment: next });
  const chosen = assignment.kind === 'subjects' ? new Set(assignment.subjectIds) : new Set<string>();
  return (
    <div className="reading-fields" data-testid={`${idPrefix}-reading`}>
      {role === 'bicr-reader' && (
        <div className="auth-field">
          <label htmlFor={`${idPrefix}-number`}>BICR reader</label>
          <select
            id={`${idPrefix}-number`}
            data-testid={`${idPrefix}-number`}
            value={String(value.readerNumber ?? 1)}
            onChange={(e) => onChange({ ...value, readerNumber: e.target.value === '2' ? 2 : 1 })}
          >
            <option value="1">Reader 1</option>
            <option value="2">Reader 2</option>
          </select>
        </div>
      )}
      <div className="auth-field">
        <label htmlFor={`${idPrefix}-assignment`}>Reads</label>
        <select
          id={`${idPrefix}-assignment`}
          data-testid={`${idPrefix}-assignment`}
          value={assignment.kind}
          onChange={(e) => {
            const kind = e.target.value;
            if (kind === 'site') setAssignment({ kind: 'site', site: sites[0] ?? '' });
            else if (kind === 'subjects') setAssignment({ kind: 'subjects', subjectIds: [] });
            else setAssignment({ kind: 'all' });
          }}
        >
          <option value="all">All subjects</option>
          <option value="site">The subjects of one site</option>
          <option value="subjects">Chosen subjects</option>
        </select>
      </div>
      {assignment.kind === 'site' && (
        <div className="auth-field">
          <label htmlFor={`${idPrefix}-site`}>Site</label>
          {sites.length > 0 ? (
            <select
              id={`${idPrefix}-site`}
              data-testid={`${idPrefix}-site`}
              value={assignment.site}
              onChange={(e) => setAssignment({ kind: 'site', site: e.target.value })}
            >
              {sites.map((site) => (
                <option key={site} value={site}>
                  {site}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={`${idPrefix}-site`}
              data-testid={`${idPrefix}-site`}
              value={assignment.site}
              autoComplete="off"
              onChange={(e) => setAssignment({ kind: 'site', site: e.target.value })}
            />
          )}
        </div>
      )}
      {assignment.kind === 'subjects' &&
        (subjects.length === 0 ? (
          <p className="muted">
            Import the trial&apos;s subjects first (Subjects tab), then choose them here.
          </p>
        ) : (
          <fieldset className="subject-choices" data-testid={`${idPrefix}-subjects`}>
            <legend>Subjects</legend>
            {subjects.map((s) => (
              <label key={s.id} className="trial-check">
                <input
                  type="checkbox"
                  checked={chosen.has(s.id)}
                  onChange={(e) =>
                    setAssignment({
                      kind: 'subjects',
                      subjectIds: subjects
                        .filter((x) => (x.id === s.id ? e.target.checked : chosen.has(x.id)))
                        .map((x) => x.id),
                    })
                  }
                />
                {s.label}
                {s.site ? ` (${s.site})` : ''}
              </label>
            ))}
          </fieldset>
        ))}
    </div>
  );
}

/** Changes what an existing account reads; the policy refuses a new number once the account has reads. */
export function AccountReadingForm({ account, onDone }: { account: Reader; onDone: () => void }) {
  const session = useReadingSession();
  const [value, setValue] = useState<ReadingSetup>({
    readerNumber: account.readerNumber,
    assignment: account.assignment,
  });
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="auth-form auth-inline"
      data-testid="account-reading-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!session) return;
        setBusy(true);
        updateAccount(session, { readerId: account.id, ...readingFor(account.role, value) })
          .then(onDone)
          .catch((error: unknown) => setProblem(describeError(error)))
          .finally(() => setBusy(false));
      }}
    >
      <p>What {account.name} reads</p>
      <ReadingFields role={account.role} value={value} onChange={setValue} idPrefix="edit-account" />
      {problem && (
        <p role="alert" className="form-error">
          {problem}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          Save
        </button>
      </div>
    </form>
  );
}
