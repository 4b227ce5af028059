import { useRef, useState } from 'react';
import type { Subject } from '../../core/reading/model';
import { updateSubject } from '../db/readSubjects';
import { useFieldMutate } from './useFieldMutate';
import './fieldMessages.css';

export type SubjectDateKey = 'enrollmentDate' | 'deathDate' | 'newAnticancerTherapyDate';

// Typing a year digit by digit passes through 0002, 0020, 0200: such years are a date being typed, not
// one to save (and refuse) yet. Leaving the field saves whatever complete date it holds.
const FIRST_PLAUSIBLE_YEAR = '1900';

/**
 * One of the subject's dates. A date the rules refuse (death before enrolment...) or that is not a
 * complete date stays in the field with the reason beside it; nothing is stored until it is possible.
 * Keyed by the stored date where it is used, so undo or redo shows the stored date and drops a stale
 * refusal.
 */
export function SubjectDateField({
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
