import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { ReadingError } from '../../core/reading/errors';
import { buildReadBundle } from '../audit/readBundle';
import { useServices } from '../app/services';
import { ESignatureDialog } from '../auth/ESignatureDialog';
import { useBlinding } from '../auth/blinding';
import { probeSign } from '../auth/signProbe';
import type { ReadView } from '../db/readQueries';
import { readTables } from '../db/readSchema';
import { signTimepoint, unlockTimepoint } from '../db/readSignoff';
import { useReadingStore } from '../store/readingStore';
import { onSignRequest } from './signRequests';
import { describeError, recordWrite, useReadingSession, useUndoRedo } from './useReadingSession';

type Dialog =
  | { kind: 'sign'; override: { codes: readonly string[]; message: string } | null }
  | { kind: 'unlock' }
  | null;

/** Sign / unlock the current timepoint, undo / redo, export the read as the engine's JSON. */
export function ReadToolbar({
  view,
  timepointId,
  sliceThicknessMm,
}: {
  view: ReadView;
  timepointId: string;
  sliceThicknessMm: (seriesUid: string) => number | null;
}) {
  const { db, platform } = useServices();
  const session = useReadingSession();
  const { undo, redo, undoLabel, redoLabel } = useUndoRedo();
  const [dialog, setDialog] = useState<Dialog>(null);
  const signoff = view.signoffs.find((s) => s.timepointId === timepointId);
  const dates = useBlinding(view.subject.id);
  // A visit name can hold a date ("Visit 2000-02-26"): blinded, it is shown with the study day instead.
  const visit = dates.redact(view.timepoints.find((t) => t.id === timepointId)?.visitName ?? '');
  const signerId = session?.readerId ?? null;
  const signer = useLiveQuery(
    async () => (signerId ? readTables(db).readers.get(signerId) : undefined),
    [db, signerId],
  );
  useUndoKeys(undo, redo);

  /**
   * The policy is asked first (nothing is written) whether this visit can be signed and whether it needs
   * an override, so a refusal (another reader's read, a visit left incomplete...) is said at once and
   * the dialog shows exactly what will be signed.
   */
  const startSign = async () => {
    if (!session) return;
    try {
      const probe = await probeSign(session, { readId: view.read.id, timepointId }, sliceThicknessMm);
      setDialog({ kind: 'sign', override: probe.kind === 'override' ? probe : null });
    } catch (error) {
      useReadingStore.getState().report(describeError(error));
    }
  };

  const sign = async (passphrase: string, overrideReason: string | null) => {
    if (!session) return;
    try {
      const result = await signTimepoint(
        session,
        { readId: view.read.id, timepointId, overrideReason, passphrase },
        { sliceThicknessMm },
      );
      recordWrite(session, result.command);
      setDialog(null);
    } catch (error) {
      // The read changed since the dialog opened: it now needs an override, which the dialog asks for.
      if (error instanceof ReadingError && error.code === 'REASON_REQUIRED' && overrideReason === null) {
        const again = await probeSign(session, { readId: view.read.id, timepointId }, sliceThicknessMm);
        if (again.kind === 'override') return setDialog({ kind: 'sign', override: again });
      }
      throw error;
    }
  };

  const unlock = async (passphrase: string, reason: string | null) => {
    if (!session) return;
    const result = await unlockTimepoint(session, {
      readId: view.read.id,
      timepointId,
      reason: reason ?? '',
      passphrase,
    });
    recordWrite(session, result.command);
    setDialog(null);
  };

  // Ctrl+Enter signs through this very button's path (checks, override, dialog, messages).
  const signFromKeyboard = useRef<() => void>(() => {});
  useEffect(() => {
    signFromKeyboard.current = () => {
      if (!signoff && !dialog) void startSign();
    };
  });
  useEffect(() => onSignRequest(() => signFromKeyboard.current()), []);

  const exportRead = async () => {
    try {
      // The read with its results, signatures and audit events: a sponsor verifies it with the CLI.
      const json = await buildReadBundle(db, view.read.id, { sliceThicknessMm });
      const saved = await platform.saveFile(
        `${view.subject.label}-${view.read.criteria}-read.json`,
        `${JSON.stringify(json, null, 2)}\n`,
        'application/json',
      );
      if (saved) useReadingStore.getState().report(null);
    } catch (error) {
      useReadingStore
        .getState()
        .report(error instanceof ReadingError ? `Cannot export yet: ${error.message}` : describeError(error));
    }
  };

  return (
    <div className="read-toolbar">
      <button
        type="button"
        data-testid="undo"
        onClick={() => void undo()}
        disabled={!undoLabel}
        title={undoLabel ? `Undo ${dates.redact(undoLabel)} (Ctrl+Z)` : 'Nothing to undo'}
      >
        Undo
      </button>
      <button
        type="button"
        data-testid="redo"
        onClick={() => void redo()}
        disabled={!redoLabel}
        title={redoLabel ? `Redo ${dates.redact(redoLabel)} (Ctrl+Shift+Z)` : 'Nothing to redo'}
      >
        Redo
      </button>
      {signoff ? (
        <>
          <span className="badge badge-signed" data-testid="signed-badge">
            Signed {signoff.signedAt.slice(0, 16).replace('T', ' ')}
          </span>
          <button type="button" onClick={() => setDialog({ kind: 'unlock' })} data-testid="unlock">
            Unlock…
          </button>
        </>
      ) : (
        <button
          type="button"
          className="primary"
          onClick={() => void startSign()}
          data-testid="sign"
          title={`Sign ${visit}: locks it (Ctrl+Enter)`}
        >
          Sign {visit}
        </button>
      )}
      {/* The read bundle holds the subject's real dates and the audit events' values: a blinded reader
          gets it once the export itself is blinded. */}
      {!dates.blinded && (
        <button type="button" onClick={() => void exportRead()} data-testid="export-read">
          Export read
        </button>
      )}
      {dialog?.kind === 'sign' && signer && (
        <ESignatureDialog
          title={dialog.override ? `Sign ${visit} with unresolved findings?` : `Sign ${visit}`}
          signerName={signer.name}
          meaning={
            dialog.override
              ? { kind: 'override', visit, codes: dialog.override.codes }
              : { kind: 'sign-visit', visit }
          }
          detail={
            dialog.override ? (
              <ul className="dialog-violations">
                <li>⚠ {dates.redact(dialog.override.message)}</li>
              </ul>
            ) : (
              <p className="muted">Signing locks {visit}: changing it later needs an unlock with a reason.</p>
            )
          }
          reasonLabel={dialog.override ? 'Reason for signing despite these findings' : null}
          confirmLabel={dialog.override ? 'Sign with override' : 'Sign'}
          onCancel={() => setDialog(null)}
          onConfirm={sign}
        />
      )}
      {dialog?.kind === 'unlock' && signer && (
        <ESignatureDialog
          title={`Unlock ${visit}?`}
          signerName={signer.name}
          meaning={{ kind: 'unlock-visit', visit }}
          detail={<p className="muted">Changing a signed visit is recorded with your reason.</p>}
          reasonLabel="Reason for unlocking"
          confirmLabel="Unlock"
          onCancel={() => setDialog(null)}
          onConfirm={unlock}
        />
      )}
    </div>
  );
}

function useUndoKeys(undo: () => Promise<void>, redo: () => Promise<void>) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable))
        return;
      if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'z') return;
      e.preventDefault();
      void (e.shiftKey ? redo() : undo());
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);
}
