import { RenderingEngine } from '@cornerstonejs/core';
import {
  useCallback,
  useEffect,
  useId,
  useImperativeHandle,
  useRef,
  useState,
  type KeyboardEvent,
  type Ref,
} from 'react';
import type { ImageRef } from '../../core/reading/model';
import { initCornerstone } from './cornerstone';
import { installDebugHandle } from './debugHandle';
import { actionForKey, HELP_KEY, isTypingTarget, type KeyInput, type ViewerAction } from './keyboard';
import { captureViewportPng } from './keyImage';
import { goTo, goToNearest } from './navigation';
import { usePaneArrangement } from './paneArrangement';
import { ShortcutHelp } from './ShortcutHelp';
import { SliceSyncController, type SliceSyncSnapshot } from './sliceSyncController';
import { createViewerToolGroup, type PrimaryTool, type ViewerToolGroup } from './toolGroup';
import type {
  AnnotationEditedEvent,
  MeasuredEvent,
  MeasureRequest,
  ViewerAnnotation,
  ViewerLayout,
  ViewerSeries,
  WorldPoint,
} from './types';
import { useViewerMeasurements } from './useViewerMeasurements';
import { ViewerToolbar } from './ViewerToolbar';
import type { ViewportController } from './ViewportController';
import { ViewportPane } from './ViewportPane';
import { presetsForModality } from './voi';
import './viewer.css';

/** What the app (and the reading workflow) can do to a mounted Viewer. */
export interface ViewerHandle {
  /** The controller of viewport `index` (0 = left), null while it is not mounted. */
  viewport(index: number): ViewportController | null;
  activeIndex(): number;
  setActive(index: number): void;
  setPrimaryTool(tool: PrimaryTool): void;
  /**
   * Shows `image` in viewport `viewportIndex` and, with `worldPoint`, pans it to the middle once the
   * slice is drawn. False when that viewport's series does not hold the image.
   */
  goTo(viewportIndex: number, image: ImageRef, worldPoint?: WorldPoint): boolean;
  /**
   * Scrolls viewport `viewportIndex` to the slice nearest `worldPoint` along its normal. The point is
   * in frame of reference `frameOfReferenceUid` (null: the viewport's own): when that is the other
   * viewport's frame, the 1x2 landmark link maps it. False when the point cannot be placed.
   */
  goToNearest(viewportIndex: number, worldPoint: WorldPoint, frameOfReferenceUid: string | null): boolean;
  /** PNG of the viewport as shown: image, annotations, overlay texts. */
  captureKeyImage(viewportIndex: number): Promise<Blob>;
  /** 1x2 slice sync: its state, the "Sync" toggle and "Link here". */
  sliceSync(): SliceSyncSnapshot;
  setSliceSync(enabled: boolean): void;
  linkSlicesHere(): boolean;
}

export interface ViewerProps {
  /** Series per viewport: [0] left, [1] right in 1x2. Missing entries show an empty viewport. */
  readonly series: readonly (ViewerSeries | null)[];
  /**
   * One viewport, or two ('1x2'): the two are side by side or stacked as the reader last chose (the
   * toolbar's "Side by side" / "Stacked", remembered across reloads).
   */
  readonly layout: ViewerLayout;
  /** Exposes `window.__recistViewer` for tests and benches; defaults to on in Vite dev mode only. */
  readonly exposeDebugHandle?: boolean;
  readonly onActiveViewportChange?: (index: number) => void;
  /** Stored measurements and markers: drawn on whichever viewport shows their image. */
  readonly annotations?: readonly ViewerAnnotation[];
  /** Arms a tool for one drawing (left drag); a new id arms again, null disarms. */
  readonly measureRequest?: MeasureRequest | null;
  /** The reader finished drawing for the armed request (world mm). Then the app stores it and passes it back. */
  readonly onMeasured?: (event: MeasuredEvent) => void;
  /** The reader pressed Esc while a request was armed. */
  readonly onMeasureCancelled?: (requestId: string) => void;
  /** The reader dragged a handle of an unlocked annotation (once, on release). */
  readonly onAnnotationEdited?: (event: AnnotationEditedEvent) => void;
  /** The reader clicked an annotation (locked ones too). */
  readonly onAnnotationSelected?: (annotationId: string) => void;
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
  annotations,
  measureRequest,
  onMeasured,
  onMeasureCancelled,
  onAnnotationEdited,
  onAnnotationSelected,
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
  const paneCount = layout === '1x1' ? 1 : 2;
  const arrangement = usePaneArrangement((s) => s.arrangement);
  const setArrangement = usePaneArrangement((s) => s.setArrangement);
  const shownLayout = paneCount === 1 ? '1x1' : arrangement;
  const [helpOpen, setHelpOpen] = useState(false);
  const paneCountRef = useRef(paneCount);
  useEffect(() => {
    paneCountRef.current = paneCount;
  }, [paneCount]);
  const activeIndex = Math.min(active, paneCount - 1);
  const [sync] = useState(() => new SliceSyncController());
  const { layer, armed } = useViewerMeasurements(
    engine?.toolGroup ?? null,
    controllers,
    annotations,
    measureRequest,
    { onMeasured, onAnnotationEdited, onAnnotationSelected },
  );

