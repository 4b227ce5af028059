/**
 * One Cornerstone stack viewport and everything the reader does to it (slice, window, zoom, invert),
 * with a state snapshot the overlays render from. React-free so the Viewer, the test handle and later
 * the follow-up/prior synchronisation all drive viewports the same way.
 */
import {
  cache,
  Enums,
  eventTarget,
  metaData,
  type RenderingEngine,
  type StackViewport,
  type Types,
} from '@cornerstonejs/core';
import { unitNormal } from '../../core/viewing/sliceSync';
import { CACHE_BUDGET_BYTES, prefetcher } from './cornerstone';
import { describeLoadError } from './loadError';
import { orientationLabels, positionAlongNormal, type Vec3 } from './orientation';
import { slicesWithinBudget, type ScrollDirection } from './prefetch';
import { chooseScaleBar, zoomRelativeToFit } from './scaleBar';
import type { ViewerSeries, ViewportState, WindowLevel } from './types';
import { rememberedSlice } from './viewGeometry';
import { viewMemory, type RememberedView } from './viewMemory';
import {
  applyWindowAndZoom,
  centrePixel,
  centreToReveal,
  slicePlaneOf,
  viewToRemember,
  worldOfPixel,
} from './viewportView';
import { computeWindowFromPixels, rangeToWindowLevel, windowLevelToRange } from './voi';

const EMPTY_STATE: ViewportState = {
  seriesInstanceUid: null,
  sliceIndex: 0,
  sliceCount: 0,
  windowLevel: null,
  invert: false,
  zoom: 1,
  sliceLocationMm: null,
  sliceThicknessMm: null,
  orientation: null,
  scaleBar: null,
  error: null,
  rendered: false,
};

export interface ViewportControllerOptions {
  readonly renderingEngine: RenderingEngine;
  readonly viewportId: string;
  readonly element: HTMLDivElement;
  /** How many stacks are on screen: they share the cache budget. */
  readonly visibleStacks: () => number;
}

type Listener = (state: ViewportState) => void;
/** A new slice was asked for: by the reader (wheel, keys, slider, goTo) or by slice sync. */
type SliceListener = (index: number, bySync: boolean) => void;

export class ViewportController {
  readonly viewportId: string;
  private readonly engine: RenderingEngine;
  private readonly element: HTMLDivElement;
  private readonly visibleStacks: () => number;
  private readonly viewport: StackViewport;
  private readonly listeners = new Set<Listener>();
  private readonly sliceListeners = new Set<SliceListener>();
  /** The slice slice sync last asked for, so the change it causes is not synced back. */
  private syncIndex: number | null = null;
  /** Unit slice normal of the current series, from the first of its images drawn. */
  private normal: Vec3 | null = null;
  private series: ViewerSeries | null = null;
  private state: ViewportState = EMPTY_STATE;
  private targetIndex = 0;
  /** Whether the target slice has actually been drawn (IMAGE_RENDERED), not just set up. */
  private drawn = false;
  private direction: ScrollDirection = 0;
  private bytesPerSlice = 0;
  /** Non-CT images without a window in the file get a computed one once per series. */
  private autoWindowPending = false;
  /**
   * The image the reader asked for and waits to see: a newly shown series' first slice, or a slice
   * jumped to ("go to", a click on the slider) that is not decoded yet. All prefetch holds until it is
   * drawn: loads started meanwhile compete with it for connections, decoders and the UI thread
   * (see Prefetcher.hold). Null when nothing is awaited.
   */
  private awaitedImageId: string | null = null;
  /** The window last set on this series (a preset, a drag, a reset, the first image's own). */
  private seriesWindow: Types.VOIRange | null = null;
  /**
   * Whether changes to the view are written to the view memory: not while a series opens, before its
   * remembered view is applied (the file's window and "fit" would overwrite it).
   */
  private remembering = false;
  /**
   * Counts the series opened: an open still under way when another starts must not finish. Not the
   * series object, since an equal series (a re-render, a second effect run) replaces it mid-open.
   */
  private opening = 0;
  /** The opening whose remembered view is in place, and that view (null: none remembered). */
  private opened = 0;
  private openingView: RememberedView | null = null;
  /** Image pixel (column, row) at the middle of the viewport, as of the last refresh. */
  private centre: [number, number] | null = null;
  /**
   * When the reader last moved through this series (ms since the epoch): its remembered view's time
   * when it opens, then each slice change the reader makes here (not those slice sync makes). Null for
   * a series never seen before. Slice sync lets the latest lead when two series open side by side.
   */
  private viewedAt: number | null = null;
  /** The centre just before the camera was last reset (by a resize): restoreZoom pans back to it. */
  private centreBeforeReset: [number, number] | null = null;
  private destroyed = false;
  private readonly removers: (() => void)[] = [];
  /**
   * The element's size in CSS pixels, kept by a ResizeObserver: reading it on every drawn slice
   * (getBoundingClientRect) forced a style and layout pass per scroll step.
   */
  private size: { width: number; height: number } | null = null;
  private planTimer: ReturnType<typeof setTimeout> | null = null;

