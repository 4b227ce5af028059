import { useLiveQuery } from 'dexie-react-hooks';
import { useServices } from '../app/services';
import type { StudyRecord } from '../db/database';
import { useViewStore } from '../store/viewStore';
import { formatDicomDate, formatPersonName, plural } from './format';
import { SeriesList } from './SeriesList';

/** Every indexed study, by patient then date; the selected one lists its series. */
export function StudyList() {
  const { db } = useServices();
  const studies = useLiveQuery(() => db.studies.toArray(), [db]);
  const selected = useViewStore((s) => s.selectedStudyUid);
  const selectStudy = useViewStore((s) => s.selectStudy);

  if (!studies) return null;
  if (studies.length === 0) {
    return (
      <p className="empty-hint" data-testid="study-list-empty">
        No studies yet. Open a folder of DICOM files, or drop files or folders anywhere on this window.
      </p>
    );
  }
  const sorted = [...studies].sort(compareStudies);
  return (
    <ul className="study-list" data-testid="study-list">
      {sorted.map((study) => (
        <li
          key={study.studyInstanceUid}
          className={study.studyInstanceUid === selected ? 'selected' : undefined}
        >
          <button
            type="button"
            className="study-row"
            data-testid="study-row"
            onClick={() => selectStudy(study.studyInstanceUid === selected ? null : study.studyInstanceUid)}
          >
            <span className="study-patient">
              {formatPersonName(study.patientName) || '(no name)'}{' '}
              <span className="muted">{study.patientId}</span>
            </span>
            <span className="study-meta">
              <span>{formatDicomDate(study.studyDate)}</span>
              <span>{study.modalities.join('/')}</span>
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
  );
}

function compareStudies(a: StudyRecord, b: StudyRecord): number {
  return (
    a.patientName.localeCompare(b.patientName) ||
    a.patientId.localeCompare(b.patientId) ||
    (a.studyDate ?? '').localeCompare(b.studyDate ?? '')
  );
}
