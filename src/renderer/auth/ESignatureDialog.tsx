import { useState, type ReactNode } from 'react';
import { ReadingError } from '../../core/reading/errors';
import { signatureMeaning, type SignatureMeaning } from '../../core/policy/signatures';
import { describeError } from '../reading/useReadingSession';
import './auth.css';
import { PassphraseField } from './PassphraseField';

/**
 * An e-signature: the signer reads the very sentence that will be stored with it, types their
 * passphrase again (and a reason when one is needed), and only then signs. A refusal is said here and
 * nothing is signed.
 */
export function ESignatureDialog({
  title,
  signerName,
  meaning,
  detail,
  reasonLabel = null,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  title: string;
  signerName: string;
  meaning: SignatureMeaning;
  detail?: ReactNode;
  /** Asked for (and required) when set: the reason is kept with the signature. */
  reasonLabel?: string | null;
  confirmLabel: string;
  /** Signs; throws the write path's refusal (a wrong passphrase included). */
  onConfirm: (passphrase: string, reason: string | null) => Promise<void>;
  onCancel: () => void;
}) {
  const [passphrase, setPassphrase] = useState('');
  const [reason, setReason] = useState('');
  const [passphraseProblem, setPassphraseProblem] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const needsReason = reasonLabel !== null;
  const ready = passphrase !== '' && (!needsReason || reason.trim() !== '') && !busy;
  return (
    <div
      className="dialog-backdrop auth-backdrop"
      role="presentation"
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <form
        className="dialog esign-dialog"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid="esign-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (!ready) return;
          setBusy(true);
          setProblem(null);
          setPassphraseProblem(null);
          onConfirm(passphrase, needsReason ? reason.trim() : null)
            .catch((error: unknown) => {
              if (error instanceof ReadingError && error.code === 'SIGNATURE') {
                setPassphraseProblem(error.message);
                setPassphrase('');
              } else setProblem(describeError(error));
            })
            .finally(() => setBusy(false));
        }}
      >
        <h2>{title}</h2>
        {detail}
        <blockquote className="esign-meaning" data-testid="esign-meaning">
          {signatureMeaning(signerName, meaning)}
        </blockquote>
        <p className="muted esign-signer">
          Signing as <strong data-testid="esign-signer">{signerName}</strong>
        </p>
        {needsReason && (
          <div className="auth-field">
            <label htmlFor="esign-reason">{reasonLabel}</label>
            <textarea
              id="esign-reason"
              data-testid="reason-input"
              placeholder="Kept with the signature in the audit trail"
              value={reason}
              autoFocus
              rows={3}
              maxLength={2000}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
        )}
        <PassphraseField
          label="Your passphrase"
          testId="esign-passphrase"
          value={passphrase}
          onChange={(value) => {
            setPassphrase(value);
            setPassphraseProblem(null);
          }}
          problem={passphraseProblem}
          autoFocus={!needsReason}
        />
        {problem && (
          <p role="alert" className="form-error" data-testid="esign-problem">
            {problem}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" data-testid="esign-ok" disabled={!ready}>
            {busy ? 'Signing…' : confirmLabel}
          </button>
        </div>
      </form>
    </div>
  );
}
