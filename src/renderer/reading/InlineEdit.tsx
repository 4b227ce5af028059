import { useRef, useState } from 'react';
import './fieldMessages.css';

/**
 * A value shown as text that turns into an input on click; Enter or blur saves, Esc cancels.
 * `onSave` resolves to the reason the value was refused (null when saved): the input stays open with
 * the reason beside it, so the reader can correct what they typed.
 */
export function InlineEdit({
  label,
  value,
  onSave,
  testId,
}: {
  label: string;
  value: string;
  onSave: (value: string) => Promise<string | null>;
  testId?: string;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // Enter saves, and the input's removal afterwards blurs it: that blur must not save a second time.
  const saving = useRef(false);
  const messageId = testId ? `${testId}-error` : undefined;
  if (draft === null) {
    return (
      <button
        type="button"
        className="inline-edit"
        title={`Edit ${label.toLowerCase()}`}
        data-testid={testId}
        onClick={() => {
          saving.current = false;
          setDraft(value);
        }}
      >
        {value}
      </button>
    );
  }
  const cancel = () => {
    setDraft(null);
    setMessage(null);
  };
  const save = async () => {
    if (saving.current) return;
    const next = draft.trim();
    if (next === value) return cancel();
    saving.current = true;
    const refusal = await onSave(next);
    if (refusal === null) return cancel();
    saving.current = false;
    setMessage(refusal);
  };
  return (
    <span className="field-with-message inline-edit-field">
      <input
        className="inline-edit-input"
        aria-label={label}
        aria-invalid={message !== null}
        aria-describedby={message ? messageId : undefined}
        data-testid={testId ? `${testId}-input` : undefined}
        value={draft}
        autoFocus
        onChange={(e) => {
          setDraft(e.target.value);
          setMessage(null);
        }}
        onBlur={() => {
          // Leaving a refused value keeps it and its reason in view; Esc gives up the edit.
          if (message === null) void save();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void save();
          if (e.key === 'Escape') cancel();
        }}
      />
      {message && (
        <span className="field-message" role="alert" id={messageId} data-testid={messageId}>
          {message}
        </span>
      )}
    </span>
  );
}
