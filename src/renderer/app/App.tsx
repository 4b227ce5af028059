import { useEffect, useState } from 'react';
import type { AppInfo } from '../../platform/bridge';
import { AccountBadge } from '../auth/AccountBadge';
import { useAccountBlinding } from '../auth/blinding';
import { SessionLock } from '../auth/SessionLock';
import { AuditGuard } from '../audit/AuditGuard';
import { AuditTrailButton } from '../audit/AuditView';
import { ImportControls } from '../import/ImportControls';
import { ImportStatus } from '../import/ImportStatus';
import { ReadingMode } from '../reading/ReadingWorkspace';
import { useReadingStore } from '../store/readingStore';
import { StudyList } from '../studies/StudyList';
import { CollapsiblePanel } from './CollapsiblePanel';
import { DropZone } from './DropZone';
import { useServices } from './services';
import { ViewerArea } from './ViewerArea';

export function App() {
  const { platform } = useServices();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const storedMode = useReadingStore((s) => s.mode);
  const setMode = useReadingStore((s) => s.setMode);
  // A BICR reader or adjudicator reads blind: the study list, imports and the audit trail show patient
  // names, IDs and dates, so they are not offered, and the session opens in Reading.
  // While the account loads nothing is offered and the study list waits (reading blinds itself), but
  // the remembered mode is only changed once the role is known: a site radiologist's reload keeps it.
  const { blinded, known } = useAccountBlinding();
  const mode = blinded && known ? 'reading' : storedMode;
  useEffect(() => {
    if (known && blinded && storedMode !== 'reading') setMode('reading');
  }, [known, blinded, storedMode, setMode]);
  useEffect(() => {
    void platform.getAppInfo().then(setInfo);
  }, [platform]);
  return (
    <AuditGuard>
      <DropZone enabled={!blinded}>
        <div className="app">
          <header className="app-header">
            <h1>RECIST Workstation</h1>
            {info && (
              <span className="app-version" data-testid="app-version">
                {info.version} · {info.host}
              </span>
            )}
            <nav className="mode-tabs" aria-label="Mode">
              {!blinded && (
                <button
                  type="button"
                  aria-pressed={mode === 'studies'}
                  onClick={() => setMode('studies')}
                  data-testid="mode-studies"
                >
                  Studies
                </button>
              )}
              <button
                type="button"
                aria-pressed={mode === 'reading'}
                onClick={() => setMode('reading')}
                data-testid="mode-reading"
              >
                Reading
              </button>
            </nav>
            {!blinded && <AuditTrailButton />}
            <AccountBadge />
            {!blinded && <ImportControls />}
          </header>
          {mode === 'studies' && !known ? null : mode === 'studies' ? (
            <div className="app-body">
              <CollapsiblePanel
                side="left"
                name="study list"
                storageKey="recist.panel.studies"
                className="sidebar"
                toggleTestId="toggle-sidebar"
              >
                <ImportStatus />
                <StudyList />
              </CollapsiblePanel>
              <main className="app-main">
                <ViewerArea />
              </main>
            </div>
          ) : (
            <ReadingMode />
          )}
          <SessionLock />
        </div>
      </DropZone>
    </AuditGuard>
  );
}
