/**
 * Cornerstone annotations as a view of stored measurements (architecture.md): the app passes its
 * annotations, this layer (re)draws exactly those on whichever viewport shows their image, and turns
 * the reader's tool work into callbacks: a finished drawing (for an armed measure request), a finished
 * handle drag on an unlocked annotation, a click on an annotation. It never keeps a drawing the app
 * did not give back: a reported drawing or edit stays on screen only until the app's annotations
 * change (or PENDING_MS pass), then the layer redraws from the app's props.
 */
import { eventTarget } from '@cornerstonejs/core';
import {
  annotation as csAnnotation,
  ArrowAnnotateTool,
  BidirectionalTool,
  cancelActiveManipulations,
  Enums as ToolEnums,
  LengthTool,
  state as toolsState,
  utilities as toolUtilities,
  type Types as ToolTypes,
} from '@cornerstonejs/tools';
import type { Vec3 } from '../../core/reading/model';
import { imageRef, indexOfImage } from '../../core/viewing/imageRefs';
import { axesOf, pointsOf } from './annotationGeometry';
import { annotationStyle } from './annotationStyle';
import type { ViewerToolGroup } from './toolGroup';
import type {
  AnnotationEditedEvent,
  MeasuredEvent,
  MeasureRequest,
  ViewerAnnotation,
  ViewerAnnotationTool,
  ViewerSeries,
} from './types';
import type { ViewportController } from './ViewportController';

/** How long a reported drawing or edit stays on screen waiting for the app's annotations to change. */
export const PENDING_MS = 1500;
/** Canvas pixels around a line that still count as a click on it. */
const CLICK_PROXIMITY_PX = 6;

const toolNames: Record<ViewerAnnotationTool, string> = {
  Bidirectional: BidirectionalTool.toolName,
  Length: LengthTool.toolName,
  ArrowAnnotate: ArrowAnnotateTool.toolName,
};

export interface AnnotationLayerCallbacks {
  readonly onMeasured?: (event: MeasuredEvent) => void;
  readonly onAnnotationEdited?: (event: AnnotationEditedEvent) => void;
  readonly onAnnotationSelected?: (annotationId: string) => void;
}

interface Drawn {
  source: ViewerAnnotation;
  readonly imageId: string;
  /** The props' geometry and look it was last drawn from. */
  geometry: string;
  look: string;
  /** Edited on screen and reported; kept until the app's props for it change or this time passes. */
  pendingUntil: number | null;
}

interface PendingDrawing {
  readonly uid: string;
  readonly until: number;
  /** The app's annotation ids when it was reported: a new id means the app drew it from props. */
  readonly knownIds: ReadonlySet<string>;
}

interface Shown {
  readonly index: number;
  readonly controller: ViewportController;
  readonly series: ViewerSeries;
}

/**
 * Labels sit on a dark box so they read on any window: a lung window's black air and a bone window's
 * white cortex alike (coloured text alone vanishes on one of them).
 */
const LABEL_BOX = { textBoxBackground: 'rgba(0, 0, 0, 0.72)', textBoxBorderRadius: '3', textBoxMargin: '2' };

type AnyAnnotation = ToolTypes.Annotation & {
  data: { handles: { points: number[][] }; label?: string; text?: string };
  metadata: { toolName: string; referencedImageId?: string };
};

export class AnnotationLayer {
  private annotations: readonly ViewerAnnotation[] = [];
  private readonly drawn = new Map<string, Drawn>();
  private pending: PendingDrawing[] = [];
  private request: MeasureRequest | null = null;
  private readonly finishedRequests = new Set<string>();
  private readonly edited = new Set<string>();
  /** Images with a stored annotation not drawn yet (drawn when a viewport shows them). */
  private readonly waiting = new Set<string>();
  private cancelling = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly removers: (() => void)[] = [];
  private elementRemovers: (() => void)[] = [];
  private destroyed = false;

  constructor(
    private readonly prefix: string,
    private readonly toolGroup: ViewerToolGroup,
    private readonly controllers: () => readonly (ViewportController | null)[],
    private readonly callbacks: () => AnnotationLayerCallbacks,
    /** Told whenever the armed request changes (armed, drawn, cancelled). */
    private readonly onArmedChange: (request: MeasureRequest | null) => void = () => undefined,
  ) {
    const { Events } = ToolEnums;
    this.listen(eventTarget, Events.ANNOTATION_COMPLETED, (event) => this.onCompleted(event));
    this.listen(eventTarget, Events.ANNOTATION_MODIFIED, (event) => this.onModified(event));
    // Tools finish a drag on the document's mouseup; the window sees it after them.
    this.listen(window, 'mouseup', () => setTimeout(() => this.flushEdits(), 0));
    this.listen(window, 'touchend', () => setTimeout(() => this.flushEdits(), 0));
  }

