import { useLiveQuery } from 'dexie-react-hooks';
import { orderTimepoints, timepointScanDate } from '../../core/reading/grouping';
import type { Subject, Timepoint } from '../../core/reading/model';
import { useServices } from '../app/services';
import { moveStudy, type StudyDestination } from '../db/readSubjects';
import { useMutate } from './useReadingSession';

/**
 * The studies of one visit, each movable to another visit (of this or another subject) or into a visit
 * of its own: automatic grouping by Patient ID and date is a proposal the reader can correct. The
 * repository refuses a move that would strand measurements or touch a signed visit, and says why.
 */
export function StudyMover({ timepoint }: { timepoint: Timepoint }) {
  const { db } = useServices();
  const mutate = useMutate();
  const records = useLiveQuery(
    () => db.studies.bulkGet(timepoint.studies.map((s) => s.studyInstanceUid)),
    [db, timepoint],
  );
  const destinations = useLiveQuery(async () => {
    const subjects = await db.table<Subject, string>('subjects').toArray();
    const timepoints = await db.table<Timepoint, string>('timepoints').toArray();
    return subjects
      .sort((a, b) => a.label.localeCompare(b.label))
      .map((subject) => ({
        subject,
        timepoints: orderTimepoints(timepoints.filter((t) => t.subjectId === subject.id)),
      }));
  }, [db]);

  const move = (studyInstanceUid: string, choice: string) => {
    const [kind, id] = choice.split(':') as ['timepoint' | 'subject', string];
    const destination: StudyDestination =
      kind === 'timepoint' ? { timepointId: id } : { newTimepointOfSubjectId: id };
    void mutate((s) => moveStudy(s, studyInstanceUid, destination));
  };

  return (
    <ul className="study-mover" data-testid="visit-studies">
      {timepoint.studies.map((study, i) => {
        const record = records?.[i];
        return (
          <li key={study.studyInstanceUid}>
            <span className="muted">
              {study.studyDate ?? 'no date'} · {record?.modalities.join('/') ?? '?'}{' '}
              {record?.studyDescription || '(no description)'}
            </span>
            <select
              aria-label={`Move study of ${study.studyDate ?? 'no date'}`}
              data-testid="move-study"
              value=""
              onChange={(e) => e.target.value && move(study.studyInstanceUid, e.target.value)}
            >
              <option value="">Move to…</option>
              {destinations?.map(({ subject, timepoints }) => (
                <optgroup key={subject.id} label={subject.label}>
                  {timepoints
                    .filter((t) => t.id !== timepoint.id)
                    .map((t) => (
                      <option key={t.id} value={`timepoint:${t.id}`}>
                        {t.visitName} ({timepointScanDate(t) ?? 'no date'})
                      </option>
                    ))}
                  {(timepoint.studies.length > 1 || subject.id !== timepoint.subjectId) && (
                    <option value={`subject:${subject.id}`}>a new visit of {subject.label}</option>
                  )}
                </optgroup>
              ))}
            </select>
          </li>
        );
      })}
    </ul>
  );
}
