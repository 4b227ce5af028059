import { RenderingEngine } from '@cornerstonejs/core';
import {
  useCallback,
  useEffect,
  useId,
  useImperativeHandle,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
  type Ref,
} from 'react';
import { initCornerstone } from './cornerstone';
import { installDebugHandle } from './debugHandle';
import { actionForKey, SHORTCUTS, ZOOM_STEP, type ViewerAction } from './keyboard';
import { createViewerToolGroup, type PrimaryTool, type ViewerToolGroup } from './toolGroup';
import type { ViewerLayout, ViewerSeries } from './types';
import type { ViewportController } from './ViewportController';
import { ViewportPane } from './ViewportPane';
import { CT_PRESETS, presetsForModality } from './voi';
import './viewer.css';

/** What the app (and later the reading workflow) can do to a mounted Viewer. */
export interface ViewerHandle {
  /** The controller of viewport `index` (0 = left), null while it is not mounted. */
  viewport(index: number): ViewportController | null;
  activeIndex(): number;
  setActive(index: number): void;
  setPrimaryTool(tool: PrimaryTool): void;
}

export interface ViewerProps {
  /** Series per viewport: [0] left, [1] right in 1x2. Missing entries show an empty viewport. */
  readonly series: readonly ViewerSeries[];
  readonly layout: ViewerLayout;
  /** Exposes `window.__recistViewer` for tests and benches; defaults to on in Vite dev mode only. */
  readonly exposeDebugHandle?: boolean;
  readonly onActiveViewportChange?: (index: number) => void;
  readonly ref?: Ref<ViewerHandle>;
}

interface Engine {
  readonly engine: RenderingEngine;
  readonly toolGroup: ViewerToolGroup;
}

