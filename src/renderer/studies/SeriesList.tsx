import { useLiveQuery } from 'dexie-react-hooks';
import { useSyncExternalStore } from 'react';
import { useServices } from '../app/services';
import type { SeriesRecord } from '../db/database';
import { useViewStore } from '../store/viewStore';
import { SeriesThumbnail } from '../viewer/SeriesThumbnail';
import { plural } from './format';
import { imageIdOf } from './viewerSeries';

function formatMm(value: number | null): string {
  return value === null ? '?' : `${Number(value.toFixed(2))} mm`;
}

/** The series of one study, in series-number order, each openable in the active viewport. */
export function SeriesList({ studyUid }: { studyUid: string }) {
  const { db } = useServices();
  const series = useLiveQuery(
    () => db.series.where('studyInstanceUid').equals(studyUid).toArray(),
    [db, studyUid],
  );
  const openSeries = useViewStore((s) => s.openSeries);
  const shown = useViewStore((s) => s.viewportSeries);
  if (!series) return null;
  const sorted = [...series].sort(
    (a, b) =>
      (a.seriesNumber ?? Infinity) - (b.seriesNumber ?? Infinity) ||
      a.seriesDescription.localeCompare(b.seriesDescription),
  );
  return (
    <ul className="series-list" data-testid="series-list">
      {sorted.map((s) => (
        <li key={s.seriesInstanceUid}>
          <button
            type="button"
            className={`series-row${shown.includes(s.seriesInstanceUid) ? ' shown' : ''}`}
            data-testid="series-row"
            onClick={() => openSeries(s.seriesInstanceUid)}
            title="Open in the active viewport"
          >
            <Thumbnail series={s} />
            <span className="series-info">
              <span className="series-title">
                <span className="series-modality">{s.modality}</span>{' '}
                {s.seriesNumber !== null && <span className="muted">#{s.seriesNumber} </span>}
                {s.seriesDescription || '(no description)'}
              </span>
              <span className="series-meta">
                <span data-testid="series-image-count">{plural(s.frameCount, 'image')}</span>
                <span>
                  {s.rows}×{s.columns}
                </span>
              </span>
              <span className="series-meta">
                <span>thickness {formatMm(s.sliceThicknessMm)}</span>
                <span>spacing {formatMm(s.sliceSpacingMm)}</span>
              </span>
              <SeriesWarnings series={s} />
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The middle slice, when this session can read it; a plain tile otherwise. */
function Thumbnail({ series }: { series: SeriesRecord }) {
  const { db, sessionFiles, platform } = useServices();
  const sessionVersion = useSyncExternalStore(sessionFiles.subscribe, sessionFiles.getVersion);
  const middle = series.frames[Math.floor(series.frames.length / 2)];
  const instance = useLiveQuery(
    () => (middle ? db.instances.get(middle.sopInstanceUid) : undefined),
    [db, middle?.sopInstanceUid],
  );
  const imageId = instance && middle ? imageIdOf(instance, middle.frameIndex, sessionFiles, platform) : null;
  if (!imageId) {
    return (
      <span className="thumbnail-placeholder" data-session={sessionVersion}>
        {series.modality}
      </span>
    );
  }
  return <SeriesThumbnail imageId={imageId} size={64} />;
}

function SeriesWarnings({ series }: { series: SeriesRecord }) {
  if (series.warnings.length === 0) return null;
  return (
    <ul className="series-warnings" data-testid="series-warnings">
      {series.warnings.map((w, i) => (
        <li key={i} title={w.code}>
          ⚠ {w.message}
        </li>
      ))}
    </ul>
  );
}
