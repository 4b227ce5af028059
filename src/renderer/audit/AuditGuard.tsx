import { useEffect, useState, type ReactNode } from 'react';
import { useServices } from '../app/services';
import { exportWholeTrail } from './trailExport';
import { checkTrail, trailHeadline, type TrailCheck } from './trailCheck';
import './auditGuard.css';

/**
 * Verifies the audit trail once when the app opens. If it does not verify, the app stays visible but
 * inert under a banner naming the first bad event: a read must not be edited or signed on top of a
 * trail that can no longer prove what happened (21 CFR Part 11). Only exporting the trail stays open.
 */
export function AuditGuard({ children }: { children: ReactNode }) {
  const { db, platform } = useServices();
  const [check, setCheck] = useState<TrailCheck>({ state: 'checking' });
  useEffect(() => {
    let live = true;
    void checkTrail(db, platform.auditKey).then((result) => {
      if (live) setCheck(result);
    });
    return () => {
      live = false;
    };
  }, [db, platform]);
  const headline = trailHeadline(check);
  useSwallowedWindowInput(headline !== null);
  return (
    <>
      <div className="audit-guarded" inert={headline !== null} data-trail-check={check.state}>
        {children}
      </div>
      {headline !== null && <TrailBanner headline={headline} />}
    </>
  );
}

function TrailBanner({ headline }: { headline: string }) {
  const { db, platform } = useServices();
  const [exported, setExported] = useState<string | null>(null);
  const exportTrail = async () => {
    try {
      const saved = await exportWholeTrail(db, platform);
      if (saved) setExported(`Saved as ${saved}.`);
    } catch (error) {
      setExported(`The export failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return (
    <div className="audit-block" role="alertdialog" aria-modal="true" aria-labelledby="audit-block-title">
      <div className="audit-block-box" data-testid="audit-banner">
        <h2 id="audit-block-title">Reading is blocked</h2>
        <p className="audit-block-what" data-testid="audit-banner-problem">
          {headline}
        </p>
        <p>
          Nothing can be measured, edited or signed on this workstation until the trail is restored. Export
          the trail as it is now and send it to your administrator, who can compare it with a previous export
          or a backup.
        </p>
        <div className="audit-block-actions">
          <button
            type="button"
            className="primary"
            onClick={() => void exportTrail()}
            data-testid="audit-banner-export"
          >
            Export the audit trail…
          </button>
        </div>
        {exported && (
          <p className="muted" role="status">
            {exported}
          </p>
        )}
      </div>
    </div>
  );
}

/**
 * Shortcuts (undo, sign) and file drops are window listeners, which `inert` does not reach: while the
 * app is blocked, they are stopped in the capture phase, before any of the app's listeners.
 */
function useSwallowedWindowInput(blocked: boolean) {
  useEffect(() => {
    if (!blocked) return;
    const types = ['keydown', 'keyup', 'dragenter', 'dragover', 'drop', 'paste'] as const;
    // Stopping propagation leaves default actions alone, so the banner's button still works by keyboard.
    const swallow = (event: Event) => {
      event.stopImmediatePropagation();
      if (event.type === 'drop' || event.type === 'dragover') event.preventDefault();
    };
    for (const type of types) window.addEventListener(type, swallow, true);
    return () => {
      for (const type of types) window.removeEventListener(type, swallow, true);
    };
  }, [blocked]);
}