  /** The measure request the app passed (null: none). A request is drawn once; Esc cancels it. */
  setRequest(request: MeasureRequest | null): void {
    const wanted = request && !this.finishedRequests.has(request.id) ? request : null;
    if (wanted?.id === this.request?.id && wanted?.tool === this.request?.tool) return;
    if (this.request) this.cancelDrawing();
    this.setArmed(wanted);
  }

  armed(): MeasureRequest | null {
    return this.request;
  }

  /** Esc: drops the drawing in progress and the request. Returns the cancelled request's id. */
  cancelRequest(): string | null {
    const request = this.request;
    if (!request) return null;
    this.cancelDrawing();
    this.finishedRequests.add(request.id);
    this.setArmed(null);
    return request.id;
  }

  private setArmed(request: MeasureRequest | null): void {
    this.request = request;
    if (request) this.toolGroup.armMeasurement(request.tool);
    else this.toolGroup.disarmMeasurement();
    this.onArmedChange(request);
  }

  setAnnotations(annotations: readonly ViewerAnnotation[]): void {
    const ids = new Set(annotations.map((a) => a.id));
    // The app answered a reported drawing once an annotation it did not have before shows up.
    this.pending = this.pending.filter((p) => {
      const answered = [...ids].some((id) => !p.knownIds.has(id));
      if (answered) this.removeToolAnnotation(p.uid);
      return !answered;
    });
    this.annotations = annotations;
    this.reconcile();
  }

  /** The viewports were mounted, replaced or unmounted: follow the new ones. */
  setViewports(): void {
    this.bindViewports();
    this.reconcile();
  }

