import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { timepointScanDate } from '../../core/reading/grouping';
import type { Subject, Timepoint } from '../../core/reading/model';
import { subjectOptionText, type SubjectStudyFacts } from '../../core/reading/subjectNames';
import type { DateFormatter } from '../../core/trial/blindedText';
import { useBlinding } from '../auth/blinding';
import type { RecistDatabase } from '../db/database';
import { useServices } from '../app/services';
import { listSubjects, listTimepoints, renameTimepoint, updateSubject } from '../db/readSubjects';
import type { ReadView } from '../db/readQueries';
import { useReadingStore } from '../store/readingStore';
import { closedVisits } from '../trial/worklistLabels';
import '../trial/worklist.css';
import { InlineEdit } from './InlineEdit';
import { NewImagesPanel } from './NewImagesPanel';
import { signedVisitIds } from './NewImagesQueries';
import { StudyMover } from './StudyMover';
import { FrozenDatesNote, SubjectDateField } from './SubjectDateField';
import { refusalOf, useFieldMutate } from './useFieldMutate';

/**
 * Subjects, then the selected subject's dates and visits in date order (the first is the baseline). In a
 * trial the worklist chooses the subject (`onBackToWorklist` returns to it) instead of the picker.
 */
export function SubjectPanel({
  view,
  onBackToWorklist,
}: {
  view: ReadView | null;
  onBackToWorklist?: (() => void) | undefined;
}) {
  const { db } = useServices();
  const subjects = useLiveQuery(() => listSubjects(db), [db]);
  const facts = useLiveQuery(() => subjectStudyFacts(db), [db]);
  const subjectId = useReadingStore((s) => s.subjectId);
  const selectSubject = useReadingStore((s) => s.selectSubject);
  const { blinded } = useBlinding();
  // A remembered subject that is gone (another profile, a cleared database) is forgotten.
  const known = !subjects || !subjectId || subjects.some((s) => s.id === subjectId);
  useEffect(() => {
    if (!known) selectSubject(null);
  }, [known, selectSubject]);
  if (!subjects) return null;
  if (onBackToWorklist)
    return (
      <div className="subject-panel">
        <button
          type="button"
          className="worklist-back"
          data-testid="worklist-back"
          onClick={onBackToWorklist}
        >
          ← Back to worklist
        </button>
        {subjectId && <SubjectDetails subjectId={subjectId} view={view} />}
      </div>
    );
  if (subjects.length === 0)
    return <p className="empty-hint">No subjects yet: import the studies of a subject first.</p>;
  return (
    <div className="subject-panel">
      <label className="field">
        Subject
        <select
          data-testid="subject-select"
          value={subjectId ?? ''}
          onChange={(e) => selectSubject(e.target.value || null)}
        >
          <option value="">Choose a subject…</option>
          {subjects.map((s) => (
            <option key={s.id} value={s.id}>
              {/* The picker's details are the patient's name and a study date: a blinded reader has the
                  trial's subject label only. */}
              {blinded
                ? s.label
                : subjectOptionText(
                    s.label,
                    facts?.get(s.id) ?? [],
                    subjects.some((other) => other.id !== s.id && other.label === s.label),
                  )}
            </option>
          ))}
        </select>
      </label>
      {subjectId && <SubjectDetails subjectId={subjectId} view={view} />}
    </div>
  );
}

function SubjectDetails({ subjectId, view }: { subjectId: string; view: ReadView | null }) {
  const { db } = useServices();
  const mutateField = useFieldMutate();
  const subject = useLiveQuery(() => db.table<Subject, string>('subjects').get(subjectId), [db, subjectId]);
  const timepoints = useLiveQuery(() => listTimepoints(db, subjectId), [db, subjectId]);
  // Signed in any read of the subject (not only this reader's): those visits take no study, and the
  // subject's dates freeze.
  const signed = useLiveQuery(() => signedVisitIds(db, subjectId), [db, subjectId]);
  const dates = useBlinding(subjectId);
  if (!subject || !timepoints || !signed) return null;
  const frozen = signed.size > 0;
  return (
    <>
      <div className="field field-inline">
        Subject ID
        <InlineEdit
          label="Subject ID"
          value={subject.label}
          testId="subject-label"
          onSave={(label) => refusalOf(mutateField((s) => updateSubject(s, subjectId, { label })))}
        />
      </div>
      {dates.blinded ? (
        <BlindedSubjectDates subject={subject} dates={dates} />
      ) : (
        <SubjectDates subject={subject} frozen={frozen} />
      )}
      <NewImagesPanel subjectId={subjectId} timepoints={timepoints} signedVisitIds={signed} />
      <TimepointList timepoints={timepoints} view={view} dates={dates} />
    </>
  );
}

