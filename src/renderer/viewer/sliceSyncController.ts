/**
 * 1x2 slice synchronisation: when one viewport moves to another slice, the other follows to the
 * slice at the same position along the normal (same frame of reference), or at the position the
 * reader linked at a landmark ("Link here"). The geometry is core/viewing/sliceSync; this class only
 * listens to the two viewports and moves them.
 */
import {
  alignmentOf,
  decideSync,
  invertMapping,
  linkAt,
  nearestSlice,
  positionAlong,
  syncedSlice,
  type PositionMapping,
  type SyncDecision,
  type Vec3,
} from '../../core/viewing/sliceSync';
import type { SliceSyncStatus, ViewerSeries } from './types';
import type { ViewportController } from './ViewportController';

export interface SliceSyncSnapshot {
  readonly status: SliceSyncStatus;
  readonly enabled: boolean;
  /** "Link here" can be used: both viewports show positioned, parallel slices. */
  readonly canLink: boolean;
}

interface Link {
  readonly leftSeries: string;
  readonly rightSeries: string;
  /** Left position -> right position. */
  readonly mapping: PositionMapping;
}

const OFF: SliceSyncSnapshot = { status: 'not-linked', enabled: true, canLink: false };

export class SliceSyncController {
  private enabled = true;
  private link: Link | null = null;
  private snapshot: SliceSyncSnapshot = OFF;
  private readonly listeners = new Set<() => void>();
  private removers: (() => void)[] = [];
  private lastMapping: PositionMapping | null = null;
  private viewports: readonly (ViewportController | null)[] = [];
  private active = 0;
  /** The two series sync last started on: other series on screen mean they were just opened. */
  private startedOn: string | null = null;

  /** The viewports on screen (left, right); re-listens to them. */
  attach(viewports: readonly (ViewportController | null)[]): void {
    this.detach();
    this.viewports = viewports;
    this.pair().forEach((controller, index) => {
      if (!controller) return;
      this.removers.push(controller.onSliceChange((slice, bySync) => this.onSlice(index, slice, bySync)));
      this.removers.push(controller.subscribe(() => this.update()));
    });
    this.update();
  }

  detach(): void {
    for (const remove of this.removers) remove();
    this.removers = [];
  }

  /** The viewport the reader works in leads when sync starts. */
  setActive(index: number): void {
    this.active = index;
  }

  private controllers(): readonly (ViewportController | null)[] {
    return this.viewports;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SliceSyncSnapshot => this.snapshot;

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.update();
  }

  /** Stores the offset between the two slices shown now; sync then keeps it. False when impossible. */
  linkHere(): boolean {
    const [left, right] = this.pair();
    const geometry = this.geometry();
    if (!left || !right || !geometry || geometry.alignment === 0) return false;
    const leftPosition = positionOf(left.getSeries(), left.targetSlice());
    const rightPosition = positionOf(right.getSeries(), right.targetSlice());
    if (leftPosition === null || rightPosition === null) return false;
    this.link = {
      leftSeries: geometry.left.seriesInstanceUid,
      rightSeries: geometry.right.seriesInstanceUid,
      mapping: linkAt(leftPosition, rightPosition, geometry.alignment),
    };
    this.enabled = true;
    this.lastMapping = this.link.mapping; // already aligned: do not move either viewport
    this.update();
    return true;
  }

  /**
   * The slice of viewport `index` nearest a world point given in frame of reference `frameUid`:
   * directly when the viewport's series is in that frame (or the frame is unknown), through the
   * landmark link when the other viewport's series is. null when there is no way to place it.
   */
  sliceNearest(index: number, point: Vec3, frameUid: string | null): number | null {
    const controller = this.controllers()[index];
    const series = controller?.getSeries();
    const normal = controller?.sliceNormal();
    if (!controller || !series?.slicePositionsMm || !normal) return null;
    if (frameUid === null || frameUid === series.frameOfReferenceUid) {
      return nearestSlice(series.slicePositionsMm, positionAlong(point, normal))?.index ?? null;
    }
    const geometry = this.geometry();
    const link = this.currentLink(geometry);
    if (!geometry || !link || index > 1) return null;
    const other = index === 0 ? geometry.right : geometry.left;
    const otherNormal = index === 0 ? geometry.rightNormal : geometry.leftNormal;
    if (other.frameOfReferenceUid !== frameUid) return null;
    const mapping = index === 1 ? link.mapping : invertMapping(link.mapping);
    return syncedSlice(positionAlong(point, otherNormal), mapping, series.slicePositionsMm)?.index ?? null;
  }

  private pair(): [ViewportController | null, ViewportController | null] {
    const all = this.controllers();
    return [all[0] ?? null, all[1] ?? null];
  }