  constructor({ renderingEngine, viewportId, element, visibleStacks }: ViewportControllerOptions) {
    this.viewportId = viewportId;
    this.engine = renderingEngine;
    this.element = element;
    this.visibleStacks = visibleStacks;
    renderingEngine.enableElement({
      viewportId,
      element,
      type: Enums.ViewportType.STACK,
      defaultOptions: { background: [0, 0, 0] },
    });
    this.viewport = renderingEngine.getViewport(viewportId) as StackViewport;
    this.reportDisplayFailures();
    this.noteCameraResets();
    this.listen(element, Enums.Events.PRE_STACK_NEW_IMAGE, this.onPreNewImage);
    this.listen(element, Enums.Events.STACK_NEW_IMAGE, this.onNewImage);
    this.listen(element, Enums.Events.IMAGE_RENDERED, this.onRendered);
    this.listen(element, Enums.Events.VOI_MODIFIED, this.onVoiModified);
    this.listen(element, Enums.Events.CAMERA_MODIFIED, this.refresh);
    this.listen(eventTarget, Enums.Events.IMAGE_LOAD_ERROR, this.onLoadError);
    const observer = new ResizeObserver(() => {
      this.size = null;
    });
    observer.observe(element);
    this.removers.push(() => observer.disconnect());
  }

  getState(): ViewportState {
    return this.state;
  }

  getSeries(): ViewerSeries | null {
    return this.series;
  }

