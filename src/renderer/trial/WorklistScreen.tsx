import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { worklist, worklistSorts, worklistStatuses, type WorklistSort } from '../../core/trial/worklist';
import { useServices } from '../app/services';
import { loadWorklist } from '../db/readWorklist';
import { describeError } from '../reading/useReadingSession';
import { useReadingStore } from '../store/readingStore';
import { statusWords } from './worklistLabels';
import './worklist.css';

const sortWords: Readonly<Record<WorklistSort, string>> = {
  subject: 'Subject',
  status: 'Status',
  'next-visit': 'Next visit',
};

/**
 * A trial reader's list of the subjects they are assigned: the next visit to read and where each read
 * stands. Opening a row opens the subject in the reading workspace.
 */
export function WorklistScreen({ readerId }: { readerId: string }) {
  const { db } = useServices();
  const selectSubject = useReadingStore((s) => s.selectSubject);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<WorklistSort>('subject');
  const [descending, setDescending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const data = useLiveQuery(
    () =>
      loadWorklist(db, readerId).catch((error: unknown) => {
        setProblem(describeError(error));
        return null;
      }),
    [db, readerId],
  );
  if (data === undefined) return null;
  if (data === null)
    return (
      <p className="empty-hint" role="alert">
        {problem ?? 'There is no trial on this workstation.'}
      </p>
    );
  const list = worklist({ id: readerId }, data.rows, { search, sort, descending });
  return (
    <section className="worklist" data-testid="worklist" aria-label="Your worklist">
      <header className="worklist-head">
        <h2>Your worklist</h2>
        <ul className="worklist-counts" aria-label="Subjects per status">
          {worklistStatuses.map((status) => (
            <li key={status} className={`worklist-status-${status}`}>
              {statusWords[status]} <b data-testid={`worklist-count-${status}`}>{list.counts[status]}</b>
            </li>
          ))}
          <li className="muted">of {list.total} subjects</li>
        </ul>
      </header>
      <div className="worklist-tools">
        <label className="field field-inline">
          Search
          <input
            type="search"
            data-testid="worklist-search"
            placeholder="Subject ID"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </label>
        <label className="field field-inline">
          Sort by
          <select
            data-testid="worklist-sort"
            value={sort}
            onChange={(e) => setSort(e.target.value as WorklistSort)}
          >
            {worklistSorts.map((s) => (
              <option key={s} value={s}>
                {sortWords[s]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          data-testid="worklist-descending"
          aria-pressed={descending}
          onClick={() => setDescending(!descending)}
        >
          {descending ? 'Descending' : 'Ascending'}
        </button>
      </div>
      {list.total === 0 ? (
        <p className="empty-hint">No subjects are assigned to you yet: the administrator assigns them.</p>
      ) : list.rows.length === 0 ? (
        <p className="empty-hint">No subject ID contains “{search.trim()}”.</p>
      ) : (
        <table className="worklist-table">
          <thead>
            <tr>
              <th scope="col">Subject</th>
              <th scope="col">Next visit</th>
              <th scope="col">Visits signed</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((row) => (
              <tr
                key={row.subjectId}
                data-testid={`worklist-row-${row.subjectLabel}`}
                className="worklist-row"
                onClick={() => selectSubject(row.subjectId)}
              >
                <td>
                  {/* The row opens with the keyboard too: the label is a button, its click the row's. */}
                  <button type="button" className="link">
                    {row.subjectLabel}
                  </button>
                </td>
                <td data-testid="worklist-next-visit">
                  {row.nextVisit?.visitName ?? (row.totalVisits === 0 ? 'no visits yet' : 'all signed')}
                </td>
                <td className="worklist-number">
                  {row.signedVisits} of {row.totalVisits}
                </td>
                <td>
                  <span
                    className={`badge worklist-badge worklist-status-${row.status}`}
                    data-testid="worklist-status"
                  >
                    {statusWords[row.status]}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
