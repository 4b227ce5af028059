/**
 * Dev-only test page for the viewer (served at /harness/viewer.html by `npm run web`; not part of the
 * Electron build). Pick a folder or files; they are grouped into series and shown in the Viewer.
 * `?perFile=1` makes every file its own series (the transfer-syntax test set shares series UIDs).
 * `window.__harness.openServed(instances)` opens instances indexed on the host instead, their bytes
 * over HTTP from the bridge's `/__recist/files/<path>` (as the app after "Import path..."; the bench
 * serves that route).
 */
import { StrictMode, useEffect, useRef, useState, type ChangeEvent } from 'react';
import { createRoot } from 'react-dom/client';
import { initCornerstone } from '../viewer/cornerstone';
import { SeriesThumbnail, thumbnailImageId } from '../viewer/SeriesThumbnail';
import type { ViewerLayout, ViewerSeries } from '../viewer/types';
import { Viewer, type ViewerHandle } from '../viewer/Viewer';
import type { IndexedInstance } from '../../core/dicom/model';
import { WEB_BRIDGE_PREFIX } from '../../platform/urls';
import { groupFiles, groupServed, type HarnessResult } from './harnessSeries';
import './harness.css';

/** performance.now() stamps: files chosen, series grouped, first image of viewport 0 drawn. */
interface HarnessTimings {
  chosenAt: number | null;
  groupedAt: number | null;
  firstImageAt: number | null;
  series: { uid: string; description: string; images: number }[];
  rejected: { path: string; reason: string }[];
  /** Opens host-indexed instances, their files served over HTTP (set once the page is mounted). */
  openServed?: (instances: IndexedInstance[]) => void;
}

declare global {
  interface Window {
    __harness?: HarnessTimings;
  }
}

const query = new URLSearchParams(window.location.search);
const perFile = query.get('perFile') === '1';
const rendering = query.get('rendering');
// Before the Viewer mounts: the first initCornerstone call sets the rendering path.
void initCornerstone({
  rendering: rendering === 'gpu' || rendering === 'cpu' ? rendering : 'auto',
  decodeWorkers: Number(query.get('workers')) || undefined,
});
window.__harness = { chosenAt: null, groupedAt: null, firstImageAt: null, series: [], rejected: [] };

function Harness() {
  const [result, setResult] = useState<HarnessResult | null>(null);
  const [shown, setShown] = useState<ViewerSeries[]>([]);
  const [layout, setLayout] = useState<ViewerLayout>('1x1');
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState(false);
  const viewer = useRef<ViewerHandle>(null);

  /** Stamps the series opened, then shows it; `chosenAt` was stamped when the files were chosen. */
  const open = (timings: HarnessTimings, grouped: HarnessResult) => {
    const first = viewer.current?.viewport(0);
    const unsubscribe = first?.subscribe((state) => {
      if (!state.rendered || state.sliceCount === 0) return;
      timings.firstImageAt = performance.now();
      unsubscribe?.();
    });
    Object.assign(timings, {
      groupedAt: performance.now(),
      series: grouped.series.map((s) => ({
        uid: s.seriesInstanceUid,
        description: s.description,
        images: s.imageIds.length,
      })),
      rejected: grouped.rejected,
    });
    setBusy(false);
    setResult(grouped);
    setShown(grouped.series.slice(0, 2));
    setActive(0);
  };

  const startTimings = (): HarnessTimings => {
    const timings: HarnessTimings = {
      chosenAt: performance.now(),
      groupedAt: null,
      firstImageAt: null,
      series: [],
      rejected: [],
      openServed: window.__harness?.openServed,
    };
    window.__harness = timings;
    return timings;
  };

  const onFiles = async (event: ChangeEvent<HTMLInputElement>) => {
    const timings = startTimings();
    const files = [...(event.currentTarget.files ?? [])];
    setBusy(true);
    open(timings, await groupFiles(files, perFile));
  };

  // Every render: the handler always calls this render's `open`.
  useEffect(() => {
    window.__harness!.openServed = (instances) => {
      const timings = startTimings();
      const fileUrl = (path: string) =>
        `${location.origin}${WEB_BRIDGE_PREFIX}/files/${encodeURIComponent(path)}`;
      open(timings, groupServed(instances, fileUrl));
    };
  });

  const show = (series: ViewerSeries) => {
    setShown((current) => {
      const next = [...current];
      next[active] = series;
      return next;
    });
  };

  return (
    <div className="harness">
      <header className="harness__bar">
        <strong>Viewer harness</strong>
        <label>
          Folder{' '}
          <input
            type="file"
            data-testid="harness-folder-input"
            {...{ webkitdirectory: '' }}
            multiple
            onChange={onFiles}
          />
        </label>
        <label>
          Files <input type="file" data-testid="harness-files-input" multiple onChange={onFiles} />
        </label>
        <span role="group" aria-label="Layout">
          {(['1x1', '1x2'] as const).map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={layout === option}
              data-testid={`layout-${option}`}
              onClick={() => setLayout(option)}
            >
              {option}
            </button>
          ))}
        </span>
        <span data-testid="harness-status">
          {busy
            ? 'Reading headers…'
            : result
              ? `${result.series.length} series, ${result.rejected.length} rejected`
              : 'No files'}
        </span>
      </header>
      <div className="harness__body">
        <ul className="harness__series" aria-label="Series">
          {result?.series.map((series, index) => {
            const thumb = thumbnailImageId(series);
            return (
              <li key={series.seriesInstanceUid}>
                <button type="button" data-testid={`series-${index}`} onClick={() => show(series)}>
                  {thumb && <SeriesThumbnail imageId={thumb} size={64} />}
                  <span>
                    {series.description || series.modality}
                    <br />
                    <small>
                      {series.modality} · {series.imageIds.length} images
                    </small>
                  </span>
                </button>
              </li>
            );
          })}
          {result?.rejected.map((rejection) => (
            <li key={rejection.path} className="harness__rejected">
              {rejection.path}: {rejection.reason}
            </li>
          ))}
        </ul>
        <div className="harness__viewer">
          <Viewer
            ref={viewer}
            series={shown}
            layout={layout}
            exposeDebugHandle
            onActiveViewportChange={setActive}
          />
        </div>
      </div>
    </div>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('viewer.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <Harness />
  </StrictMode>,
);