  /** The Cornerstone viewport, for tools and synchronisers that need it directly. */
  getViewport(): StackViewport {
    return this.viewport;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called whenever a different slice is asked for (before it is drawn). */
  onSliceChange(listener: SliceListener): () => void {
    this.sliceListeners.add(listener);
    return () => this.sliceListeners.delete(listener);
  }

  getElement(): HTMLDivElement {
    return this.element;
  }

  lastViewedAt(): number | null {
    return this.viewedAt;
  }

  /** The slice being shown or loaded (0-based). */
  targetSlice(): number {
    return this.targetIndex;
  }

  /** The unit normal of the series' slices (row x column cosines), null before an image is drawn. */
  sliceNormal(): Vec3 | null {
    return this.normal;
  }

  /**
   * Pans so `point` (world mm) is in the middle of the viewport, keeping zoom and slice. Call once the
   * wanted slice is drawn: a new image re-applies the pan relative to its own centre.
   */
  centerOn(point: Vec3): void {
    if (this.destroyed || !this.viewport.getCornerstoneImage()) return;
    const camera = this.viewport.getCamera();
    const focal = camera.focalPoint;
    const position = camera.position;
    const normal = camera.viewPlaneNormal;
    if (!focal || !position || !normal) return;
    const delta = subtract(point as Types.Point3, focal);
    const along = delta[0] * normal[0] + delta[1] * normal[1] + delta[2] * normal[2];
    const inPlane: Vec3 = [
      delta[0] - along * normal[0],
      delta[1] - along * normal[1],
      delta[2] - along * normal[2],
    ];
    this.viewport.setCamera({
      focalPoint: [focal[0] + inPlane[0], focal[1] + inPlane[1], focal[2] + inPlane[2]],
      position: [position[0] + inPlane[0], position[1] + inPlane[1], position[2] + inPlane[2]],
    });
    this.viewport.render();
  }

  /** Resolves once slice `index` is drawn (true) or failed / was left for another slice (false). */
  whenShown(index: number): Promise<boolean> {
    return new Promise((resolve) => {
      const check = (state: ViewportState) => {
        if (this.destroyed || this.targetIndex !== index) return finish(false);
        if (state.sliceIndex !== index) return false;
        if (state.rendered) return finish(true);
        if (state.error) return finish(false);
        return false;
      };
      const finish = (shown: boolean) => {
        unsubscribe();
        resolve(shown);
        return true;
      };
      const unsubscribe = this.subscribe(check);
      check(this.state);
    });
  }

  /**
   * Shows a series, or clears the viewport: from `startIndex` when given, else where the reader left
   * it (slice, window, zoom, pan: see viewMemory.ts), else from the first slice. A series never seen
   * opens at the top of the stack, where a reader starts reading it.
   */
  async setSeries(series: ViewerSeries | null, startIndex?: number): Promise<void> {
    // A re-render with an equal series (a new object for the same images) keeps slice and window.
    if (series && this.series && sameImages(series, this.series)) {
      this.series = series;
      return;
    }
    this.series = series;
    const opening = ++this.opening;
    this.normal = null;
    this.syncIndex = null;
    this.remembering = false;
    this.centre = null;
    this.centreBeforeReset = null;
    this.viewedAt = null;
    prefetcher().remove(this.viewportId);
    if (!series || series.imageIds.length === 0) {
      this.setState({
        ...EMPTY_STATE,
        seriesInstanceUid: series?.seriesInstanceUid ?? null,
        error: series ? 'This series has no images to show.' : null,
      });
      return;
    }
    const remembered = startIndex === undefined ? viewMemory().recall(series.seriesInstanceUid) : null;
    this.viewedAt = remembered?.savedAt ?? null;
    this.openingView = remembered;
    const index = remembered
      ? rememberedSlice(series.frames, remembered)
      : clampIndex(startIndex ?? 0, series.imageIds.length);
    this.targetIndex = index;
    this.drawn = false;
    this.direction = 0;
    this.bytesPerSlice = 0;
    this.autoWindowPending = series.modality.toUpperCase() !== 'CT';
    this.seriesWindow = null;
    this.awaitDraw(series.imageIds[index]!);
    this.setState({
      ...EMPTY_STATE,
      seriesInstanceUid: series.seriesInstanceUid,
      sliceIndex: index,
      sliceCount: series.imageIds.length,
    });
    try {
      await this.viewport.setStack([...series.imageIds], index);
    } catch (error) {
      // The GPU path reports failures through IMAGE_LOAD_ERROR; the CPU path rejects here too.
      if (!this.destroyed && this.opening === opening) this.showError(error, series.imageIds[index]!);
      return;
    }
    // setStack resolves in the same task as the first image is set up, before the frame that draws
    // it: the remembered view is in place for the first draw, with no flash of the file's view.
    this.finishOpening(opening);
  }

  /**
   * Puts the remembered view in place and starts remembering, once per opening. From setStack's
   * resolution, or else from the first image drawn: when the reader moves on before the first image
   * has loaded, Cornerstone drops that load and setStack never resolves.
   */
  private finishOpening(opening: number): void {
    if (this.destroyed || this.opening !== opening || this.opened === opening) return;
    this.opened = opening;
    const remembered = this.openingView;
    if (remembered) {
      applyWindowAndZoom(this.viewport, remembered);
      this.panCentreTo(remembered.centre);
      this.viewport.render();
    }
    this.remembering = true;
    this.refresh();
  }

  /** Pans so image pixel `centre` (column, row) of the current slice is in the middle. */
  private panCentreTo(centre: readonly [number, number] | null): void {
    const world = worldOfPixel(this.viewport, centre);
    if (world) this.centerOn(world);
  }

  setSlice(index: number, bySync = false): void {
    const series = this.series;
    if (!series || series.imageIds.length === 0) return;
    const target = clampIndex(index, series.imageIds.length);
    if (target === this.targetIndex && this.state.rendered) return;
    this.syncIndex = bySync ? target : null;
    this.direction = target > this.targetIndex ? 1 : target < this.targetIndex ? -1 : this.direction;
    const imageId = series.imageIds[target]!;
    if (!prefetcher().isCached(imageId)) this.awaitDraw(imageId);
    // A cached slice shows at once and supersedes one still awaited: prefetch must not wait for it.
    else if (this.awaitedImageId !== null) this.stopAwaitingDraw();
    this.viewport.setImageIdIndex(target).then(
      () => this.drawNow(),
      (error: unknown) => {
        if (!this.destroyed) this.showError(error, series.imageIds[target]!);
      },
    );
  }

  scrollBy(delta: number): void {
    this.setSlice(this.targetIndex + delta);
  }

  setWindowLevel(windowLevel: WindowLevel): void {
    this.viewport.setProperties({ voiRange: windowLevelToRange(windowLevel) });
    this.viewport.render();
  }

  /** Back to the window in the file (or Cornerstone's default for the image when it has none). */
  resetWindowLevel(): void {
    const invert = this.viewport.getProperties().invert ?? false;
    this.viewport.resetProperties();
    this.viewport.setProperties({ invert });
    this.viewport.render();
  }

  /** A window from the current image's own pixel values (MR has no absolute scale to preset). */
  autoWindowLevel(): void {
    const pixels = this.viewport.getCornerstoneImage()?.voxelManager?.getScalarData();
    if (!pixels) return;
    const windowLevel = computeWindowFromPixels(pixels);
    if (windowLevel) this.setWindowLevel(windowLevel);
  }

  toggleInvert(): void {
    this.viewport.setProperties({ invert: !(this.viewport.getProperties().invert ?? false) });
    this.viewport.render();
  }

  zoomBy(factor: number): void {
    this.viewport.setZoom(this.viewport.getZoom() * factor);
    this.viewport.render();
  }

  /**
   * After a resize has refitted the camera: zoom back to what the reader had (1 = fit) and pan back to
   * the same middle point (a layout change, e.g. 1x2 to 1x1, must not lose the reader's place).
   */
  restoreZoom(zoom: number): void {
    const centre = this.centreBeforeReset;
    if (this.destroyed || !this.viewport.getCornerstoneImage()) return;
    if (Math.abs(zoom - 1) > 1e-3) this.viewport.setZoom(this.viewport.getZoom() * zoom);
    this.panCentreTo(centre);
    this.viewport.render();
  }

  /**
   * "Go to": brings world point `point` into view on the slice shown, keeping the reader's zoom. No
   * pan when it is already well inside the view (at fit the whole chest stays on screen); else it
   * comes to the middle as far as that keeps the image filling the view (see revealShift).
   */
  revealPoint(point: Vec3): void {
    if (this.destroyed) return;
    this.size ??= this.element.getBoundingClientRect();
    const centre = centreToReveal(this.viewport, point, this.size);
    if (centre) this.centerOn(centre);
  }

  fit(): void {
    this.viewport.resetCamera({ resetPan: true, resetZoom: true });
    this.viewport.render();
  }

  /** Fit, file window, no inversion: the view as first opened. */
  reset(): void {
    this.viewport.resetCamera({ resetPan: true, resetZoom: true });
    this.viewport.resetProperties();
    this.viewport.render();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.planTimer !== null) clearTimeout(this.planTimer);
    prefetcher().remove(this.viewportId);
    for (const remove of this.removers) remove();
    this.listeners.clear();
    this.sliceListeners.clear();
    // Cornerstone's CPU path still draws an image that arrives after the viewport is disabled when it
    // is the current one, and then finds no rendering engine (a TypeError in the page): switching
    // visits while a first slice loads did that. No image is current any more.
    (this.viewport as unknown as { currentImageIdIndex: number }).currentImageIdIndex = -1;
    this.engine.disableElement(this.viewportId);
  }