  private geometry() {
    const [left, right] = this.pair();
    const leftSeries = left?.getSeries();
    const rightSeries = right?.getSeries();
    const leftNormal = left?.sliceNormal();
    const rightNormal = right?.sliceNormal();
    if (!leftSeries || !rightSeries || !leftNormal || !rightNormal) return null;
    return {
      left: leftSeries,
      right: rightSeries,
      leftNormal,
      rightNormal,
      alignment: alignmentOf(leftNormal, rightNormal),
      positioned: hasPositions(leftSeries) && hasPositions(rightSeries),
    };
  }

  private currentLink(geometry: ReturnType<SliceSyncController['geometry']>): Link | null {
    const link = this.link;
    if (!link || !geometry) return null;
    const same =
      link.leftSeries === geometry.left.seriesInstanceUid &&
      link.rightSeries === geometry.right.seriesInstanceUid;
    return same ? link : null;
  }

  private decide(): SyncDecision & { canLink: boolean } {
    const geometry = this.geometry();
    if (!geometry) return { status: 'not-linked', mapping: null, canLink: false };
    const decision = decideSync({
      enabled: this.enabled,
      sourceFrameOfReferenceUid: geometry.left.frameOfReferenceUid,
      targetFrameOfReferenceUid: geometry.right.frameOfReferenceUid,
      alignment: geometry.alignment,
      positioned: geometry.positioned,
      link: this.currentLink(geometry)?.mapping ?? null,
    });
    return { ...decision, canLink: geometry.positioned && geometry.alignment !== 0 };
  }

  private update(): void {
    const decision = this.decide();
    const next: SliceSyncSnapshot = {
      status: decision.status,
      enabled: this.enabled,
      canLink: decision.canLink,
    };
    const mappingChanged = !sameMapping(decision.mapping, this.lastMapping);
    this.lastMapping = decision.mapping;
    if (mappingChanged && decision.mapping) {
      const pair = this.pair();
      const seriesOnScreen = pair.map((c) => c?.getSeries()?.seriesInstanceUid ?? '').join('|');
      const opened = seriesOnScreen !== this.startedOn;
      this.startedOn = seriesOnScreen;
      // Sync just started. On a toggle or a link the viewport the reader works in leads; on series
      // just opened (each at its remembered slice), the one the reader looked at last does.
      const lead = opened ? this.latestViewed() : Math.min(this.active, 1);
      const controller = pair[lead];
      if (controller) this.follow(lead, controller.targetSlice(), decision.mapping);
    }
    if (
      next.status !== this.snapshot.status ||
      next.enabled !== this.snapshot.enabled ||
      next.canLink !== this.snapshot.canLink
    ) {
      this.snapshot = next;
      for (const listener of this.listeners) listener();
    }
  }

  /**
   * Of two series opened side by side, the one the reader moved through last (ViewportController
   * .lastViewedAt): after a reload both agree anyway; after a switch of visit, the series the reader
   * was just looking at keeps its place and the other follows it, instead of each pulling the other
   * to its own old slice. A series never seen before follows a remembered one.
   */
  private latestViewed(): number {
    const [left, right] = this.pair().map((c) => c?.lastViewedAt() ?? null) as [number | null, number | null];
    if (left !== null && (right === null || left > right)) return 0;
    if (right !== null && (left === null || right > left)) return 1;
    return Math.min(this.active, 1);
  }

  private onSlice(index: number, slice: number, bySync: boolean): void {
    if (bySync) return;
    const { mapping } = this.decide();
    if (mapping) this.follow(index, slice, mapping);
  }

  /** Moves the other viewport to the slice matching `slice` of viewport `from`. */
  private follow(from: number, slice: number, leftToRight: PositionMapping): void {
    const pair = this.pair();
    const source = pair[from];
    const target = pair[from === 0 ? 1 : 0];
    const targetSeries = target?.getSeries();
    const position = positionOf(source?.getSeries() ?? null, slice);
    if (!target || !targetSeries?.slicePositionsMm || position === null) return;
    const mapping = from === 0 ? leftToRight : invertMapping(leftToRight);
    const nearest = syncedSlice(position, mapping, targetSeries.slicePositionsMm);
    if (nearest) target.setSlice(nearest.index, true);
  }
}

function hasPositions(series: ViewerSeries): boolean {
  return !!series.slicePositionsMm && series.slicePositionsMm.some((p) => p !== null);
}

function positionOf(series: ViewerSeries | null, slice: number): number | null {
  return series?.slicePositionsMm?.[slice] ?? null;
}

function sameMapping(a: PositionMapping | null, b: PositionMapping | null): boolean {
  if (a === null || b === null) return a === b;
  return a.alignment === b.alignment && a.offsetMm === b.offsetMm;
}
