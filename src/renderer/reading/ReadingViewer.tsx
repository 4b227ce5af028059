import { useEffect, useMemo, useRef, useState } from 'react';
import {
  annotationsAt,
  imageOf,
  lastAnnotationBefore,
  type StoredAnnotation,
} from '../../core/reading/annotations';
import type {
  AssessmentValue,
  ImageRef,
  LesionKind,
  Marker,
  Measurement,
  Segment,
  Timepoint,
} from '../../core/reading/model';
import { makeMeasurement } from '../../core/reading/size';
import { ViewerProblems } from '../app/ViewerArea';
import { useBlinding } from '../auth/blinding';
import type { SeriesRecord } from '../db/database';
import { addLesion, saveKeyImage, setAssessment } from '../db/readLesions';
import type { ReadView } from '../db/readQueries';
import { useLoadedSeries } from '../studies/useLoadedSeries';
import { useReadingStore, type MeasureRequest } from '../store/readingStore';
import { Viewer, type ViewerHandle } from '../viewer/Viewer';
import { parseAnnotationId, pendingAnnotations, viewerAnnotations, withEditedPart } from './annotations';
import { useBlindedSeries } from './blindedSeries';
import { LocationDialog, type LocationChoice } from './LocationDialog';
import { useMutate } from './useReadingSession';

interface Drawn {
  readonly viewportIndex: number;
  readonly tool: MeasureRequest['tool'];
  readonly image: ImageRef;
  readonly longAxis: Segment;
  readonly shortAxis: Segment | null;
  readonly arrow?: Segment;
}

type Pending = { readonly kind: LesionKind; readonly drawn: Drawn; readonly measurement: Measurement | null };

declare global {
  interface Window {
    /** Dev and web mode only: the reading viewer's handle, for end-to-end tests and benches. */
    __recistReading?: { handle(): ViewerHandle | null };
  }
}

/** The series a visit opens with: its largest CT or MR series (the reader can pick another). */
export function defaultSeries(series: readonly SeriesRecord[]): string | null {
  const images = series.filter((s) => s.modality === 'CT' || s.modality === 'MR');
  const pool = images.length > 0 ? images : series;
  return (
    [...pool].sort((a, b) => b.frameCount - a.frameCount || (a.seriesNumber ?? 0) - (b.seriesNumber ?? 0))[0]
      ?.seriesInstanceUid ?? null
  );
}

/** Each visit's indexed series (those of its studies), by Study then Series Instance UID. */
function seriesOfTimepoints(
  timepoints: readonly Timepoint[],
  index: ReadonlyMap<string, SeriesRecord>,
): Map<string, SeriesRecord[]> {
  const byStudy = new Map<string, SeriesRecord[]>();
  for (const series of index.values()) {
    const list = byStudy.get(series.studyInstanceUid);
    if (list) list.push(series);
    else byStudy.set(series.studyInstanceUid, [series]);
  }
  const studyOrder = (tp: Timepoint) => tp.studies.map((s) => s.studyInstanceUid).sort();
  return new Map(timepoints.map((tp) => [tp.id, studyOrder(tp).flatMap((uid) => byStudy.get(uid) ?? [])]));
}

/**
 * The images of a read: the baseline alone, or at a follow-up the prior visit (left) beside the current
 * one (right). Stored measurements are drawn from the database; what the reader draws becomes a
 * repository command, then comes back as a stored annotation.
 */