  /**
   * Draws what the viewport has been given now instead of at the next animation frame. Cornerstone
   * renders on requestAnimationFrame, so a slice asked for from an input event (itself dispatched
   * just before a frame's animation callbacks, or inside one) was drawn a whole frame later: every
   * scroll step took at least one frame interval (16.7 ms at 60 Hz) although drawing a cached CT
   * slice takes a few milliseconds. The frame callback still scheduled finds nothing left to draw.
   */
  private drawNow(): void {
    if (this.destroyed || this.engine.hasBeenDestroyed) return;
    const implementation = (
      this.engine as unknown as { _implementation?: { _renderFlaggedViewports?: () => void } }
    )._implementation;
    implementation?._renderFlaggedViewports?.();
  }

  /**
   * A decoded image can still fail to display (e.g. vtk.js rejects YBR_FULL_422 pixel layouts); the
   * stack viewport then reports it only as an anonymous load error. Catch it where it happens so the
   * reader sees a message instead of a viewport stuck on "Loading".
   */
  private reportDisplayFailures(): void {
    const viewport = this.viewport;
    const display = viewport.successCallback.bind(viewport);
    viewport.successCallback = (imageId: string, image: unknown) => {
      try {
        display(imageId, image);
      } catch (error) {
        if (!this.destroyed && imageId === this.series?.imageIds[this.targetIndex]) {
          this.showError(error, imageId);
        }
      }
    };
  }

