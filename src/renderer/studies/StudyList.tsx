import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useServices } from '../app/services';
import { useViewStore } from '../store/viewStore';
import { formatDicomDate, formatPersonName, plural } from './format';
import { SeriesList } from './SeriesList';
import { filterStudies, sortStudies, studySortKeys, studySortLabels, type StudySortKey } from './studyOrder';
import './studyList.css';

const SORT_STORAGE_KEY = 'recist.studyList.sort';

/** The reader's sort survives switching to Reading and back, and a reload. */
function useStudySort(): [StudySortKey, (key: StudySortKey) => void] {
  const [sort, setSort] = useState<StudySortKey>(() => {
    const stored = localStorage.getItem(SORT_STORAGE_KEY);
    return studySortKeys.find((k) => k === stored) ?? 'name';
  });
  return [
    sort,
    (key) => {
      localStorage.setItem(SORT_STORAGE_KEY, key);
      setSort(key);
    },
  ];
}

/** Every indexed study, searchable and sorted as the reader chooses; the selected one lists its series. */
export function StudyList() {
  const { db } = useServices();
  const studies = useLiveQuery(() => db.studies.toArray(), [db]);
  const selected = useViewStore((s) => s.selectedStudyUid);
  const selectStudy = useViewStore((s) => s.selectStudy);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useStudySort();

  if (!studies) return null;
  if (studies.length === 0) {
    return (
      <p className="empty-hint" data-testid="study-list-empty">
        No studies yet. Open a folder of DICOM files, or drop files or folders anywhere on this window.
      </p>
    );
  }
  const shown = sortStudies(filterStudies(studies, query), sort);
  return (
    <>
      <div className="study-list-tools">
        <input
          type="search"
          data-testid="study-search"
          aria-label="Search studies"
          placeholder="Search name, ID, description, date"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <label className="study-sort">
          Sort
          <select
            data-testid="study-sort"
            value={sort}
            onChange={(e) => setSort(e.target.value as StudySortKey)}
          >
            {studySortKeys.map((key) => (
              <option key={key} value={key}>
                {studySortLabels[key]}
              </option>
            ))}
          </select>
        </label>
        <span className="study-list-count muted" data-testid="study-list-count">
          {shown.length === studies.length
            ? `${studies.length} ${studies.length === 1 ? 'study' : 'studies'}`
            : `${shown.length} of ${studies.length} studies`}
        </span>
      </div>
      {shown.length === 0 ? (
        <p className="empty-hint" data-testid="study-search-empty">
          No study matches “{query.trim()}”.{' '}
          <button type="button" className="link" onClick={() => setQuery('')}>
            Clear the search
          </button>
        </p>
      ) : (
        <ul className="study-list" data-testid="study-list">
          {shown.map((study) => (
            <li
              key={study.studyInstanceUid}
              className={study.studyInstanceUid === selected ? 'selected' : undefined}
            >
              <button
                type="button"
                className="study-row"
                data-testid="study-row"
                onClick={() =>
                  selectStudy(study.studyInstanceUid === selected ? null : study.studyInstanceUid)
                }
              >
                <span className="study-patient">
                  <span data-testid="study-patient-name">
                    {formatPersonName(study.patientName) || '(no name)'}
                  </span>{' '}
                  <span className="muted">{study.patientId}</span>
                </span>
                <span className="study-meta">
                  <span data-testid="study-date">{formatDicomDate(study.studyDate)}</span>
                  <span data-testid="study-modalities">{study.modalities.join('/')}</span>
                  <span data-testid="study-series-count">
                    {study.seriesCount} series · {plural(study.instanceCount, 'image')}
                  </span>
                </span>
                <span className="study-description">{study.studyDescription || '(no description)'}</span>
              </button>
              {study.studyInstanceUid === selected && <SeriesList studyUid={study.studyInstanceUid} />}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
