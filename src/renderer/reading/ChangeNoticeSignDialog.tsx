import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState, type ReactNode } from 'react';
import type { Reader } from '../../core/reading/model';
import { useServices } from '../app/services';
import { readTables } from '../db/readSchema';
import { useReadingStore } from '../store/readingStore';
import './changeNotice.css';

/**
 * An e-signature: the meaning is the exact sentence stored with the signature, shown before the person
 * signs; the passphrase is asked again every time. `onSign` returns a refusal to show in the dialog (a
 * wrong passphrase signs nothing), or null once signed.
 */
export function SignatureDialog({
  title,
  meaning,
  signerName,
  confirmLabel,
  testId,
  canSign = true,
  onSign,
  onClose,
  children,
}: {
  title: string;
  meaning: string;
  signerName: string;
  confirmLabel: string;
  testId: string;
  /** False while the other fields are not complete (the dialog says what is missing beside them). */
  canSign?: boolean;
  onSign: (passphrase: string) => Promise<string | null>;
  onClose: () => void;
  children?: ReactNode;
}) {
  const id = useId();
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div
      className="dialog-backdrop"
      role="presentation"
      onKeyDown={(e) => e.key === 'Escape' && !busy && onClose()}
    >
      <form
        className="dialog signature-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        data-testid={testId}
        onSubmit={(e) => {
          e.preventDefault();
          if (busy || !canSign) return;
          if (passphrase === '') return setProblem('Enter your passphrase to sign');
          setBusy(true);
          setProblem(null);
          onSign(passphrase)
            .then((refusal) => {
              if (refusal === null) return onClose();
              setProblem(refusal);
              setPassphrase('');
            })
            .finally(() => setBusy(false));
        }}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        {children}
        <p className="signature-meaning" data-testid={`${testId}-meaning`}>
          {meaning}
        </p>
        <label className="field" htmlFor={`${id}-passphrase`}>
          Passphrase of {signerName}
        </label>
        <input
          id={`${id}-passphrase`}
          type="password"
          autoComplete="current-password"
          data-testid={`${testId}-passphrase`}
          value={passphrase}
          aria-invalid={problem !== null}
          onChange={(e) => setPassphrase(e.target.value)}
        />
        {problem && (
          <p className="field-message" role="alert" data-testid={`${testId}-error`}>
            {problem}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button
            type="submit"
            className="primary"
            data-testid={`${testId}-confirm`}
            disabled={busy || !canSign}
          >
            {busy ? 'Signing…' : confirmLabel}
          </button>
        </div>
      </form>
    </div>
  );
}

/** The signed-in account (name and role), or null while signed out or loading. */
export function useSignedInAccount(): Reader | null {
  const { db } = useServices();
  const readerId = useReadingStore((s) => s.readerId);
  return (
    useLiveQuery(
      async () => (readerId ? ((await readTables(db).readers.get(readerId)) ?? null) : null),
      [db, readerId],
    ) ?? null
  );
}