  /**
   * A resize (engine.resize, then restoreZoom from the Viewer) refits the camera through the viewport's
   * resetCamera, and the pan is gone by the time restoreZoom runs; several resizes can follow each
   * other as a layout settles. Noting the middle point at every reset lets restoreZoom put it back.
   */
  private noteCameraResets(): void {
    const viewport = this.viewport;
    const reset = viewport.resetCamera.bind(viewport);
    viewport.resetCamera = (...args: Parameters<StackViewport['resetCamera']>) => {
      this.centreBeforeReset = this.centre;
      return reset(...args);
    };
  }

  private listen(target: EventTarget, type: string, handler: (event: Event) => void): void {
    const bound = handler.bind(this);
    target.addEventListener(type, bound);
    this.removers.push(() => target.removeEventListener(type, bound));
  }

  private onPreNewImage(event: Event): void {
    const { imageIdIndex } = (event as CustomEvent<{ imageIdIndex: number }>).detail;
    const changed = imageIdIndex !== this.targetIndex;
    const bySync = this.syncIndex === imageIdIndex;
    this.syncIndex = null;
    this.targetIndex = imageIdIndex;
    this.drawn = false;
    this.setState({ ...this.state, sliceIndex: imageIdIndex, error: null, rendered: false });
    if (changed && !bySync) this.viewedAt = Date.now();
    if (changed) for (const listener of this.sliceListeners) listener(imageIdIndex, bySync);
  }

  private onNewImage(event: Event): void {
    const { image, imageIdIndex } = (event as CustomEvent<{ image: Types.IImage; imageIdIndex: number }>)
      .detail;
    if (imageIdIndex !== this.targetIndex) return;
    this.bytesPerSlice = image.sizeInBytes || this.bytesPerSlice;
    if (this.autoWindowPending) {
      this.autoWindowPending = false;
      if (!hasFileWindow(image)) this.autoWindowLevel();
    }
    if (this.awaitedImageId === null) this.schedulePrefetchPlan();
  }

  private onLoadError(event: Event): void {
    const detail = (event as CustomEvent<{ imageId?: string; error?: unknown }>).detail;
    const series = this.series;
    if (!series || !detail || detail.imageId === undefined) return;
    if (detail.imageId !== series.imageIds[this.targetIndex]) return;
    this.showError(detail.error, detail.imageId);
  }

