import { useRef, useState } from 'react';
import type { Subject } from '../../core/reading/model';
import { updateSubject } from '../db/readSubjects';
import type { SubjectDateKey } from './NewImagesQueries';
import { SubjectDateCorrectButton } from './SubjectDateCorrection';
import { useFieldMutate } from './useFieldMutate';
import './fieldMessages.css';

export type { SubjectDateKey };

// Typing a year digit by digit passes through 0002, 0020, 0200: such years are a date being typed, not
// one to save (and refuse) yet. Leaving the field saves whatever complete date it holds.
const FIRST_PLAUSIBLE_YEAR = '1900';

/**
 * One of the subject's dates. A date the rules refuse (death before enrolment...) or that is not a
 * complete date stays in the field with the reason beside it; nothing is stored until it is possible.
 * Keyed by the stored date where it is used, so undo or redo shows the stored date and drops a stale
 * refusal. Once a visit of a read of the subject is signed (`frozen`), the date is read-only: only an
 * administrator's signed correction changes it.
 */
export function SubjectDateField({
  subject,
  field,
  label,
  frozen = false,
}: {
  subject: Subject;
  field: SubjectDateKey;
  label: string;
  frozen?: boolean;
}) {
  if (frozen) return <FrozenSubjectDate subject={subject} field={field} label={label} />;
  return <EditableSubjectDate subject={subject} field={field} label={label} />;
}

function FrozenSubjectDate({
  subject,
  field,
  label,
}: {
  subject: Subject;
  field: SubjectDateKey;
  label: string;
}) {
  return (
    <div className="field field-inline subject-date-frozen">
      <label className="field field-inline">
        {label}
        <input
          type="date"
          readOnly
          data-testid={`subject-${field}`}
          value={subject[field] ?? ''}
          title="Frozen by a signature: a visit of a read of this subject is signed"
        />
      </label>
      <SubjectDateCorrectButton subject={subject} field={field} />
    </div>
  );
}

/** Said once under the frozen dates: why they cannot be edited. */
export function FrozenDatesNote() {
  return (
    <p className="frozen-note" data-testid="subject-dates-frozen">
      <LockIcon /> Frozen by a signature: a visit of this subject is signed
    </p>
  );
}

function LockIcon() {
  return (
    <svg className="lock-icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
      <rect x="3" y="7" width="10" height="8" rx="1.5" fill="currentColor" />
      <path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  );
}

function EditableSubjectDate({
  subject,
  field,
  label,
}: {
  subject: Subject;
  field: SubjectDateKey;
  label: string;
}) {
  const mutateField = useFieldMutate();
  const stored = subject[field] ?? '';
  const [draft, setDraft] = useState(stored);
  const [message, setMessage] = useState<string | null>(null);
  // The change event saves; leaving the field right after must not save (or refuse) the same value again.
  const attempted = useRef<string | null>(null);

  const save = async (value: string) => {
    if (value === stored) {
      setMessage(null);
      return;
    }
    if (value === attempted.current) return;
    attempted.current = value;
    const outcome = await mutateField((s) => updateSubject(s, subject.id, { [field]: value || null }));
    setMessage(outcome.ok ? null : `Not saved: ${outcome.message}`);
  };

  const errorId = `subject-${field}-error`;
  return (
    <div className="field-with-message">
      <label className="field field-inline">
        {label}
        <input
          type="date"
          data-testid={`subject-${field}`}
          value={draft}
          aria-invalid={message !== null}
          aria-describedby={message ? errorId : undefined}
          onChange={(e) => {
            const value = e.target.value;
            setDraft(value);
            // An emptied field while a date is half typed is not "no date": wait for the reader to leave it.
            if (e.target.validity.badInput) return;
            if (value === '' || value.slice(0, 4) >= FIRST_PLAUSIBLE_YEAR) void save(value);
          }}
          onBlur={(e) => {
            if (e.target.validity.badInput) {
              setMessage('Not saved: enter a complete date (day, month and year)');
              return;
            }
            void save(e.target.value);
          }}
        />
      </label>
      {message && (
        <p className="field-message" role="alert" id={errorId} data-testid={errorId}>
          {message}
        </p>
      )}
    </div>
  );
}
