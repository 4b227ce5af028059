import { useContext, useState } from 'react';
import { formatLength } from './scaleBar';
import { SeriesCaptionContext } from './seriesCaption';
import type { SliceSyncController } from './sliceSyncController';
import type { ViewerSeries, ViewportState } from './types';
import { SyncIndicator } from './ViewportIndicators';
import { formatWindowLevel } from './voi';

/** Text and markers drawn over the image. Fixed slots, so nothing moves while scrolling. */
export function ViewportOverlays({
  series,
  state,
  sync,
}: {
  series: ViewerSeries;
  state: ViewportState;
  /** The two viewports' link state, shown on this one. */
  sync?: SliceSyncController | null;
}) {
  const { windowLevel, orientation, scaleBar } = state;
  const thickness = state.sliceThicknessMm ?? series.sliceThicknessMm;
  const caption = useContext(SeriesCaptionContext)(series.seriesInstanceUid);
  const description = series.description || '(no description)';
  return (
    <div className="viewer-overlay" aria-hidden={false}>
      <div className="viewer-overlay__corner viewer-overlay__corner--tl">
        <div
          className="viewer-overlay__title"
          data-testid="series-description"
          title={caption?.detail ?? description}
        >
          {description}
        </div>
        {caption && (
          <div className="viewer-overlay__caption" data-testid="visit-caption" title={caption.detail}>
            {caption.line}
          </div>
        )}
        <div>{series.modality}</div>
        <SeriesWarnings series={series} />
      </div>
      <div className="viewer-overlay__corner viewer-overlay__corner--tr">
        <div
          data-testid="slice-index"
          data-slice-index={state.sliceIndex}
          data-slice-count={state.sliceCount}
        >
          Slice {state.sliceCount > 0 ? state.sliceIndex + 1 : 0} / {state.sliceCount}
        </div>
        <div data-testid="slice-location">
          {state.sliceLocationMm !== null ? `Loc ${state.sliceLocationMm.toFixed(1)} mm` : 'Loc –'}
        </div>
        <div data-testid="slice-thickness">
          {thickness !== null ? `Thk ${formatMm(thickness)} mm` : 'Thk –'}
        </div>
      </div>
      <div className="viewer-overlay__corner viewer-overlay__corner--bl">
        {sync && <SyncIndicator sync={sync} />}
        <div
          data-testid="window-level"
          data-window-width={windowLevel ? Math.round(windowLevel.width) : ''}
          data-window-center={windowLevel ? Math.round(windowLevel.center) : ''}
        >
          {windowLevel ? formatWindowLevel(windowLevel) : 'W – L –'}
          {state.invert ? ' (inverted)' : ''}
        </div>
        <div data-testid="zoom">Zoom {state.zoom.toFixed(2)}×</div>
      </div>
      <div className="viewer-overlay__corner viewer-overlay__corner--br">
        {scaleBar && (
          <div className="viewer-scale" data-testid="scale-bar" data-mm={scaleBar.mm}>
            <div className="viewer-scale__bar" style={{ width: `${scaleBar.px}px` }} />
            <div>{formatLength(scaleBar.mm)}</div>
          </div>
        )}
      </div>
      {orientation && (
        <div data-testid="orientation-markers">
          <span className="viewer-orient viewer-orient--left" data-testid="orientation-left">
            {orientation.left}
          </span>
          <span className="viewer-orient viewer-orient--right" data-testid="orientation-right">
            {orientation.right}
          </span>
          <span className="viewer-orient viewer-orient--top" data-testid="orientation-top">
            {orientation.top}
          </span>
          <span className="viewer-orient viewer-orient--bottom" data-testid="orientation-bottom">
            {orientation.bottom}
          </span>
        </div>
      )}
      {!state.rendered && !state.error && <div className="viewer-overlay__loading">Loading…</div>}
    </div>
  );
}

function formatMm(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(Number(value.toFixed(2)));
}

/** A badge a reader cannot miss; the list opens on click (RECIST measurability depends on it). */
function SeriesWarnings({ series }: { series: ViewerSeries }) {
  const [open, setOpen] = useState(false);
  if (series.warnings.length === 0) return null;
  return (
    <div className="viewer-warnings">
      <button
        type="button"
        className="viewer-warnings__badge"
        data-testid="series-warnings"
        aria-expanded={open}
        onClick={() => setOpen((value) => !value)}
        title={series.warnings.map((warning) => warning.message).join('\n')}
      >
        ⚠ {series.warnings.length} warning{series.warnings.length > 1 ? 's' : ''}
      </button>
      {open && (
        <ul className="viewer-warnings__list" data-testid="series-warning-list">
          {series.warnings.map((warning) => (
            <li key={`${warning.code}:${warning.message}`}>{warning.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
