import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { ReaderNumber } from '../../core/reading/model';
import { ReadingError } from '../../core/reading/errors';
import { buildReadBundle } from '../audit/readBundle';
import { useServices } from '../app/services';
import { describeError } from '../reading/useReadingSession';
import { loadTrialSubjectRows, type BicrReadState, type TrialSubjectRow } from './trialAdminQueries';

const STATE_WORDS: Record<BicrReadState['kind'], string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  complete: 'Signed',
};

/**
 * The trial's subjects for the administrator: dates, visits and the state of each BICR read, with
 * "Export read" per read for the sponsor (the file; the read's contents are not shown here).
 */
export function TrialSubjectsTable({ adminId }: { adminId: string }) {
  const { db, platform } = useServices();
  const rows = useLiveQuery(() => loadTrialSubjectRows(db, adminId), [db, adminId]);
  const [message, setMessage] = useState<{ text: string; problem: boolean } | null>(null);
  if (!rows) return null;
  if (rows.length === 0) return <p className="muted">No subjects yet: import the trial&apos;s CSV above.</p>;

  const exportRead = async (row: TrialSubjectRow, number: ReaderNumber, readId: string) => {
    setMessage(null);
    try {
      // The series' slice thickness from the DICOM index, as the reader's own export takes it, so both
      // files carry the same sizes and results.
      const series = new Map((await db.series.toArray()).map((s) => [s.seriesInstanceUid, s] as const));
      const bundle = await buildReadBundle(db, readId, {
        sliceThicknessMm: (uid) => series.get(uid)?.sliceThicknessMm ?? null,
      });
      const name = `${row.subject.label}-reader${number}-read.json`;
      const saved = await platform.saveFile(name, `${JSON.stringify(bundle, null, 2)}\n`, 'application/json');
      if (saved) setMessage({ text: `Exported ${name}.`, problem: false });
    } catch (error) {
      const text =
        error instanceof ReadingError ? `Cannot export yet: ${error.message}` : describeError(error);
      setMessage({ text, problem: true });
    }
  };

  const readCell = (row: TrialSubjectRow, number: ReaderNumber) => {
    const state = number === 1 ? row.reader1 : row.reader2;
    return (
      <td data-testid={`subject-reader${number}`}>
        <span>{STATE_WORDS[state.kind]}</span>
        {state.kind !== 'not-started' && (
          <button
            type="button"
            className="link"
            data-testid={`export-reader${number}`}
            onClick={() => void exportRead(row, number, state.readId)}
          >
            Export read
          </button>
        )}
      </td>
    );
  };

  return (
    <>
      <table className="accounts-table trial-subjects" data-testid="trial-subjects">
        <thead>
          <tr>
            <th>Subject ID</th>
            <th>Site</th>
            <th>Enrolment</th>
            <th>Treatment start</th>
            <th>Visits</th>
            <th>Reader 1</th>
            <th>Reader 2</th>
            <th>Read of record</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.subject.id} data-testid="trial-subject-row">
              <td>{row.subject.label}</td>
              <td>{row.subject.site ?? '—'}</td>
              <td>{row.subject.enrollmentDate ?? '—'}</td>
              <td>{row.subject.treatmentStartDate ?? '—'}</td>
              <td>{row.visits}</td>
              {readCell(row, 1)}
              {readCell(row, 2)}
              <td>{row.recordWords}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {message && (
        <p
          role={message.problem ? 'alert' : 'status'}
          className={message.problem ? 'form-error' : 'muted'}
          data-testid="export-message"
        >
          {message.text}
        </p>
      )}
    </>
  );
}
