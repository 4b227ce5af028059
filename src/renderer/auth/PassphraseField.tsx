import '../reading/fieldMessages.css';
import { useId } from 'react';

/** A labelled passphrase input with its problem said beside it. */
export function PassphraseField({
  label,
  testId,
  value,
  onChange,
  problem,
  autoFocus = false,
  autoComplete = 'current-password',
}: {
  label: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  problem?: string | null;
  autoFocus?: boolean;
  autoComplete?: 'current-password' | 'new-password';
}) {
  const id = useId();
  return (
    <div className="auth-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        data-testid={testId}
        value={value}
        autoFocus={autoFocus}
        autoComplete={autoComplete}
        aria-invalid={!!problem}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {problem && (
        <p className="field-message" role="alert" id={`${id}-problem`} data-testid={`${testId}-error`}>
          {problem}
        </p>
      )}
    </div>
  );
}

/** A new passphrase and its repetition: the problem with them, or null when they can be used. */
export function newPassphraseProblem(
  passphrase: string,
  repeat: string,
  problem: string | null,
): string | null {
  if (problem) return problem;
  if (passphrase !== repeat) return 'The two passphrases are not the same';
  return null;
}
