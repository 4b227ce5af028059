import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { checkAvailability, describeAvailability, type Availability } from '../studies/availability';
import { toViewerSeries } from '../studies/viewerSeries';
import { useViewStore, type Layout } from '../store/viewStore';
import { Viewer } from '../viewer/Viewer';
import type { ViewerSeries } from '../viewer/types';
import { useServices } from './services';

/** The viewports: what the study list opened, once its files are known to be readable. */
export function ViewerArea() {
  const layout = useViewStore((s) => s.layout);
  const setLayout = useViewStore((s) => s.setLayout);
  const viewportSeries = useViewStore((s) => s.viewportSeries);
  const shownUids = viewportSeries.slice(0, layout === '1x1' ? 1 : 2);
  const loaded = useLoadedSeries(shownUids);

  return (
    <div className="viewer-area">
      <div className="layout-switch">
        {(['1x1', '1x2'] as Layout[]).map((l) => (
          <button key={l} type="button" aria-pressed={layout === l} onClick={() => setLayout(l)}>
            {l}
          </button>
        ))}
      </div>
      {loaded.problems.length > 0 && (
        <div className="viewer-problems" role="alert" data-testid="viewer-problems">
          {loaded.problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      )}
      {loaded.series.length > 0 ? (
        <Viewer series={loaded.series} layout={layout} />
      ) : (
        loaded.problems.length === 0 && (
          <p className="viewer-message">Choose a study on the left, then a series to open it here.</p>
        )
      )}
    </div>
  );
}

function useLoadedSeries(seriesUids: readonly (string | null)[]) {
  const { db, sessionFiles, platform } = useServices();
  const sessionVersion = useSyncExternalStore(sessionFiles.subscribe, sessionFiles.getVersion);
  const key = seriesUids.join('|');
  const records = useLiveQuery(
    async () =>
      Promise.all(
        seriesUids.map(async (uid) => {
          if (!uid) return null;
          const series = await db.series.get(uid);
          if (!series) return null;
          const instances = await db.instances.where('seriesInstanceUid').equals(uid).toArray();
          return { series, instances };
        }),
      ),
    [db, key],
  );
  const [state, setState] = useState<{ series: ViewerSeries[]; problems: string[] }>({
    series: [],
    problems: [],
  });

  useEffect(() => {
    if (!records) return;
    let cancelled = false;
    void (async () => {
      const series: ViewerSeries[] = [];
      const problems: string[] = [];
      for (const record of records) {
        if (!record) continue;
        const availability: Availability = await checkAvailability(record.instances, sessionFiles, platform);
        const problem = describeAvailability(availability);
        if (problem)
          problems.push(`${record.series.seriesDescription || record.series.modality}: ${problem}`);
        const viewerSeries = toViewerSeries(record.series, record.instances, sessionFiles, platform);
        if (viewerSeries.imageIds.length > 0) series.push(viewerSeries);
      }
      if (!cancelled) setState({ series, problems });
    })();
    return () => {
      cancelled = true;
    };
  }, [records, sessionFiles, platform, sessionVersion]);
  return state;
}
