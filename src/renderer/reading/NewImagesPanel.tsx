import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { timepointScanDate } from '../../core/reading/grouping';
import type { Timepoint } from '../../core/reading/model';
import type { DateFormatter } from '../../core/trial/blindedText';
import { useServices } from '../app/services';
import { useBlinding } from '../auth/blinding';
import { resolveNewImage, type NewImageResolution } from '../db/readSubjects';
import { newImageRows, readerNames, type NewImageRow } from './NewImagesQueries';
import { useFieldMutate } from './useFieldMutate';
import './newImages.css';

/**
 * Studies that arrived after a read of the subject started. They change nothing (not the baseline, not
 * a signed visit) until a reader decides: add to a visit not signed, make a new visit, or set aside.
 */
export function NewImagesPanel({
  subjectId,
  timepoints,
  signedVisitIds,
}: {
  subjectId: string;
  timepoints: readonly Timepoint[];
  signedVisitIds: ReadonlySet<string>;
}) {
  const { db } = useServices();
  const rows = useLiveQuery(() => newImageRows(db, subjectId), [db, subjectId]);
  const names = useLiveQuery(() => readerNames(db), [db]);
  const dates = useBlinding(subjectId);
  if (!rows || rows.length === 0) return null;
  const waiting = rows.filter((r) => r.state === 'waiting');
  const resolved = rows.filter((r) => r.state !== 'waiting');
  const open = timepoints.filter((t) => !signedVisitIds.has(t.id));
  const visitName = (id: string | null) =>
    dates.redact(timepoints.find((t) => t.id === id)?.visitName ?? 'a visit');
  return (
    <section className="new-images" data-testid="new-images" aria-label="New images">
      <h3>New images ({waiting.length})</h3>
      {waiting.length === 0 ? (
        <p className="muted">Nothing waits for a decision.</p>
      ) : (
        <>
          <p className="muted new-images-hint">
            These studies arrived after the read started. They change nothing until you decide.
          </p>
          <ul className="new-image-list">
            {waiting.map((row) => (
              <WaitingImage key={row.id} row={row} visits={open} dates={dates} />
            ))}
          </ul>
        </>
      )}
      {resolved.length > 0 && (
        <details className="new-images-resolved" data-testid="new-images-resolved">
          <summary>Resolved ({resolved.length})</summary>
          <ul className="new-image-list">
            {resolved.map((row) => (
              <li key={row.id} className="new-image" data-testid="new-image-resolved">
                <StudyFacts row={row} dates={dates} />
                <p className="new-image-decision">
                  {row.state === 'set-aside'
                    ? `Set aside: ${dates.redact(row.reason ?? '')}`
                    : row.state === 'assigned'
                      ? `Added to ${visitName(row.timepointId)}`
                      : `Made a new visit: ${visitName(row.timepointId)}`}
                  <span className="muted">
                    {' '}
                    · by {names?.get(row.resolvedBy ?? '') ?? 'unknown'},{' '}
                    {row.resolvedAt?.slice(0, 16).replace('T', ' ')}
                  </span>
                </p>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function StudyFacts({ row, dates }: { row: NewImageRow; dates: DateFormatter }) {
  return (
    <p className="new-image-facts">
      <strong>{dates.formatVisitDate(row.study.studyDate)}</strong>{' '}
      {dates.redact(row.description) || <span className="muted">(no description)</span>}
      {/* The study is this subject's; its Patient ID is the site's, not for a blinded reader. */}
      {!dates.blinded && <span className="muted"> · Patient ID {row.study.patientId || '(none)'}</span>}
    </p>
  );
}

type Choice = 'assign' | 'set-aside' | null;

function WaitingImage({
  row,
  visits,
  dates,
}: {
  row: NewImageRow;
  visits: readonly Timepoint[];
  dates: DateFormatter;
}) {
  const mutateField = useFieldMutate();
  const [choice, setChoice] = useState<Choice>(null);
  const [visitId, setVisitId] = useState('');
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const resolve = async (resolution: NewImageResolution) => {
    setBusy(true);
    const outcome = await mutateField((s) => resolveNewImage(s, row.id, resolution));
    setBusy(false);
    if (!outcome.ok) setRefusal(`Not done: ${outcome.message}`);
  };
  return (
    <li className="new-image" data-testid="new-image">
      <StudyFacts row={row} dates={dates} />
      <div className="new-image-actions">
        <button
          type="button"
          data-testid="new-image-assign"
          disabled={busy}
          aria-pressed={choice === 'assign'}
          onClick={() => setChoice(choice === 'assign' ? null : 'assign')}
        >
          Add to visit…
        </button>
        <button
          type="button"
          data-testid="new-image-new-visit"
          disabled={busy}
          onClick={() => void resolve({ newVisit: true })}
        >
          New visit
        </button>
        <button
          type="button"
          data-testid="new-image-set-aside"
          disabled={busy}
          aria-pressed={choice === 'set-aside'}
          onClick={() => setChoice(choice === 'set-aside' ? null : 'set-aside')}
        >
          Set aside…
        </button>
      </div>
      {choice === 'assign' &&
        (visits.length === 0 ? (
          <p className="muted">Every visit is signed: make it a new visit or set it aside.</p>
        ) : (
          <form
            className="new-image-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (visitId) void resolve({ assignTo: visitId });
            }}
          >
            <select
              aria-label="Visit"
              data-testid="new-image-visit"
              value={visitId}
              onChange={(e) => setVisitId(e.target.value)}
            >
              <option value="">Choose a visit not signed…</option>
              {visits.map((t) => (
                <option key={t.id} value={t.id}>
                  {dates.redact(t.visitName)} ({dates.formatVisitDate(timepointScanDate(t))})
                </option>
              ))}
            </select>
            <button
              type="submit"
              className="primary"
              disabled={busy || !visitId}
              data-testid="new-image-assign-confirm"
            >
              Add
            </button>
          </form>
        ))}
      {choice === 'set-aside' && (
        <form
          className="new-image-form"
          onSubmit={(e) => {
            e.preventDefault();
            void resolve({ setAside: true, reason });
          }}
        >
          <input
            aria-label="Why it is set aside"
            placeholder="Why (e.g. not part of the trial schedule)"
            data-testid="new-image-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <button type="submit" className="primary" disabled={busy} data-testid="new-image-set-aside-confirm">
            Set aside
          </button>
        </form>
      )}
      {refusal && (
        <p className="field-message" role="alert" data-testid="new-image-error">
          {refusal}
        </p>
      )}
    </li>
  );
}