  private showError(error: unknown, imageId: string): void {
    // An image that cannot be shown must not pause the other viewports' prefetch.
    if (this.awaitedImageId !== null) this.stopAwaitingDraw();
    const syntax = metaData.get('transferSyntax', imageId) as { transferSyntaxUID?: string } | undefined;
    const pixel = metaData.get('imagePixelModule', imageId) as
      { photometricInterpretation?: string } | undefined;
    this.setState({
      ...this.state,
      sliceIndex: this.targetIndex,
      error: describeLoadError(
        error,
        syntax?.transferSyntaxUID ?? null,
        pixel?.photometricInterpretation ?? null,
      ),
      rendered: false,
    });
  }

  /**
   * Re-planning (and evicting) waits until the new slice is drawn, in a task of its own: it is not
   * on the path of the scroll step, and one plan serves a burst of steps.
   */
  private schedulePrefetchPlan(): void {
    if (this.planTimer !== null) return;
    this.planTimer = setTimeout(() => {
      this.planTimer = null;
      if (!this.destroyed) this.planPrefetch();
    }, 0);
  }

  private planPrefetch(): void {
    const series = this.series;
    if (!series || this.bytesPerSlice <= 0) return;
    const limit = slicesWithinBudget(
      CACHE_BUDGET_BYTES,
      this.bytesPerSlice,
      Math.max(1, this.visibleStacks()),
    );
    prefetcher().update(this.viewportId, series.imageIds, this.targetIndex, limit, this.direction);
  }

  private onRendered(): void {
    if (this.viewport.getCornerstoneImage() && this.viewport.getCurrentImageIdIndex() === this.targetIndex) {
      this.drawn = true;
    }
    if (this.drawn && this.opened !== this.opening) {
      this.finishOpening(this.opening);
      return;
    }
    this.keepSeriesWindow();
    this.refresh();
  }

  private onVoiModified(event: Event): void {
    this.seriesWindow = (event as CustomEvent<{ range?: Types.VOIRange }>).detail.range ?? this.seriesWindow;
    this.refresh();
  }

  /**
   * Cornerstone's CPU path (drawing here, where WebGL is a software rasterizer) resets the viewport's
   * window to the new image's own on every slice change: it still draws with the window the reader
   * chose, but reports the file's, so the overlay and the presets said "W 2000 L -450" after one
   * scroll step. The window in effect is the one last set for the series, on any slice.
   */
  private keepSeriesWindow(): void {
    const kept = this.seriesWindow;
    const current = this.viewport.getProperties().voiRange;
    if (!kept || !current || (kept.lower === current.lower && kept.upper === current.upper)) return;
    this.viewport.setProperties({ voiRange: kept }, true);
  }

