/**
 * Dev-only page for the viewer's measurement API (served at /harness/measure.html by `npm run web`):
 * it plays the app's part the way the reading UI does: arms a tool, stores what onMeasured reports
 * (makeMeasurement: rounded diameters, normalised axes), gives the stored annotations back as props,
 * applies edits, highlights the clicked lesion, locks on request. `window.__measure` drives it from
 * end-to-end tests and the follow-up bench. Folders picked one after another add series; the first is
 * shown unless the page is opened with `?autoShow=0`.
 */
import { StrictMode, useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { createRoot } from 'react-dom/client';
import { nextLesionLabel } from '../../core/reading/labels';
import type { ImageRef, LesionKind, Segment } from '../../core/reading/model';
import { makeMeasurement } from '../../core/reading/size';
import type {
  AnnotationEditedEvent,
  MeasuredEvent,
  MeasureRequest,
  ViewerAnnotation,
  ViewerAnnotationTool,
  ViewerLayout,
  ViewerSeries,
  WorldPoint,
} from '../viewer/types';
import { Viewer, type ViewerHandle } from '../viewer/Viewer';
import { groupFiles } from './harnessSeries';
import './harness.css';

type HarnessEvent =
  | { readonly type: 'measured'; readonly event: MeasuredEvent }
  | { readonly type: 'cancelled'; readonly requestId: string }
  | { readonly type: 'edited'; readonly event: AnnotationEditedEvent }
  | { readonly type: 'selected'; readonly annotationId: string };

/** Stored-measurement stand-in: what the app keeps and passes back (geometry as makeMeasurement made it). */
type Stored = Omit<ViewerAnnotation, 'highlighted'>;

export interface MeasureHarness {
  readonly events: HarnessEvent[];
  series(): { uid: string; frameOfReferenceUid: string | null; images: number; description: string }[];
  show(left: number | null, right: number | null): void;
  setLayout(layout: ViewerLayout): void;
  request(tool: ViewerAnnotationTool): string;
  annotations(): readonly Stored[];
  setLocked(id: string, locked: boolean): void;
  /** Replaces the stored annotations (a reload from the database). */
  setAnnotations(annotations: readonly Stored[]): void;
  /** The stored image of slice `slice` of viewport `viewport`'s series. */
  frameAt(viewport: number, slice: number): ImageRef | null;
  goTo(viewport: number, image: ImageRef, point?: WorldPoint): boolean;
  goToNearest(viewport: number, point: WorldPoint, frameOfReferenceUid: string | null): boolean;
  /** Key image as a data: URL with its byte size. */
  capture(viewport: number): Promise<{ size: number; type: string; dataUrl: string }>;
  handle(): ViewerHandle | null;
}

declare global {
  interface Window {
    __measure?: MeasureHarness;
  }
}

/** The app's write takes a little while (Dexie, audit): props come back asynchronously. */
const STORE_DELAY_MS = 30;

/** `?autoShow=0`: picked series wait for `show()` (the bench times opening them, cold). */
const autoShow = new URLSearchParams(window.location.search).get('autoShow') !== '0';

/** Everything the page reported, in order (module state: the page lives once per document). */
const events: HarnessEvent[] = [];
let requestCount = 0;

function kindFor(tool: ViewerAnnotationTool): LesionKind {
  return tool === 'ArrowAnnotate' ? 'non-target' : 'target';
}

function MeasureHarnessPage() {
  const [series, setSeries] = useState<ViewerSeries[]>([]);
  const [shown, setShown] = useState<(ViewerSeries | null)[]>([]);
  const [layout, setLayout] = useState<ViewerLayout>('1x1');
  const [stored, setStored] = useState<readonly Stored[]>([]);
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const [request, setRequest] = useState<MeasureRequest | null>(null);
  const viewer = useRef<ViewerHandle>(null);
  const storedRef = useRef(stored);
  const seriesRef = useRef(series);
  const shownRef = useRef(shown);
  useEffect(() => {
    storedRef.current = stored;
    seriesRef.current = series;
    shownRef.current = shown;
  });

  const commit = (update: (current: readonly Stored[]) => readonly Stored[]) =>
    setTimeout(() => setStored((current) => update(current)), STORE_DELAY_MS);

  const onMeasured = (event: MeasuredEvent) => {
    events.push({ type: 'measured', event });
    setRequest(null);
    commit((current) => {
      const kind = kindFor(event.tool);
      const label = nextLesionLabel(
        kind,
        current.map((a) => a.label),
      );
      const id = `a${current.length + 1}-${event.requestId}`;
      if (event.tool === 'ArrowAnnotate') {
        return [
          ...current,
          {
            id,
            lesionId: id,
            label,
            kind,
            tool: event.tool,
            image: event.image,
            arrow: event.arrow!,
            locked: false,
          },
        ];
      }
      const m = makeMeasurement({
        image: event.image,
        tool: event.tool,
        longAxis: event.longAxis,
        shortAxis: event.shortAxis,
      });
      return [
        ...current,
        {
          id,
          lesionId: id,
          label,
          kind,
          tool: event.tool,
          image: m.image,
          longAxis: m.longAxis,
          shortAxis: m.shortAxis,
          locked: false,
        },
      ];
    });
  };

  const onAnnotationEdited = (event: AnnotationEditedEvent) => {
    events.push({ type: 'edited', event });
    commit((current) =>
      current.map((a) => {
        if (a.id !== event.annotationId || a.locked) return a;
        if (a.tool === 'ArrowAnnotate') return { ...a, arrow: event.arrow ?? a.arrow! };
        const m = makeMeasurement({
          image: a.image,
          tool: a.tool,
          longAxis: event.longAxis ?? a.longAxis!,
          shortAxis: a.tool === 'Bidirectional' ? (event.shortAxis ?? null) : null,
        });
        return { ...a, longAxis: m.longAxis, shortAxis: m.shortAxis };
      }),
    );
  };

  const annotations = useMemo(
    () => stored.map((a): ViewerAnnotation => ({ ...a, highlighted: a.id === highlighted })),
    [stored, highlighted],
  );

  const onFolder = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.currentTarget.files ?? [])];
    const grouped = await groupFiles(files, false);
    setSeries((current) => [...current, ...grouped.series]);
    if (autoShow) setShown((current) => (current.length === 0 ? [grouped.series[0] ?? null] : current));
  };

  const harness: MeasureHarness = {
    events,
    series: () =>
      seriesRef.current.map((s) => ({
        uid: s.seriesInstanceUid,
        frameOfReferenceUid: s.frameOfReferenceUid,
        images: s.imageIds.length,
        description: s.description,
      })),
    show: (left, right) => {
      const all = seriesRef.current;
      setShown([left === null ? null : (all[left] ?? null), right === null ? null : (all[right] ?? null)]);
    },
    setLayout,
    request(tool) {
      requestCount += 1;
      const id = `req-${requestCount}`;
      setRequest({ id, tool });
      return id;
    },
    annotations: () => storedRef.current,
    setLocked: (id, locked) =>
      setStored((current) => current.map((a) => (a.id === id ? { ...a, locked } : a))),
    setAnnotations: (annotations) => setStored(annotations),
    frameAt: (viewport, slice) => shownRef.current[viewport]?.frames[slice] ?? null,
    goTo: (viewport, image, point) => viewer.current?.goTo(viewport, image, point) ?? false,
    goToNearest: (viewport, point, frame) => viewer.current?.goToNearest(viewport, point, frame) ?? false,
    async capture(viewport) {
      const blob = await viewer.current!.captureKeyImage(viewport);
      const dataUrl = await new Promise<string>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(blob);
      });
      return { size: blob.size, type: blob.type, dataUrl };
    },
    handle: () => viewer.current,
  };
  useEffect(() => {
    window.__measure = harness;
  });

  const describe = (a: Stored) =>
    a.tool === 'ArrowAnnotate'
      ? a.label
      : `${a.label} ${a.longAxis ? lengthText(a.longAxis, a.shortAxis ?? null) : ''}`;

  return (
    <div className="harness">
      <header className="harness__bar">
        <strong>Measurement harness</strong>
        <label>
          Add folder{' '}
          <input
            type="file"
            data-testid="measure-folder-input"
            {...{ webkitdirectory: '' }}
            multiple
            onChange={onFolder}
          />
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
        <span role="group" aria-label="Measure">
          {(['Bidirectional', 'Length', 'ArrowAnnotate'] as const).map((tool) => (
            <button
              key={tool}
              type="button"
              data-testid={`measure-${tool}`}
              onClick={() => harness.request(tool)}
            >
              {tool}
            </button>
          ))}
        </span>
        <span data-testid="measure-series-count">{series.length} series</span>
      </header>
      <div className="harness__body">
        <ul className="harness__series" aria-label="Stored annotations" data-testid="stored-annotations">
          {stored.map((a) => (
            <li key={a.id} data-testid={`stored-${a.label}`} data-locked={a.locked}>
              {describe(a)} {a.locked ? '(locked)' : ''} {a.id === highlighted ? '★' : ''}
            </li>
          ))}
        </ul>
        <div className="harness__viewer">
          <Viewer
            ref={viewer}
            series={shown.filter((s): s is ViewerSeries => s !== null)}
            layout={layout}
            exposeDebugHandle
            annotations={annotations}
            measureRequest={request}
            onMeasured={onMeasured}
            onMeasureCancelled={(requestId) => {
              events.push({ type: 'cancelled', requestId });
              setRequest(null);
            }}
            onAnnotationEdited={onAnnotationEdited}
            onAnnotationSelected={(annotationId) => {
              events.push({ type: 'selected', annotationId });
              setHighlighted(annotationId);
            }}
          />
        </div>
      </div>
    </div>
  );
}

function lengthText(longAxis: Segment, shortAxis: Segment | null): string {
  const mm = ([a, b]: Segment) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]).toFixed(1);
  return shortAxis ? `${mm(longAxis)} × ${mm(shortAxis)} mm` : `${mm(longAxis)} mm`;
}

const root = document.getElementById('root');
if (!root) throw new Error('measure.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <MeasureHarnessPage />
  </StrictMode>,
);
