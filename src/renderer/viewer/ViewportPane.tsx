import type { RenderingEngine } from '@cornerstonejs/core';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { SliceSyncController } from './sliceSyncController';
import type { ViewerToolGroup } from './toolGroup';
import type { MeasureRequest, ViewerSeries, ViewportState } from './types';
import { ViewportController } from './ViewportController';
import { ArmedIndicator } from './ViewportIndicators';
import { ViewportOverlays } from './ViewportOverlays';

export interface ViewportPaneProps {
  readonly index: number;
  readonly engine: RenderingEngine;
  readonly toolGroup: ViewerToolGroup;
  readonly series: ViewerSeries | null;
  readonly active: boolean;
  readonly visibleStacks: () => number;
  readonly onActivate: (index: number) => void;
  readonly onController: (index: number, controller: ViewportController | null) => void;
  /** The measurement armed on this viewport, if any. */
  readonly armed?: MeasureRequest | null;
  /** The two viewports' link state, shown on this one. */
  readonly sync?: SliceSyncController | null;
}

const noop = () => () => {};

/** One viewport: the Cornerstone element, its overlays and its slice slider. */
export function ViewportPane(props: ViewportPaneProps) {
  const { index, engine, toolGroup, series, active, visibleStacks, onActivate, onController, armed, sync } =
    props;
  const elementRef = useRef<HTMLDivElement>(null);
  const [controller, setController] = useState<ViewportController | null>(null);
  const viewportId = `${toolGroup.id}-vp${index}`;

  useEffect(() => {
    const element = elementRef.current;
    if (!element) return;
    const created = new ViewportController({ renderingEngine: engine, viewportId, element, visibleStacks });
    toolGroup.addViewport(viewportId, engine.id);
    setController(created);
    onController(index, created);
    return () => {
      onController(index, null);
      setController(null);
      if (!engine.hasBeenDestroyed) toolGroup.removeViewport(viewportId, engine.id);
      if (!engine.hasBeenDestroyed) created.destroy();
    };
  }, [engine, toolGroup, viewportId, index, visibleStacks, onController]);

  useEffect(() => {
    if (controller) void controller.setSeries(series);
  }, [controller, series]);

  const controllerState = useSyncExternalStore(
    controller ? (listener) => controller.subscribe(listener) : noop,
    () => controller?.getState() ?? null,
  );
  // Until the controller has switched to a newly passed series, show nothing rather than the old
  // series' numbers under the new series' name.
  const state =
    controllerState?.seriesInstanceUid === (series?.seriesInstanceUid ?? null) ? controllerState : null;

  return (
    <section
      className={`viewer-pane${active ? ' viewer-pane--active' : ''}`}
      data-testid={`viewport-${index}`}
      data-active={active}
      aria-label={`Viewport ${index + 1}${series ? `: ${series.description || series.modality}` : ''}`}
      onPointerDownCapture={() => onActivate(index)}
    >
      <div className="viewer-pane__image">
        <div
          ref={elementRef}
          className="viewer-pane__element"
          data-testid="viewport-canvas"
          onContextMenu={(event) => event.preventDefault()}
        />
        {state?.error && (
          <div className="viewer-pane__error" role="alert" data-testid="viewport-error">
            {state.error}
          </div>
        )}
        {series && state && <ViewportOverlays series={series} state={state} sync={sync} />}
        {armed && <ArmedIndicator armed={armed} />}
        {!series && <div className="viewer-pane__empty">No series in this viewport</div>}
      </div>
      <SliceSlider state={state} disabled={!series} onChange={(slice) => controller?.setSlice(slice)} />
    </section>
  );
}

function SliceSlider({
  state,
  disabled,
  onChange,
}: {
  state: ViewportState | null;
  disabled: boolean;
  onChange: (index: number) => void;
}) {
  const count = state?.sliceCount ?? 0;
  return (
    <div className="viewer-pane__slider">
      <input
        type="range"
        aria-label="Slice"
        data-testid="slice-slider"
        min={1}
        max={Math.max(1, count)}
        step={1}
        value={(state?.sliceIndex ?? 0) + 1}
        disabled={disabled || count <= 1}
        onChange={(event) => onChange(Number(event.currentTarget.value) - 1)}
      />
    </div>
  );
}
