import { useEffect, useState } from 'react';
import type { AppInfo, PlatformBridge } from '../../platform/bridge';

export function App({ platform }: { platform: PlatformBridge }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    void platform.getAppInfo().then(setInfo);
  }, [platform]);
  return (
    <div className="app">
      <header className="app-header">
        <h1>RECIST Workstation</h1>
        {info && (
          <span className="app-version" data-testid="app-version">
            {info.version} · {info.host}
          </span>
        )}
      </header>
      <main className="app-main" />
    </div>
  );
}
