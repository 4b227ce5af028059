import { useState } from 'react';
import { useImportStore } from '../store/importStore';

/** Progress with counts and Cancel while importing; then the report, rejected files with reasons. */
export function ImportStatus() {
  const { running, label, progress, lastReport, error, cancel, dismissReport } = useImportStore();
  const [showRejected, setShowRejected] = useState(true);

  if (running) {
    const total = progress?.total ?? null;
    const scanned = progress?.scanned ?? 0;
    return (
      <section className="import-status" data-testid="import-progress" aria-live="polite">
        <div className="import-status-title">Importing {label}</div>
        <progress max={total ?? undefined} value={total === null ? undefined : scanned} />
        <div className="import-counts">
          scanned <b data-testid="count-scanned">{scanned}</b>
          {total !== null && <> / {total}</>} · imported{' '}
          <b data-testid="count-imported">{progress?.imported ?? 0}</b> · rejected{' '}
          <b data-testid="count-rejected">{progress?.rejected ?? 0}</b>
        </div>
        <button type="button" onClick={cancel}>
          Cancel
        </button>
      </section>
    );
  }
  if (error) {
    return (
      <section className="import-status import-error" role="alert">
        <div>Import failed: {error}</div>
        <button type="button" onClick={dismissReport}>
          Dismiss
        </button>
      </section>
    );
  }
  if (!lastReport) return null;
  const { rejected } = lastReport;
  return (
    <section className="import-status" data-testid="import-report">
      <div className="import-status-title">
        {lastReport.cancelled ? 'Import cancelled' : 'Import finished'}: {lastReport.sourceLabel}
      </div>
      <div className="import-counts">
        scanned {lastReport.scanned} · imported <b data-testid="report-imported">{lastReport.imported}</b> ·
        already indexed {lastReport.duplicates} · rejected{' '}
        <b data-testid="report-rejected">{rejected.length}</b>
      </div>
      {rejected.length > 0 && (
        <>
          <button type="button" className="link" onClick={() => setShowRejected(!showRejected)}>
            {showRejected ? 'Hide' : 'Show'} rejected files
          </button>
          {showRejected && (
            <ul className="rejections" data-testid="rejections">
              {rejected.map((r) => (
                <li key={r.path}>
                  <span className="rejection-path">{r.path}</span>
                  <span className="rejection-reason">{r.reason}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <button type="button" onClick={dismissReport}>
        Dismiss
      </button>
    </section>
  );
}
