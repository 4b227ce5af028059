import { useEffect, useState } from 'react';
import type { AppInfo } from '../../platform/bridge';
import { ImportControls } from '../import/ImportControls';
import { ImportStatus } from '../import/ImportStatus';
import { StudyList } from '../studies/StudyList';
import { DropZone } from './DropZone';
import { useServices } from './services';
import { ViewerArea } from './ViewerArea';

export function App() {
  const { platform } = useServices();
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    void platform.getAppInfo().then(setInfo);
  }, [platform]);
  return (
    <DropZone>
      <div className="app">
        <header className="app-header">
          <h1>RECIST Workstation</h1>
          {info && (
            <span className="app-version" data-testid="app-version">
              {info.version} · {info.host}
            </span>
          )}
          <ImportControls />
        </header>
        <div className="app-body">
          <aside className="sidebar">
            <ImportStatus />
            <StudyList />
          </aside>
          <main className="app-main">
            <ViewerArea />
          </main>
        </div>
      </div>
    </DropZone>
  );
}
