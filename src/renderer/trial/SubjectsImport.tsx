import { useState } from 'react';
import {
  parseSubjectsCsv,
  subjectsCsvTemplate,
  type SubjectsCsvResult,
  type TrialSubjectRow,
} from '../../core/trial/subjectsCsv';
import { useServices } from '../app/services';
import { importTrialSubjects } from '../db/readTrial';
import { describeError, useReadingSession } from '../reading/useReadingSession';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The trial's subjects from a CSV file: every bad line is listed, and a file with errors imports
 * nothing unless the admin chooses to import its good lines.
 */
export function SubjectsImport() {
  const { platform } = useServices();
  const session = useReadingSession();
  const [file, setFile] = useState<{ name: string; result: SubjectsCsvResult } | null>(null);
  const [message, setMessage] = useState<{ text: string; problem: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [inputKey, setInputKey] = useState(0);

  const choose = async (chosen: File | undefined) => {
    setMessage(null);
    if (!chosen) return setFile(null);
    setFile({ name: chosen.name, result: parseSubjectsCsv(await chosen.text()) });
  };
  const importRows = (rows: readonly TrialSubjectRow[]) => {
    if (!session) return;
    setBusy(true);
    importTrialSubjects(session, rows)
      .then((done) => {
        setMessage({ text: `Imported ${plural(done.value.length, 'subject')}.`, problem: false });
        setFile(null);
        setInputKey((k) => k + 1);
      })
      .catch((error: unknown) => setMessage({ text: describeError(error), problem: true }))
      .finally(() => setBusy(false));
  };
  const badLines = file ? new Set(file.result.errors.map((e) => e.line)).size : 0;
  const good = file?.result.subjects ?? [];

  return (
    <div className="subjects-import" data-testid="subjects-import">
      <p className="muted">
        One line per subject: subject ID, site, enrolment date, and when known treatment start, death and new
        anticancer therapy dates (YYYY-MM-DD).
      </p>
      <div className="subjects-import-actions">
        <label className="file-choice">
          <span>Subjects file (CSV)</span>
          <input
            key={inputKey}
            type="file"
            accept=".csv,text/csv"
            data-testid="subjects-file"
            onChange={(e) => void choose(e.target.files?.[0])}
          />
        </label>
        <button
          type="button"
          data-testid="subjects-template"
          onClick={() =>
            void platform.saveFile('trial-subjects-template.csv', subjectsCsvTemplate(), 'text/csv')
          }
        >
          Download template
        </button>
      </div>
      {file && (
        <div className="subjects-preview" data-testid="subjects-preview">
          <p data-testid="subjects-summary">
            {file.name}: {plural(good.length, 'good line')}
            {badLines > 0 && `, ${plural(badLines, 'line')} with errors`}.
          </p>
          {file.result.errors.length > 0 && (
            <ul className="csv-errors" data-testid="subjects-errors">
              {file.result.errors.map((e, i) => (
                <li key={i} data-testid="subjects-error">
                  Line {e.line}
                  {e.column !== null && `, ${e.column}`}: {e.message}
                </li>
              ))}
            </ul>
          )}
          {good.length > 0 && (
            <table className="accounts-table" data-testid="subjects-good">
              <thead>
                <tr>
                  <th>Subject ID</th>
                  <th>Site</th>
                  <th>Enrolment</th>
                  <th>Treatment start</th>
                  <th>Death</th>
                  <th>New anticancer therapy</th>
                </tr>
              </thead>
              <tbody>
                {good.map((s) => (
                  <tr key={s.subjectId} data-testid="subjects-good-row">
                    <td>{s.subjectId}</td>
                    <td>{s.site}</td>
                    <td>{s.enrollmentDate}</td>
                    <td>{s.treatmentStartDate ?? '—'}</td>
                    <td>{s.deathDate ?? '—'}</td>
                    <td>{s.newAnticancerTherapyDate ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {good.length > 0 && (
            <button
              type="button"
              className="primary"
              data-testid="subjects-import-button"
              disabled={busy}
              onClick={() => importRows(good)}
            >
              {badLines > 0
                ? `Import the ${plural(good.length, 'good line')}`
                : `Import ${plural(good.length, 'subject')}`}
            </button>
          )}
          {badLines > 0 && (
            <p className="muted">
              Nothing is imported from this file unless you import its good lines; or correct the file and
              choose it again.
            </p>
          )}
        </div>
      )}
      {message && (
        <p
          role={message.problem ? 'alert' : 'status'}
          className={message.problem ? 'form-error' : 'muted'}
          data-testid="subjects-message"
        >
          {message.text}
        </p>
      )}
    </div>
  );
}