  destroy(): void {
    this.destroyed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const remove of [...this.removers, ...this.elementRemovers]) remove();
    for (const uid of [...this.drawn.keys()]) this.remove(uid);
    for (const p of this.pending) this.removeToolAnnotation(p.uid);
    this.pending = [];
  }

  private uid(id: string): string {
    return `${this.prefix}:${id}`;
  }

  private shown(): Shown[] {
    const shown: Shown[] = [];
    this.controllers().forEach((controller, index) => {
      const series = controller?.getSeries();
      const state = controller?.getState();
      if (!controller || !series || !state || state.seriesInstanceUid !== series.seriesInstanceUid) return;
      shown.push({ index, controller, series });
    });
    return shown;
  }

  /** The image a viewport shows now, once it is drawn (its metadata, frame of reference included, is known). */
  private static displayed({ controller }: Shown): string | null {
    if (!controller.getState().rendered) return null;
    return controller.getViewport().getCurrentImageId() ?? null;
  }

  private reconcile(): void {
    if (this.destroyed) return;
    const now = performance.now();
    const shown = this.shown();
    // Cornerstone files an annotation under the frame of reference of the image its viewport shows
    // when it is added (one series may hold several), so a stored annotation is first drawn when its
    // image is on screen; afterwards it stays in the tool state until the app drops it.
    const displayed = new Map<string, string>();
    for (const entry of shown) {
      const imageId = AnnotationLayer.displayed(entry);
      if (imageId !== null) displayed.set(imageId, entry.controller.viewportId);
    }
    const wanted = new Map<string, { annotation: ViewerAnnotation; imageId: string }>();
    for (const annotation of this.annotations) {
      for (const { series } of shown) {
        const index = indexOfImage(series.frames, annotation.image);
        if (index < 0) continue;
        wanted.set(this.uid(annotation.id), { annotation, imageId: series.imageIds[index]! });
        break;
      }
    }
    for (const [uid, drawn] of [...this.drawn]) {
      if (wanted.has(uid)) continue;
      if (drawn.source.lesionId === '') this.keepUntilAnswered(uid, now);
      else this.remove(uid);
    }
    this.waiting.clear();
    for (const [uid, want] of wanted) {
      const drawn = this.drawn.get(uid);
      if (drawn && drawn.imageId === want.imageId && drawn.source.tool === want.annotation.tool) {
        this.update(uid, drawn, want.annotation, now);
        continue;
      }
      if (drawn) this.remove(uid);
      const viewportId = displayed.get(want.imageId);
      if (viewportId) this.draw(uid, want.annotation, want.imageId, viewportId);
      else this.waiting.add(want.imageId);
    }
    this.pending = this.pending.filter((p) => {
      if (p.until > now) return true;
      this.removeToolAnnotation(p.uid);
      return false;
    });
    this.scheduleExpiry();
    toolUtilities.triggerAnnotationRenderForViewportIds(shown.map((s) => s.controller.viewportId));
  }

  private draw(uid: string, source: ViewerAnnotation, imageId: string, viewportId: string): void {
    const points = pointsOf(source.tool, source);
    if (!points) return; // e.g. a Bidirectional without its short axis: nothing sensible to draw
    const options = { annotationUID: uid, referencedImageId: imageId };
    let created: ToolTypes.Annotation | undefined;
    if (source.tool === 'Bidirectional') {
      const [a, b, c, d] = points as [Vec3, Vec3, Vec3, Vec3];
      created = BidirectionalTool.hydrate(viewportId, [[a, b] as never, [c, d] as never], options);
    } else if (source.tool === 'Length') {
      created = LengthTool.hydrate(viewportId, points as never, options);
    } else {
      created = ArrowAnnotateTool.hydrate(viewportId, points as never, source.label, options);
    }
    // Length and ArrowAnnotate hydrate without returning what they added: look it up, else the
    // drawing would never get its lesion label, colour or lock (and be added again on each pass).
    created ??= csAnnotation.state.getAnnotation(uid);
    if (!created) return;
    const drawn: Drawn = { source, imageId, geometry: geometryOf(source), look: '', pendingUntil: null };
    this.drawn.set(uid, drawn);
    this.applyLook(uid, drawn, source);
  }

  /**
   * Same image and tool: change the drawn annotation in place, so a drag the reader is doing on it
   * (the tool holds the object) is not cut off by, say, the app highlighting the lesion just clicked.
   */
  private update(uid: string, drawn: Drawn, source: ViewerAnnotation, now: number): void {
    const annotation = csAnnotation.state.getAnnotation(uid) as AnyAnnotation | undefined;
    if (!annotation) {
      this.drawn.delete(uid);
      return;
    }
    const geometry = geometryOf(source);
    const changed = geometry !== drawn.geometry;
    const expired = drawn.pendingUntil !== null && drawn.pendingUntil <= now;
    if ((changed || expired) && !this.edited.has(uid)) {
      const points = pointsOf(source.tool, source);
      if (points) {
        annotation.data.handles.points = points.map((p): [number, number, number] => [p[0], p[1], p[2]]);
        annotation.invalidated = true;
      }
      drawn.geometry = geometry;
      drawn.pendingUntil = null;
    }
    drawn.source = source;
    this.applyLook(uid, drawn, source);
  }

  private applyLook(uid: string, drawn: Drawn, source: ViewerAnnotation): void {
    const look = JSON.stringify([source.label, source.kind, source.locked, source.highlighted ?? false]);
    if (look === drawn.look) return;
    drawn.look = look;
    const annotation = csAnnotation.state.getAnnotation(uid) as AnyAnnotation | undefined;
    if (annotation) {
      annotation.data.label = source.label;
      // An arrow's text is its label alone (a lesion relabelled after a deletion shows the new one).
      if (source.tool === 'ArrowAnnotate') annotation.data.text = source.label;
    }
    csAnnotation.config.style.setAnnotationStyles(uid, {
      ...annotationStyle(source.kind, { highlighted: source.highlighted ?? false }),
      ...LABEL_BOX,
    });
    if (csAnnotation.locking.isAnnotationLocked(uid) !== source.locked)
      csAnnotation.locking.setAnnotationLocked(uid, source.locked);
  }

  private remove(uid: string): void {
    this.drawn.delete(uid);
    this.edited.delete(uid);
    if (csAnnotation.locking.isAnnotationLocked(uid)) csAnnotation.locking.setAnnotationLocked(uid, false);
    const styles = csAnnotation.config.style.config.annotations;
    if (styles) delete styles[uid];
    if (csAnnotation.state.getAnnotation(uid)) csAnnotation.state.removeAnnotation(uid);
  }

  /**
   * A drawing of no lesion yet (lesionId '': the app shows what the reader drew while they choose its
   * location) that the app drops is usually about to come back as the stored lesion's: it stays on
   * screen like a reported drawing, until the app's annotations gain a new one or PENDING_MS pass, so
   * the image (and a key image captured now) never goes without the callipers in between.
   */
  private keepUntilAnswered(uid: string, now: number): void {
    this.drawn.delete(uid);
    this.edited.delete(uid);
    this.pending.push({ uid, until: now + PENDING_MS, knownIds: new Set(this.annotations.map((a) => a.id)) });
  }

  private removeToolAnnotation(uid: string): void {
    const styles = csAnnotation.config.style.config.annotations;
    if (styles) delete styles[uid];
    if (csAnnotation.state.getAnnotation(uid)) csAnnotation.state.removeAnnotation(uid);
    toolUtilities.triggerAnnotationRenderForViewportIds(this.shown().map((s) => s.controller.viewportId));
  }

  private scheduleExpiry(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const times = [
      ...this.pending.map((p) => p.until),
      ...[...this.drawn.values()].flatMap((d) => (d.pendingUntil === null ? [] : [d.pendingUntil])),
    ];
    if (times.length === 0) return;
    const wait = Math.max(0, Math.min(...times) - performance.now()) + 5;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.reconcile();
    }, wait);
  }

  private cancelDrawing(): void {
    this.cancelling = true;
    try {
      for (const { controller } of this.shown()) {
        const uid = cancelActiveManipulations(controller.getElement());
        if (uid && !this.drawn.has(uid)) this.removeToolAnnotation(uid);
      }
    } finally {
      this.cancelling = false;
    }
  }

  private onCompleted(event: Event): void {
    const annotation = (event as CustomEvent<{ annotation: AnyAnnotation }>).detail?.annotation;
    const request = this.request;
    if (this.cancelling || !annotation?.annotationUID || !request) return;
    if (this.drawn.has(annotation.annotationUID)) return;
    if (annotation.metadata.toolName !== toolNames[request.tool]) return;
    const imageId = annotation.metadata.referencedImageId;
    const where = imageId === undefined ? null : this.locate(imageId);
    if (!where) return; // drawn in another Viewer
    const { longAxis, shortAxis, arrow } = axesOf(request.tool, annotation.data.handles.points);
    const axis = request.tool === 'ArrowAnnotate' ? arrow : longAxis;
    this.finishedRequests.add(request.id);
    this.setArmed(null);
    // Locked while it waits for the app, so it cannot be edited into something never reported.
    csAnnotation.locking.setAnnotationLocked(annotation.annotationUID, true);
    this.pending.push({
      uid: annotation.annotationUID,
      until: performance.now() + PENDING_MS,
      knownIds: new Set(this.annotations.map((a) => a.id)),
    });
    this.scheduleExpiry();
    if (!axis) return;
    this.callbacks().onMeasured?.({
      requestId: request.id,
      viewportIndex: where.index,
      tool: request.tool,
      image: where.image,
      longAxis: axis,
      shortAxis: request.tool === 'Bidirectional' ? shortAxis : null,
      ...(request.tool === 'ArrowAnnotate' && arrow ? { arrow } : {}),
    });
  }

  private onModified(event: Event): void {
    const detail = (event as CustomEvent<{ annotation?: AnyAnnotation; changeType?: string }>).detail;
    const uid = detail?.annotation?.annotationUID;
    if (!uid || !this.drawn.has(uid)) return;
    if (detail.changeType !== ToolEnums.ChangeTypes.HandlesUpdated) return;
    this.edited.add(uid);
  }

  /** One callback per finished drag (mouse up), however many moves it took. */
  private flushEdits(): void {
    if (this.edited.size === 0 || this.destroyed) return;
    const now = performance.now();
    for (const uid of this.edited) {
      const drawn = this.drawn.get(uid);
      const annotation = csAnnotation.state.getAnnotation(uid) as AnyAnnotation | undefined;
      if (!drawn || !annotation) continue;
      const { longAxis, shortAxis, arrow } = axesOf(drawn.source.tool, annotation.data.handles.points);
      drawn.pendingUntil = now + PENDING_MS;
      const event: AnnotationEditedEvent = {
        annotationId: drawn.source.id,
        image: imageRef(drawn.source.image),
        ...(drawn.source.tool === 'ArrowAnnotate'
          ? arrow
            ? { arrow }
            : {}
          : {
              ...(longAxis ? { longAxis } : {}),
              shortAxis: drawn.source.tool === 'Bidirectional' ? shortAxis : null,
            }),
      };
      this.callbacks().onAnnotationEdited?.(event);
    }
    this.edited.clear();
    this.scheduleExpiry();
  }

  private locate(imageId: string) {
    const controllers = this.controllers();
    // The viewport showing it now first (both may hold the series).
    const order = controllers
      .map((controller, index) => ({ controller, index }))
      .sort((a, b) => Number(isCurrent(b.controller, imageId)) - Number(isCurrent(a.controller, imageId)));
    for (const { controller, index } of order) {
      const series = controller?.getSeries();
      const at = series ? series.imageIds.indexOf(imageId) : -1;
      if (series && at >= 0) return { index, image: imageRef(series.frames[at]!) };
    }
    return null;
  }

  /**
   * Per viewport: clicks on an annotation (locked ones too) select it in the app; a newly drawn image
   * with an annotation waiting, or another series, redraws.
   */
  private bindViewports(): void {
    for (const remove of this.elementRemovers) remove();
    this.elementRemovers = [];
    this.controllers().forEach((controller) => {
      if (!controller) return;
      const element = controller.getElement();
      const onPointerDown = (event: PointerEvent) => this.onPointerDown(controller, element, event);
      element.addEventListener('pointerdown', onPointerDown);
      this.elementRemovers.push(() => element.removeEventListener('pointerdown', onPointerDown));
      const onRendered = () => this.tagSvgNodes();
      element.addEventListener(ToolEnums.Events.ANNOTATION_RENDERED, onRendered);
      this.elementRemovers.push(() =>
        element.removeEventListener(ToolEnums.Events.ANNOTATION_RENDERED, onRendered),
      );
      let series = controller.getState().seriesInstanceUid;
      this.elementRemovers.push(
        controller.subscribe((state) => {
          const seriesChanged = state.seriesInstanceUid !== series;
          series = state.seriesInstanceUid;
          const imageId = state.rendered ? controller.getViewport().getCurrentImageId() : undefined;
          if (seriesChanged || (imageId !== undefined && this.waiting.has(imageId))) this.reconcile();
        }),
      );
    });
  }

  /**
   * Cornerstone marks only an annotation's text box with data-annotation-uid; its lines, handles and
   * arrows get the attribute here, so the whole drawing can be found on screen (the location dialog
   * keeps clear of it; tests measure it).
   */
  private tagSvgNodes(): void {
    const ours = `${this.prefix}:`;
    const cache = toolsState.svgNodeCache as Record<string, Record<string, { domRef?: Element } | undefined>>;
    for (const nodes of Object.values(cache)) {
      for (const [key, node] of Object.entries(nodes ?? {})) {
        const uid = key.split('::')[0]!;
        if (uid.startsWith(ours) && node?.domRef && !node.domRef.hasAttribute('data-annotation-uid'))
          node.domRef.setAttribute('data-annotation-uid', uid);
      }
    }
  }

  private onPointerDown(controller: ViewportController, element: HTMLDivElement, event: PointerEvent): void {
    if (this.request || event.button !== 0) return;
    const onSelected = this.callbacks().onAnnotationSelected;
    if (!onSelected) return;
    const rect = element.getBoundingClientRect();
    const canvas: [number, number] = [event.clientX - rect.left, event.clientY - rect.top];
    const current = controller.getViewport().getCurrentImageId();
    for (const [uid, drawn] of this.drawn) {
      if (drawn.imageId !== current) continue;
      const annotation = csAnnotation.state.getAnnotation(uid);
      const tool = this.toolGroup.toolInstance(drawn.source.tool);
      if (!annotation || !tool) continue;
      if (tool.isPointNearTool(element, annotation as never, canvas, CLICK_PROXIMITY_PX)) {
        onSelected(drawn.source.id);
        return;
      }
    }
  }

  private listen(target: EventTarget, type: string, handler: (event: Event) => void): void {
    target.addEventListener(type, handler);
    this.removers.push(() => target.removeEventListener(type, handler));
  }
}

function isCurrent(controller: ViewportController | null, imageId: string): boolean {
  return controller?.getViewport().getCurrentImageId() === imageId;
}

function geometryOf({ longAxis, shortAxis, arrow }: ViewerAnnotation): string {
  return JSON.stringify([longAxis ?? null, shortAxis ?? null, arrow ?? null]);
}