  /** Recomputes the overlay state from the viewport after a render, a window or a camera change. */
  private refresh(): void {
    const series = this.series;
    const image = this.viewport.getCornerstoneImage();
    if (!series || !image || this.viewport.getCurrentImageIdIndex() !== this.targetIndex) return;
    const properties = this.viewport.getProperties();
    const plane = metaData.get('imagePlaneModule', image.imageId) as Types.ImagePlaneModule | undefined;
    const hasGeometry = !!plane && !plane.usingDefaultValues && !!plane.rowCosines && !!plane.columnCosines;
    this.size ??= this.element.getBoundingClientRect();
    const { width, height } = this.size;

    if (hasGeometry && !this.normal) {
      this.normal = unitNormal(plane.rowCosines as Vec3, plane.columnCosines as Vec3);
    }
    let sliceLocationMm: number | null = null;
    if (hasGeometry && plane.imagePositionPatient) {
      sliceLocationMm = positionAlongNormal(
        plane.imagePositionPatient as Vec3,
        plane.rowCosines as Vec3,
        plane.columnCosines as Vec3,
      );
    } else if (typeof plane?.sliceLocation === 'number') {
      sliceLocationMm = plane.sliceLocation;
    }

    const origin = this.viewport.canvasToWorld([0, 0]);
    const right = this.viewport.canvasToWorld([width, 0]);
    const down = this.viewport.canvasToWorld([0, height]);
    const screenRight = subtract(right, origin);
    const screenDown = subtract(down, origin);
    const hasSpacing = !!plane?.rowPixelSpacing && !!plane.columnPixelSpacing;
    const mmPerPixel = width > 0 ? Math.hypot(...screenRight) / width : 0;

    this.setState({
      seriesInstanceUid: series.seriesInstanceUid,
      sliceIndex: this.targetIndex,
      sliceCount: series.imageIds.length,
      windowLevel: properties.voiRange ? rangeToWindowLevel(properties.voiRange) : null,
      invert: properties.invert ?? false,
      zoom: zoomRelativeToFit(
        mmPerPixel,
        { width, height },
        {
          width: image.columns * (plane?.columnPixelSpacing || 1),
          height: image.rows * (plane?.rowPixelSpacing || 1),
        },
      ),
      sliceLocationMm,
      sliceThicknessMm: plane?.sliceThickness ?? series.sliceThicknessMm,
      orientation: hasGeometry ? orientationLabels(screenRight, screenDown) : null,
      scaleBar: hasSpacing ? chooseScaleBar(mmPerPixel, width) : null,
      error: null,
      rendered: this.drawn,
    });
    const slicePlane = hasGeometry && hasSpacing ? slicePlaneOf(image.imageId, plane) : null;
    this.centre = slicePlane ? centrePixel(this.viewport, slicePlane, width, height) : null;
    if (this.remembering) {
      viewMemory().remember(
        series.seriesInstanceUid,
        viewToRemember(series, this.targetIndex, properties, this.state.zoom, this.centre),
      );
    }
    if (this.awaitedImageId !== null && image.imageId === this.awaitedImageId && this.drawn) {
      this.planPrefetch();
      this.stopAwaitingDraw();
    }
  }

  private awaitDraw(imageId: string): void {
    this.awaitedImageId = imageId;
    prefetcher().hold(this.viewportId);
  }

  private stopAwaitingDraw(): void {
    this.awaitedImageId = null;
    prefetcher().release(this.viewportId);
  }

  private setState(next: ViewportState): void {
    if (this.destroyed || shallowEqual(next, this.state)) return;
    this.state = next;
    for (const listener of this.listeners) listener(next);
  }
}

function sameImages(a: ViewerSeries, b: ViewerSeries): boolean {
  return (
    a.seriesInstanceUid === b.seriesInstanceUid &&
    a.imageIds.length === b.imageIds.length &&
    a.imageIds.every((imageId, i) => imageId === b.imageIds[i])
  );
}

function hasFileWindow(image: Types.IImage): boolean {
  const width = Array.isArray(image.windowWidth) ? image.windowWidth[0] : image.windowWidth;
  return typeof width === 'number' && Number.isFinite(width) && width > 0;
}

function clampIndex(index: number, count: number): number {
  return Math.min(Math.max(0, Math.round(index)), count - 1);
}

function subtract(a: Types.Point3, b: Types.Point3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

function shallowEqual(a: ViewportState, b: ViewportState): boolean {
  return (
    a.seriesInstanceUid === b.seriesInstanceUid &&
    a.sliceIndex === b.sliceIndex &&
    a.sliceCount === b.sliceCount &&
    a.windowLevel?.width === b.windowLevel?.width &&
    a.windowLevel?.center === b.windowLevel?.center &&
    a.invert === b.invert &&
    a.zoom === b.zoom &&
    a.sliceLocationMm === b.sliceLocationMm &&
    a.sliceThicknessMm === b.sliceThicknessMm &&
    a.orientation?.left === b.orientation?.left &&
    a.orientation?.top === b.orientation?.top &&
    a.orientation?.right === b.orientation?.right &&
    a.orientation?.bottom === b.orientation?.bottom &&
    a.scaleBar?.mm === b.scaleBar?.mm &&
    a.scaleBar?.px === b.scaleBar?.px &&
    a.error === b.error &&
    a.rendered === b.rendered
  );
}

/** For the debug handle: is slice `index` of this series decoded and cached? */
export function isSliceCached(series: ViewerSeries | null, index: number): boolean {
  const imageId = series?.imageIds[index];
  return imageId !== undefined && cache.isLoaded(imageId);
}