export function ReadingViewer({
  view,
  timepointId,
  locked,
  frameOfReferenceOf,
  seriesIndex,
}: {
  view: ReadView;
  timepointId: string;
  locked: boolean;
  frameOfReferenceOf: (seriesInstanceUid: string) => string | null;
  seriesIndex: ReadonlyMap<string, SeriesRecord> | undefined;
}) {
  const mutate = useMutate();
  const handle = useRef<ViewerHandle>(null);
  const index = view.timepoints.findIndex((t) => t.id === timepointId);
  const current = view.timepoints[index] ?? null;
  const prior = index > 0 ? view.timepoints[index - 1]! : null;
  const currentViewport = prior ? 1 : 0;
  const shownTimepoints = useMemo(
    () => (prior ? [prior, current] : [current]).filter((t): t is Timepoint => t !== null),
    [prior, current],
  );

  const [chosenSeries, setChosenSeries] = useState<Record<string, string>>({});
  // From the series index the workspace already holds: switching visits needs no query of its own
  // before the viewer knows what to show.
  const seriesByTimepoint = useMemo(
    () => (seriesIndex ? seriesOfTimepoints(view.timepoints, seriesIndex) : undefined),
    [view.timepoints, seriesIndex],
  );
  const slotUids = shownTimepoints.map(
    (tp) => chosenSeries[tp.id] ?? defaultSeries(seriesByTimepoint?.get(tp.id) ?? []),
  );
  // One load per viewport: opening a follow-up from its prior keeps the left viewport's series as
  // loaded (the same object, so the viewer keeps it drawn) and loads only the right one's.
  const left = useLoadedSeries(slotUids.slice(0, 1));
  const right = useLoadedSeries(slotUids.slice(1));
  const twoSlots = slotUids.length > 1;
  const loaded = useMemo(
    () => ({
      slots: twoSlots ? [left.slots[0] ?? null, right.slots[0] ?? null] : [left.slots[0] ?? null],
      problems: twoSlots ? [...left.problems, ...right.problems] : left.problems,
    }),
    [left, right, twoSlots],
  );

  const dates = useBlinding(view.subject.id);
  const shownSeries = useBlindedSeries(loaded.slots, dates);

  const measureRequest = useReadingStore((s) => s.measureRequest);
  const selectedLesionId = useReadingStore((s) => s.selectedLesionId);
  const goToRequest = useReadingStore((s) => s.goToRequest);
  const [pending, setPending] = useState<Pending | null>(null);

  const annotations = useMemo(
    () => [
      ...viewerAnnotations(view, prior, true, selectedLesionId),
      ...viewerAnnotations(view, current, locked, selectedLesionId),
      ...pendingAnnotations(pending, view.lesions),
    ],
    [view, prior, current, locked, selectedLesionId, pending],
  );

  useEffect(() => {
    if (!import.meta.env.DEV) return;
    window.__recistReading = { handle: () => handle.current };
    return () => {
      delete window.__recistReading;
    };
  }, []);

  // The reader measures on the current visit: arming a tool makes its viewport the active one.
  useEffect(() => {
    if (measureRequest) handle.current?.setActive(currentViewport);
  }, [measureRequest, currentViewport]);

  // Go to lesion: the current visit where it was measured (or the slice nearest its last position), the
  // prior where it was last seen. A request made while the series are still loading is served once they are.
  const servedGoTo = useRef(0);
  useEffect(() => {
    if (!goToRequest || goToRequest.serial === servedGoTo.current || !current) return;
    const lesionId = goToRequest.lesionId;
    const serve = (): boolean => {
      const viewer = handle.current;
      if (!viewer) return false;
      // Until a viewport has drawn its series' first image, Cornerstone's own stack load would undo a
      // scroll made now.
      const ready = loaded.slots.every((slot, i) => {
        if (!slot) return true;
        const controller = viewer.viewport(i);
        const state = controller?.getState();
        return (
          controller?.getSeries() === slot &&
          state?.seriesInstanceUid === slot.seriesInstanceUid &&
          state.rendered
        );
      });
      if (!ready) return false;
      const here = annotationsAt(view, current.id).find((a) => a.lesion.id === lesionId) ?? null;
      const before = lastAnnotationBefore(view, lesionId, current.id);
      const priorShown = prior && before ? viewer.goTo(0, imageOf(before), pointOf(before)) : true;
      const currentShown = here
        ? viewer.goTo(currentViewport, imageOf(here), pointOf(here))
        : before
          ? viewer.goToNearest(
              currentViewport,
              pointOf(before),
              frameOfReferenceOf(imageOf(before).seriesInstanceUid),
            )
          : true;
      return priorShown && currentShown;
    };
    // Served the moment the viewports are ready: each viewport's state change (its first image
    // drawn) tries again. The slow retry only covers viewports not mounted yet.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribers: (() => void)[] = [];
    const stop = () => {
      clearTimeout(timer);
      for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
    };
    const giveUpAt = performance.now() + GO_TO_PATIENCE_MS;
    const attempt = () => {
      if (servedGoTo.current === goToRequest.serial) return;
      if (serve()) {
        servedGoTo.current = goToRequest.serial;
        stop();
      } else if (performance.now() < giveUpAt) {
        clearTimeout(timer);
        timer = setTimeout(attempt, 100);
      } else stop();
    };
    loaded.slots.forEach((slot, i) => {
      const controller = slot ? handle.current?.viewport(i) : null;
      if (controller) unsubscribers.push(controller.subscribe(attempt));
    });
    attempt();
    return stop;
  }, [goToRequest, current, prior, view, currentViewport, loaded.slots, frameOfReferenceOf]);

  const keepKeyImage = async (lesionId: string, viewportIndex: number) => {
    const viewer = handle.current;
    if (!viewer || !current) return;
    try {
      const png = await viewer.captureKeyImage(viewportIndex);
      await mutate((s) => saveKeyImage(s, { lesionId, timepointId: current.id, png }));
    } catch (error) {
      useReadingStore
        .getState()
        .report(`The key image was not kept: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const onMeasured = async (drawn: Drawn & { requestId: string }) => {
    const request = useReadingStore.getState().measureRequest;
    useReadingStore.getState().disarm();
    if (!request || request.id !== drawn.requestId || !current) return;
    let measurement: Measurement | null = null;
    let marker: Marker | null = null;
    try {
      if (drawn.tool === 'ArrowAnnotate' && drawn.arrow)
        marker = { image: drawn.image, tool: 'ArrowAnnotate', points: drawn.arrow };
      else
        measurement = makeMeasurement({
          image: drawn.image,
          tool: drawn.tool === 'Length' ? 'Length' : 'Bidirectional',
          longAxis: drawn.longAxis,
          shortAxis: drawn.shortAxis,
        });
    } catch (error) {
      useReadingStore.getState().report(error instanceof Error ? error.message : String(error));
      return;
    }
    const purpose = request.purpose;
    if (purpose.kind === 'add-lesion') {
      setPending({ kind: purpose.lesionKind, drawn, measurement });
      return;
    }
    const existing = view.assessments.find(
      (a) => a.lesionId === purpose.lesionId && a.timepointId === current.id,
    )?.value;
    const value =
      purpose.kind === 'measure' && measurement
        ? { status: 'measured' as const, fragments: [measurement] }
        : purpose.kind === 'add-fragment' && measurement && existing?.status === 'measured'
          ? { status: 'measured' as const, fragments: [...existing.fragments, measurement] }
          : purpose.kind === 'mark' && marker
            ? existing && 'marker' in existing
              ? { ...existing, marker }
              : { status: 'present' as const, marker }
            : null;
    if (!value) return;
    const saved = await mutate((s) =>
      setAssessment(s, { lesionId: purpose.lesionId, timepointId: current.id, value }),
    );
    if (saved && measurement) await keepKeyImage(purpose.lesionId, drawn.viewportIndex);
  };

  const addPendingLesion = async (choice: LocationChoice) => {
    if (!pending || !current) return;
    setPending(null);
    const { kind, drawn, measurement } = pending;
    const marker: Marker | null = drawn.arrow
      ? { image: drawn.image, tool: 'ArrowAnnotate', points: drawn.arrow }
      : null;
    const value =
      kind === 'target' && measurement
        ? { status: 'measured' as const, fragments: [measurement] }
        : kind === 'non-target'
          ? { status: 'present' as const, marker }
          : {
              status: choice.equivocal ? ('equivocal' as const) : ('unequivocal' as const),
              measurement,
              marker,
            };
    const added = await mutate((s) =>
      addLesion(s, {
        readId: view.read.id,
        kind,
        locationCode: choice.location.code,
        timepointId: current.id,
        value,
        description: choice.description,
        multiple: choice.multiple,
      }),
    );
    if (added) {
      useReadingStore.getState().selectLesion(added.lesion.id);
      await keepKeyImage(added.lesion.id, drawn.viewportIndex);
    }
  };

  const onEdited = async (e: {
    annotationId: string;
    image: ImageRef;
    longAxis?: Segment;
    shortAxis?: Segment | null;
    arrow?: Segment;
  }) => {
    const id = parseAnnotationId(e.annotationId);
    if (!id) return;
    const stored = view.assessments.find(
      (a) => a.lesionId === id.lesionId && a.timepointId === id.timepointId,
    );
    if (!stored) return;
    const old = id.part === 'marker' ? null : measurementAt(stored.value, id.part);
    let measurement: Measurement | null;
    try {
      measurement =
        e.longAxis && old
          ? makeMeasurement({
              image: e.image,
              tool: old.tool,
              longAxis: e.longAxis,
              shortAxis: e.shortAxis ?? null,
            })
          : null;
    } catch (error) {
      useReadingStore.getState().report(error instanceof Error ? error.message : String(error));
      return;
    }
    const marker: Marker | null = e.arrow ? { image: e.image, tool: 'ArrowAnnotate', points: e.arrow } : null;
    const value = withEditedPart(stored.value, id.part, measurement, marker);
    if (value)
      await mutate((s) => setAssessment(s, { lesionId: id.lesionId, timepointId: id.timepointId, value }));
  };

  const shown = loaded.slots.some((s) => s !== null);
  return (
    <div className="viewer-area reading-viewer">
      <div className="series-pickers">
        {shownTimepoints.map((tp, i) => (
          <label key={tp.id} className="series-picker">
            <span className={i === currentViewport ? 'current-visit' : 'muted'}>
              {dates.redact(tp.visitName)}
            </span>
            <select
              aria-label={`Series of ${dates.redact(tp.visitName)}`}
              value={slotUids[i] ?? ''}
              onChange={(e) => setChosenSeries({ ...chosenSeries, [tp.id]: e.target.value })}
            >
              {(seriesByTimepoint?.get(tp.id) ?? []).map((s) => (
                <option key={s.seriesInstanceUid} value={s.seriesInstanceUid}>
                  {s.modality} {dates.redact(s.seriesDescription || '(no description)')} · {s.frameCount}{' '}
                  images
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <ViewerProblems problems={loaded.problems.map(dates.redact)} />
      {shown ? (
        <Viewer
          ref={handle}
          series={shownSeries}
          layout={prior ? '1x2' : '1x1'}
          annotations={annotations}
          measureRequest={measureRequest ? { id: measureRequest.id, tool: measureRequest.tool } : null}
          onMeasured={(e) => void onMeasured(e)}
          onMeasureCancelled={() => useReadingStore.getState().disarm()}
          onAnnotationEdited={(e) => void onEdited(e)}
          onAnnotationSelected={(id) => {
            const parsed = parseAnnotationId(id);
            if (parsed) useReadingStore.getState().selectLesion(parsed.lesionId);
          }}
        />
      ) : (
        loaded.problems.length === 0 && <p className="viewer-message">This visit has no images to show.</p>
      )}
      {pending && (
        <LocationDialog
          kind={pending.kind}
          sizeText={pending.measurement ? sizeText(pending.measurement) : null}
          onChoose={(choice) => void addPendingLesion(choice)}
          onCancel={() => setPending(null)}
        />
      )}
    </div>
  );
}

/** How long a "go to" waits for series that are still loading before it lets the request go. */
const GO_TO_PATIENCE_MS = 30_000;

function pointOf(a: StoredAnnotation): [number, number, number] {
  return a.kind === 'marker' ? a.marker.points[1] : midpoint(a.measurement.longAxis);
}

function midpoint([a, b]: Segment): [number, number, number] {
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2];
}

function measurementAt(value: AssessmentValue, part: number): Measurement | null {
  if (value.status === 'measured') return value.fragments[part] ?? null;
  if ('measurement' in value && part === 0) return value.measurement;
  return null;
}

function sizeText(m: Measurement): string {
  return m.shortAxisMm === null
    ? `${m.longAxisMm.toFixed(1)} mm`
    : `${m.longAxisMm.toFixed(1)} × ${m.shortAxisMm.toFixed(1)} mm`;
}