export function Viewer({
  series,
  layout,
  exposeDebugHandle = import.meta.env.DEV,
  onActiveViewportChange,
  ref,
}: ViewerProps) {
  const id = `viewer${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const [engine, setEngine] = useState<Engine | null>(null);
  const [initError, setInitError] = useState<string | null>(null);
  const [active, setActiveState] = useState(0);
  const [primaryTool, setPrimaryToolState] = useState<PrimaryTool>('WindowLevel');
  const rootRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const [controllers, setControllers] = useState<readonly (ViewportController | null)[]>([]);
  const controllersRef = useRef(controllers);
  const paneCount = layout === '1x2' ? 2 : 1;
  const paneCountRef = useRef(paneCount);
  useEffect(() => {
    paneCountRef.current = paneCount;
  }, [paneCount]);
  const activeIndex = Math.min(active, paneCount - 1);

  useEffect(() => {
    let cancelled = false;
    let created: Engine | null = null;
    initCornerstone().then(
      () => {
        if (cancelled) return;
        created = { engine: new RenderingEngine(id), toolGroup: createViewerToolGroup(id) };
        setEngine(created);
      },
      (error: unknown) => {
        if (!cancelled) setInitError(error instanceof Error ? error.message : String(error));
      },
    );
    return () => {
      cancelled = true;
      if (created) {
        created.toolGroup.destroy();
        created.engine.destroy();
      }
      setEngine(null);
    };
  }, [id]);

  // Cornerstone sizes its canvases from their elements: refit after layout changes and window
  // resizes, keeping each viewport's zoom relative to "fit" (its pan is dropped).
  useEffect(() => {
    const grid = gridRef.current;
    if (!grid || !engine) return;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (engine.engine.hasBeenDestroyed) return;
        const mounted = controllersRef.current.filter((c): c is ViewportController => c !== null);
        const zooms = mounted.map((controller) => controller.getState().zoom);
        engine.engine.resize(true, false);
        mounted.forEach((controller, i) => controller.restoreZoom(zooms[i]!));
      });
    });
    observer.observe(grid);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [engine]);

  const visibleStacks = useCallback(() => paneCountRef.current, []);
  const onController = useCallback((index: number, controller: ViewportController | null) => {
    const next = [...controllersRef.current];
    next[index] = controller;
    controllersRef.current = next;
    setControllers(next);
  }, []);

  const setActive = useCallback(
    (index: number) => {
      setActiveState(index);
      onActiveViewportChange?.(index);
      rootRef.current?.focus({ preventScroll: true });
    },
    [onActiveViewportChange],
  );

  const setPrimaryTool = useCallback(
    (tool: PrimaryTool) => {
      engine?.toolGroup.setPrimaryTool(tool);
      setPrimaryToolState(tool);
    },
    [engine],
  );

  useImperativeHandle(
    ref,
    () => ({
      viewport: (index) => controllersRef.current[index] ?? null,
      activeIndex: () => activeIndex,
      setActive,
      setPrimaryTool,
    }),
    [activeIndex, setActive, setPrimaryTool],
  );

  useEffect(() => {
    if (!exposeDebugHandle) return;
    return installDebugHandle(
      () => controllersRef.current,
      () => activeIndex,
    );
  }, [exposeDebugHandle, activeIndex]);

  const activeController = controllers[activeIndex] ?? null;
  const activeSeries = series[activeIndex] ?? null;

  const run = (action: ViewerAction) => {
    if (activeController) runAction(activeController, action, activeSeries);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.closest('textarea, select, [contenteditable="true"], input:not([type="range"])')) return;
    const action = actionForKey(event);
    if (!action) return;
    // The slice slider and buttons handle their own navigation and activation keys.
    if (
      target.closest('input[type="range"]') &&
      (action.kind === 'scroll' || action.kind === 'first' || action.kind === 'last')
    )
      return;
    if (target.closest('button') && (event.key === ' ' || event.key === 'Enter')) return;
    event.preventDefault();
    run(action);
  };

  if (initError) {
    return (
      <div className="viewer viewer--failed" role="alert" data-testid="viewer-init-error">
        The image viewer could not start: {initError}
      </div>
    );
  }

  return (
    <div
      ref={rootRef}
      className="viewer"
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="viewer"
      data-layout={layout}
      data-ready={engine !== null}
    >
      <ViewerToolbar
        controller={activeController}
        series={activeSeries}
        primaryTool={primaryTool}
        onPrimaryTool={setPrimaryTool}
        onAction={run}
      />
      <div ref={gridRef} className={`viewer__grid viewer__grid--${layout}`}>
        {engine &&
          Array.from({ length: paneCount }, (_, index) => (
            <ViewportPane
              key={index}
              index={index}
              engine={engine.engine}
              toolGroup={engine.toolGroup}
              series={series[index] ?? null}
              active={index === activeIndex && paneCount > 1}
              visibleStacks={visibleStacks}
              onActivate={setActive}
              onController={onController}
            />
          ))}
      </div>
    </div>
  );
}

function runAction(controller: ViewportController, action: ViewerAction, series: ViewerSeries | null): void {
  const state = controller.getState();
  switch (action.kind) {
    case 'scroll':
      controller.scrollBy(action.delta);
      return;
    case 'first':
      controller.setSlice(0);
      return;
    case 'last':
      controller.setSlice(state.sliceCount - 1);
      return;
    case 'preset': {
      const preset = presetsForModality(series?.modality ?? '').find((p) => p.key === action.key);
      if (preset) controller.setWindowLevel(preset.windowLevel);
      return;
    }
    case 'file-window':
      controller.resetWindowLevel();
      return;
    case 'auto-window':
      controller.autoWindowLevel();
      return;
    case 'invert':
      controller.toggleInvert();
      return;
    case 'zoom':
      controller.zoomBy(action.factor);
      return;
    case 'fit':
      controller.fit();
      return;
    case 'reset':
      controller.reset();
      return;
  }
}

const PRIMARY_TOOLS: readonly (readonly [PrimaryTool, string])[] = [
  ['WindowLevel', 'W/L'],
  ['Pan', 'Pan'],
  ['Zoom', 'Zoom'],
];

function ViewerToolbar({
  controller,
  series,
  primaryTool,
  onPrimaryTool,
  onAction,
}: {
  controller: ViewportController | null;
  series: ViewerSeries | null;
  primaryTool: PrimaryTool;
  onPrimaryTool: (tool: PrimaryTool) => void;
  onAction: (action: ViewerAction) => void;
}) {
  const state = useSyncExternalStore(
    controller ? (listener) => controller.subscribe(listener) : () => () => {},
    () => controller?.getState() ?? null,
  );
  // The CT buttons stay in place for other modalities (disabled) so the toolbar never reflows.
  const presets = CT_PRESETS;
  const presetsApply = presetsForModality(series?.modality ?? '').length > 0;
  const disabled = !controller || !series;
  const current = state?.windowLevel;
  return (
    <div className="viewer-toolbar" role="toolbar" aria-label="Viewer tools">
      <div className="viewer-toolbar__group" role="group" aria-label="Left mouse button">
        {PRIMARY_TOOLS.map(([tool, label]) => (
          <button
            key={tool}
            type="button"
            aria-pressed={primaryTool === tool}
            data-testid={`tool-${tool}`}
            onClick={() => onPrimaryTool(tool)}
          >
            {label}
          </button>
        ))}
      </div>
      <div className="viewer-toolbar__group" role="group" aria-label="Window presets">
        {presets.map((preset) => (
          <button
            key={preset.id}
            type="button"
            disabled={disabled || !presetsApply}
            data-testid={`preset-${preset.id}`}
            aria-pressed={
              current !== undefined &&
              current !== null &&
              Math.round(current.width) === preset.windowLevel.width &&
              Math.round(current.center) === preset.windowLevel.center
            }
            title={`${preset.label}: W ${preset.windowLevel.width} L ${preset.windowLevel.center} (key ${preset.key})`}
            onClick={() => onAction({ kind: 'preset', key: preset.key })}
          >
            {preset.label}
          </button>
        ))}
        <button
          type="button"
          disabled={disabled}
          data-testid="preset-file"
          title="Window from the file (key 0)"
          onClick={() => onAction({ kind: 'file-window' })}
        >
          File W/L
        </button>
        <button
          type="button"
          disabled={disabled}
          data-testid="preset-auto"
          title="Window computed from this image's pixels (key A)"
          onClick={() => onAction({ kind: 'auto-window' })}
        >
          Auto W/L
        </button>
      </div>
      <div className="viewer-toolbar__group" role="group" aria-label="View">
        <button
          type="button"
          disabled={disabled}
          data-testid="action-invert"
          aria-pressed={state?.invert ?? false}
          title="Invert (key I)"
          onClick={() => onAction({ kind: 'invert' })}
        >
          Invert
        </button>
        <button
          type="button"
          disabled={disabled}
          data-testid="action-zoom-in"
          title="Zoom in (key +)"
          onClick={() => onAction({ kind: 'zoom', factor: ZOOM_STEP })}
        >
          Zoom +
        </button>
        <button
          type="button"
          disabled={disabled}
          data-testid="action-zoom-out"
          title="Zoom out (key −)"
          onClick={() => onAction({ kind: 'zoom', factor: 1 / ZOOM_STEP })}
        >
          Zoom −
        </button>
        <button
          type="button"
          disabled={disabled}
          data-testid="action-fit"
          title="Fit to viewport (key F)"
          onClick={() => onAction({ kind: 'fit' })}
        >
          Fit
        </button>
        <button
          type="button"
          disabled={disabled}
          data-testid="action-reset"
          title="Reset view (key R)"
          onClick={() => onAction({ kind: 'reset' })}
        >
          Reset
        </button>
      </div>
      <div
        className="viewer-toolbar__help"
        tabIndex={0}
        aria-label="Keyboard shortcuts"
        title={SHORTCUTS.map(([keys, what]) => `${keys}: ${what}`).join('\n')}
      >
        ?
      </div>
    </div>
  );
}