  useEffect(() => {
    sync.setActive(activeIndex);
  }, [sync, activeIndex]);
  useEffect(() => {
    sync.attach(controllers.slice(0, paneCount));
    return () => sync.detach();
  }, [sync, controllers, paneCount]);

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
  // resizes, keeping each viewport's zoom relative to "fit" (its pan is dropped). The panes are
  // watched too: going from 1x1 to 1x2 halves the left pane while the grid keeps its size.
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
    for (const controller of controllers) if (controller) observer.observe(controller.getElement());
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [engine, controllers]);

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

  /** Esc, or a left-button tool chosen while a measurement is armed. */
  const cancelMeasurement = useCallback((): boolean => {
    const requestId = layer?.cancelRequest() ?? null;
    if (requestId === null) return false;
    onMeasureCancelled?.(requestId);
    return true;
  }, [layer, onMeasureCancelled]);

  const choosePrimaryTool = useCallback(
    (tool: PrimaryTool) => {
      cancelMeasurement();
      setPrimaryTool(tool);
    },
    [cancelMeasurement, setPrimaryTool],
  );

  useImperativeHandle(
    ref,
    () => ({
      viewport: (index) => controllersRef.current[index] ?? null,
      activeIndex: () => activeIndex,
      setActive,
      setPrimaryTool,
      goTo: (index, image, worldPoint) => goTo(controllersRef.current[index] ?? null, image, worldPoint),
      goToNearest: (index, worldPoint, frameUid) =>
        goToNearest(controllersRef.current[index] ?? null, sync.sliceNearest(index, worldPoint, frameUid), {
          worldPoint,
          frameUid,
        }),
      captureKeyImage: (index) => {
        const controller = controllersRef.current[index];
        return controller
          ? captureViewportPng(controller.getElement())
          : Promise.reject(new Error(`no viewport ${index} to capture`));
      },
      sliceSync: () => sync.getSnapshot(),
      setSliceSync: (enabled) => sync.setEnabled(enabled),
      linkSlicesHere: () => sync.linkHere(),
    }),
    [activeIndex, setActive, setPrimaryTool, sync],
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
    if (action.kind === 'tool') choosePrimaryTool(action.tool);
    else if (activeController) runAction(activeController, action, activeSeries);
  };

  /** A key the viewer uses, from wherever it was pressed; true when it was used. */
  const handleKey = (event: KeyInput): boolean => {
    if (event.key === 'Escape') {
      if (helpOpen) {
        setHelpOpen(false);
        return true;
      }
      return cancelMeasurement();
    }
    if (event.key === HELP_KEY && !event.ctrlKey && !event.metaKey && !event.altKey) {
      setHelpOpen((open) => !open);
      return true;
    }
    const action = actionForKey(event);
    if (!action) return false;
    run(action);
    return true;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.closest('textarea, select, [contenteditable="true"], input:not([type="range"])')) return;
    // Delete is left to the app: it asks before removing a stored measurement.
    const action = actionForKey(event);
    // The slice slider and buttons handle their own navigation and activation keys.
    if (
      action &&
      target.closest('input[type="range"]') &&
      (action.kind === 'scroll' || action.kind === 'first' || action.kind === 'last')
    )
      return;
    if (target.closest('button') && (event.key === ' ' || event.key === 'Enter')) return;
    if (handleKey(event)) event.preventDefault();
  };

  // The reader should not have to click into the images before the keys work: a key pressed on the
  // page itself or on a button elsewhere (a visit, a panel toggle) reaches the viewer too. Keys typed
  // into a field, or pressed in a dialog, stay there.
  const handleKeyRef = useRef(handleKey);
  useEffect(() => {
    handleKeyRef.current = handleKey;
  });
  useEffect(() => {
    const onWindowKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target && rootRef.current?.contains(target)) return;
      if (isTypingTarget(target) || target?.closest('[role="dialog"]')) return;
      if (target?.closest('button, a[href], summary') && (event.key === ' ' || event.key === 'Enter')) return;
      if (handleKeyRef.current(event)) event.preventDefault();
    };
    window.addEventListener('keydown', onWindowKeyDown);
    return () => window.removeEventListener('keydown', onWindowKeyDown);
  }, []);

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
      data-layout={shownLayout}
      data-ready={engine !== null}
      data-measuring={armed?.tool ?? ''}
    >
      <ViewerToolbar
        controller={activeController}
        series={activeSeries}
        primaryTool={primaryTool}
        onPrimaryTool={choosePrimaryTool}
        onAction={run}
        measuring={armed !== null}
        sync={paneCount > 1 ? sync : null}
        arrangement={paneCount > 1 ? arrangement : null}
        onArrangement={setArrangement}
        onHelp={() => setHelpOpen((open) => !open)}
      />
      <div ref={gridRef} className={`viewer__grid viewer__grid--${shownLayout}`}>
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
              armed={index === activeIndex ? armed : null}
              sync={paneCount > 1 && index === paneCount - 1 ? sync : null}
            />
          ))}
      </div>
      {helpOpen && <ShortcutHelp onClose={() => setHelpOpen(false)} />}
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
    case 'tool':
      // A left-button tool belongs to the whole viewer (run chooses it), not to one viewport.
      return;
  }
}
