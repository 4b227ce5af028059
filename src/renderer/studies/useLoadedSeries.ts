import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useServices } from '../app/services';
import type { ViewerSeries } from '../viewer/types';
import { checkAvailability, describeAvailability } from './availability';
import { toViewerSeries } from './viewerSeries';

export interface LoadedSeries {
  /** One entry per requested series, in order; null where nothing can be shown. */
  readonly slots: readonly (ViewerSeries | null)[];
  /** What keeps a series from showing in full, in words for the reader. */
  readonly problems: readonly string[];
}

/** Turns indexed series into viewer series, once their files are known to be readable. */
export function useLoadedSeries(seriesUids: readonly (string | null)[]): LoadedSeries {
  const { db, sessionFiles, platform } = useServices();
  const sessionVersion = useSyncExternalStore(sessionFiles.subscribe, sessionFiles.getVersion);
  const key = seriesUids.join('|');
  // In a transaction of its own: Dexie's live-query cache would otherwise deep-clone every instance
  // record (a few hundred header objects per series) on every run.
  const records = useLiveQuery(
    async () =>
      db.transaction('r', [db.series, db.instances], () =>
        Promise.all(
          key.split('|').map(async (uid) => {
            if (!uid) return null;
            const [series, instances] = await Promise.all([
              db.series.get(uid),
              db.instances.where('seriesInstanceUid').equals(uid).toArray(),
            ]);
            return series ? { series, instances } : null;
          }),
        ),
      ),
    [db, key],
  );
  const [state, setState] = useState<LoadedSeries>({ slots: [], problems: [] });
  // The viewer reloads a viewport whenever it is handed a new series object: hand it the same object
  // while the series' images are the same (a re-query, another viewport changing, a layout change).
  const previous = useRef(new Map<string, ViewerSeries>());

  useEffect(() => {
    if (!records) return;
    let cancelled = false;
    void (async () => {
      // The series are checked together: one after the other, the second viewport would wait for the
      // first one's round trip to the file host.
      const checked = await Promise.all(
        records.map(async (record) =>
          record
            ? {
                record,
                problem: describeAvailability(
                  await checkAvailability(record.instances, sessionFiles, platform),
                ),
              }
            : null,
        ),
      );
      const slots: (ViewerSeries | null)[] = [];
      const problems: string[] = [];
      for (const entry of checked) {
        if (!entry) {
          slots.push(null);
          continue;
        }
        const { record, problem } = entry;
        if (problem)
          problems.push(`${record.series.seriesDescription || record.series.modality}: ${problem}`);
        const built = toViewerSeries(record.series, record.instances, sessionFiles, platform);
        const viewerSeries = sameImages(previous.current.get(built.seriesInstanceUid), built) ?? built;
        previous.current.set(built.seriesInstanceUid, viewerSeries);
        slots.push(viewerSeries.imageIds.length > 0 ? viewerSeries : null);
      }
      if (!cancelled) setState({ slots, problems });
    })();
    return () => {
      cancelled = true;
    };
  }, [records, sessionFiles, platform, sessionVersion]);
  return state;
}

function sameImages(old: ViewerSeries | undefined, next: ViewerSeries): ViewerSeries | null {
  if (!old || old.imageIds.length !== next.imageIds.length) return null;
  if (old.warnings.length !== next.warnings.length) return null;
  return old.imageIds.every((id, i) => id === next.imageIds[i]) ? old : null;
}
