import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Subject } from '../../core/reading/model';
import { useServices } from '../app/services';
import { listSubjects } from '../db/readSubjects';
import {
  assignUnmatchedStudy,
  listWaitingStudies,
  setAsideUnmatchedStudy,
  type WaitingStudy,
} from '../db/readTrialStudies';
import { useFieldMutate } from '../reading/useFieldMutate';
import { formatDicomDate, formatPersonName } from '../studies/format';
import './unmatchedStudies.css';

/**
 * The administrator's queue of imported studies that matched no trial subject (or no visit of its
 * schedule), each with why. The administrator is not blinded: real dates, Patient IDs and names show.
 * Assigning puts the study on a subject (its visit by the schedule) and routes its Patient ID there, so
 * the patient's later studies follow; setting aside keeps it out of every read, with a reason.
 */
export function UnmatchedStudiesPanel() {
  const { db } = useServices();
  const waiting = useLiveQuery(() => listWaitingStudies(db), [db]);
  const subjects = useLiveQuery(() => listSubjects(db), [db]);
  if (!waiting || !subjects) return null;
  return (
    <section className="unmatched-studies" data-testid="unmatched-studies" aria-labelledby="unmatched-title">
      <h3 id="unmatched-title">Studies waiting for a subject ({waiting.length})</h3>
      {waiting.length === 0 ? (
        <p className="muted" data-testid="unmatched-empty">
          No study is waiting: every imported study matched a subject and a visit.
        </p>
      ) : (
        <>
          <p className="muted unmatched-hint">
            These studies are in no read until you assign them to a subject or set them aside.
          </p>
          <table className="unmatched-table">
            <thead>
              <tr>
                <th scope="col">Study date</th>
                <th scope="col">Patient ID</th>
                <th scope="col">Patient name</th>
                <th scope="col">Clinical Trial Subject ID</th>
                <th scope="col">Study</th>
                <th scope="col">Why it waits</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              {waiting.map((study) => (
                <WaitingRow key={study.id} study={study} subjects={subjects} />
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

type Choice = 'assign' | 'set-aside' | null;

function WaitingRow({ study, subjects }: { study: WaitingStudy; subjects: readonly Subject[] }) {
  const mutateField = useFieldMutate();
  const [choice, setChoice] = useState<Choice>(null);
  const [subjectId, setSubjectId] = useState('');
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const decide = async (run: Parameters<typeof mutateField>[0]) => {
    setBusy(true);
    setRefusal(null);
    const outcome = await mutateField(run);
    setBusy(false);
    // On success the row leaves the queue (live query); only a refusal needs words here.
    if (!outcome.ok) setRefusal(`Not done: ${outcome.message}`);
  };
  const toggle = (next: Choice) => {
    setChoice(choice === next ? null : next);
    setRefusal(null);
  };
  const description = [study.modalities.join('/'), study.studyDescription].filter(Boolean).join(' ');
  return (
    <tr data-testid="unmatched-study" data-study-uid={study.study.studyInstanceUid}>
      <td>{formatDicomDate(study.study.studyDate)}</td>
      <td>{study.study.patientId || <span className="muted">(none)</span>}</td>
      <td>{formatPersonName(study.patientName) || <span className="muted">(no name)</span>}</td>
      <td>{study.clinicalTrialSubjectId || <span className="muted">(none)</span>}</td>
      <td>{description || <span className="muted">(no description)</span>}</td>
      <td className="unmatched-reason" data-testid="unmatched-reason">
        {study.reason}
      </td>
      <td className="unmatched-decision">
        <div className="unmatched-actions">
          <button
            type="button"
            data-testid="unmatched-assign"
            disabled={busy}
            aria-pressed={choice === 'assign'}
            onClick={() => toggle('assign')}
          >
            Assign to subject…
          </button>
          <button
            type="button"
            data-testid="unmatched-set-aside"
            disabled={busy}
            aria-pressed={choice === 'set-aside'}
            onClick={() => toggle('set-aside')}
          >
            Set aside…
          </button>
        </div>
        {choice === 'assign' &&
          (subjects.length === 0 ? (
            <p className="muted">The trial has no subjects yet: import its subject list first.</p>
          ) : (
            <form
              className="unmatched-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (subjectId) void decide((s) => assignUnmatchedStudy(s, study.id, subjectId));
              }}
            >
              <select
                aria-label="Subject"
                data-testid="unmatched-subject"
                value={subjectId}
                onChange={(e) => setSubjectId(e.target.value)}
              >
                <option value="">Choose a subject…</option>
                {subjects.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.label}
                    {s.site ? ` (${s.site})` : ''}
                  </option>
                ))}
              </select>
              <button
                type="submit"
                className="primary"
                disabled={busy || !subjectId}
                data-testid="unmatched-assign-confirm"
              >
                Assign
              </button>
            </form>
          ))}
        {choice === 'set-aside' && (
          <form
            className="unmatched-form"
            onSubmit={(e) => {
              e.preventDefault();
              void decide((s) => setAsideUnmatchedStudy(s, study.id, reason));
            }}
          >
            <input
              aria-label="Why it is set aside"
              placeholder="Why (e.g. screening failure, not a trial scan)"
              data-testid="unmatched-reason-input"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <button
              type="submit"
              className="primary"
              disabled={busy}
              data-testid="unmatched-set-aside-confirm"
            >
              Set aside
            </button>
          </form>
        )}
        {refusal && (
          <p className="field-message" role="alert" data-testid="unmatched-error">
            {refusal}
          </p>
        )}
      </td>
    </tr>
  );
}
