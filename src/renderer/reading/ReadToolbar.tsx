import { useEffect, useRef, useState } from 'react';
import { ReadingError } from '../../core/reading/errors';
import { exportSubjectRead } from '../../core/reading/subjectRead';
import { useServices } from '../app/services';
import type { ReadView } from '../db/readQueries';
import { signTimepoint, unlockTimepoint } from '../db/readSignoff';
import { useReadingStore } from '../store/readingStore';
import { ReasonDialog } from './LocationDialog';
import { onSignRequest } from './signRequests';
import { describeError, recordWrite, useMutate, useReadingSession, useUndoRedo } from './useReadingSession';

type Dialog = { kind: 'override'; violations: string[] } | { kind: 'unlock' } | null;

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
  const { platform } = useServices();
  const mutate = useMutate();
  const session = useReadingSession();
  const { undo, redo, undoLabel, redoLabel } = useUndoRedo();
  const [dialog, setDialog] = useState<Dialog>(null);
  const signoff = view.signoffs.find((s) => s.timepointId === timepointId);
  const visit = view.timepoints.find((t) => t.id === timepointId)?.visitName ?? '';
  useUndoKeys(undo, redo);

  const sign = async (overrideReason: string | null) => {
    const signed = await mutate((s) =>
      signTimepoint(s, { readId: view.read.id, timepointId, overrideReason }, { sliceThicknessMm }),
    );
    if (signed) setDialog(null);
  };

  /** The repository decides whether an override is needed; its refusal says which findings are open. */
  const startSign = async () => {
    if (!session) return;
    try {
      const result = await signTimepoint(
        session,
        { readId: view.read.id, timepointId },
        { sliceThicknessMm },
      );
      recordWrite(session, result.command);
    } catch (error) {
      if (error instanceof ReadingError && error.code === 'REASON_REQUIRED')
        setDialog({ kind: 'override', violations: [error.message] });
      else useReadingStore.getState().report(describeError(error));
    }
  };

  // Ctrl+Enter signs through this very button's path (checks, override dialog, messages).
  const signFromKeyboard = useRef<() => void>(() => {});
  useEffect(() => {
    signFromKeyboard.current = () => {
      if (!signoff && !dialog) void startSign();
    };
  });
  useEffect(() => onSignRequest(() => signFromKeyboard.current()), []);

  const exportRead = async () => {
    try {
      const json = exportSubjectRead(view, { sliceThicknessMm });
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
        title={undoLabel ? `Undo ${undoLabel} (Ctrl+Z)` : 'Nothing to undo'}
      >
        Undo
      </button>
      <button
        type="button"
        data-testid="redo"
        onClick={() => void redo()}
        disabled={!redoLabel}
        title={redoLabel ? `Redo ${redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'}
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
      <button type="button" onClick={() => void exportRead()} data-testid="export-read">
        Export read
      </button>
      {dialog?.kind === 'override' && (
        <ReasonDialog
          title={`Sign ${visit} with unresolved findings?`}
          detail={
            <ul className="dialog-violations">
              {dialog.violations.map((m) => (
                <li key={m}>⚠ {m}</li>
              ))}
            </ul>
          }
          confirmLabel="Sign with override"
          onCancel={() => setDialog(null)}
          onConfirm={(reason) => void sign(reason)}
        />
      )}
      {dialog?.kind === 'unlock' && (
        <ReasonDialog
          title={`Unlock ${visit}?`}
          detail={<p>Changing a signed timepoint is recorded with your reason.</p>}
          confirmLabel="Unlock"
          onCancel={() => setDialog(null)}
          onConfirm={(reason) => {
            setDialog(null);
            void mutate((s) => unlockTimepoint(s, { readId: view.read.id, timepointId, reason }));
          }}
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