function SubjectDates({ subject, frozen }: { subject: Subject; frozen: boolean }) {
  return (
    <>
      <div className="subject-dates">
        <SubjectDateField
          key={`enrollmentDate:${subject.enrollmentDate ?? ''}`}
          subject={subject}
          field="enrollmentDate"
          frozen={frozen}
          label="Enrolment"
        />
        <SubjectDateField
          key={`deathDate:${subject.deathDate ?? ''}`}
          subject={subject}
          field="deathDate"
          frozen={frozen}
          label="Death"
        />
        <SubjectDateField
          key={`newAnticancerTherapyDate:${subject.newAnticancerTherapyDate ?? ''}`}
          subject={subject}
          field="newAnticancerTherapyDate"
          frozen={frozen}
          label="New therapy"
        />
      </div>
      {frozen && <FrozenDatesNote />}
    </>
  );
}

/**
 * A blinded reader never sees the subject's real dates, nor edits them: the site or an administrator
 * enters them. What the read needs of them is where they fall in the study's days.
 */
function BlindedSubjectDates({ subject, dates }: { subject: Subject; dates: DateFormatter }) {
  const later = [
    ['Death', subject.deathDate],
    ['New therapy', subject.newAnticancerTherapyDate],
  ] as const;
  return (
    <p className="subject-dates subject-dates-blinded muted" data-testid="subject-dates-blinded">
      {subject.enrollmentDate ? 'Enrolment: day 1' : 'Enrolment date not entered yet: study days unknown'}
      {later.map(([label, date]) =>
        date ? <span key={label}>{` · ${label}: ${dates.formatDate(date)}`}</span> : null,
      )}
    </p>
  );
}

function TimepointList({
  timepoints,
  view,
  dates,
}: {
  timepoints: readonly Timepoint[];
  view: ReadView | null;
  dates: DateFormatter;
}) {
  const mutateField = useFieldMutate();
  const timepointId = useReadingStore((s) => s.timepointId);
  const selectTimepoint = useReadingStore((s) => s.selectTimepoint);
  const signed = new Set(view?.signoffs.map((s) => s.timepointId) ?? []);
  // A trial's BICR read takes its visits in order: a later visit stays closed until the one before is signed.
  const closed = view ? closedVisits(view.read, view.timepoints, signed, dates) : new Map<string, string>();
  return (
    <ol className="timepoint-list" data-testid="timepoint-list">
      {timepoints.map((tp, index) => (
        <li key={tp.id} className={tp.id === timepointId ? 'selected' : undefined}>
          <button
            type="button"
            className="timepoint-row"
            data-testid="timepoint-row"
            disabled={closed.has(tp.id)}
            title={closed.get(tp.id)}
            onClick={() => selectTimepoint(tp.id)}
          >
            <span className="timepoint-date">{dates.formatVisitDate(timepointScanDate(tp))}</span>
            <span className="timepoint-kind muted">{index === 0 ? 'baseline' : `follow-up ${index}`}</span>
            {signed.has(tp.id) && (
              <span className="badge badge-signed" title="Signed: locked for this read">
                signed
              </span>
            )}
            {closed.has(tp.id) && <span className="badge badge-closed">closed</span>}
          </button>
          {closed.has(tp.id) && (
            <p className="timepoint-closed muted" data-testid="visit-closed-reason">
              {closed.get(tp.id)}
            </p>
          )}
          <InlineEdit
            label="Visit name"
            value={dates.redact(tp.visitName)}
            testId="visit-name"
            onSave={(visitName) => refusalOf(mutateField((s) => renameTimepoint(s, tp.id, visitName)))}
          />
          {tp.id === timepointId && <StudyMover timepoint={tp} />}
        </li>
      ))}
    </ol>
  );
}

/** Per subject, its studies' patient names (from the DICOM index) and dates: the picker's details. */
async function subjectStudyFacts(db: RecistDatabase): Promise<Map<string, SubjectStudyFacts[]>> {
  const timepoints = await db.table<Timepoint, string>('timepoints').toArray();
  const uids = timepoints.flatMap((t) => t.studies.map((s) => s.studyInstanceUid));
  const indexed = await db.studies.bulkGet(uids);
  const nameOf = new Map(indexed.flatMap((s) => (s ? [[s.studyInstanceUid, s.patientName] as const] : [])));
  const bySubject = new Map<string, SubjectStudyFacts[]>();
  for (const timepoint of timepoints) {
    const list = bySubject.get(timepoint.subjectId) ?? [];
    for (const study of timepoint.studies)
      list.push({ patientName: nameOf.get(study.studyInstanceUid) ?? '', studyDate: study.studyDate });
    bySubject.set(timepoint.subjectId, list);
  }
  return bySubject;
}
