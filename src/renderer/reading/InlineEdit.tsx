import { useState } from 'react';

/** A value shown as text that turns into an input on click; Enter or blur saves, Esc cancels. */
export function InlineEdit({
  label,
  value,
  onSave,
  testId,
}: {
  label: string;
  value: string;
  onSave: (value: string) => Promise<unknown>;
  testId?: string;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  if (draft === null) {
    return (
      <button
        type="button"
        className="inline-edit"
        title={`Edit ${label.toLowerCase()}`}
        data-testid={testId}
        onClick={() => setDraft(value)}
      >
        {value}
      </button>
    );
  }
  const save = () => {
    const next = draft.trim();
    setDraft(null);
    if (next !== '' && next !== value) void onSave(next);
  };
  return (
    <input
      className="inline-edit-input"
      aria-label={label}
      data-testid={testId ? `${testId}-input` : undefined}
      value={draft}
      autoFocus
      onChange={(e) => setDraft(e.target.value)}
      onBlur={save}
      onKeyDown={(e) => {
        if (e.key === 'Enter') save();
        if (e.key === 'Escape') setDraft(null);
      }}
    />
  );
}
