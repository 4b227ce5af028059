/**
 * Decodes slices ahead of the reader for every visible stack, nearest first, a few at a time so a
 * slice the reader asks for never waits behind a long prefetch queue, and evicts the slices no
 * stack's plan keeps any more, so a series larger than the cache budget moves through the cache
 * with the reader instead of filling it. The loading itself is injected (Cornerstone in the app,
 * fakes in unit tests).
 */
import { prefetchOrder, type ScrollDirection } from './prefetch';

export interface PrefetchLoader {
  /** Loads and caches one image; rejects when it cannot be decoded. */
  load(imageId: string): Promise<unknown>;
  isCached(imageId: string): boolean;
  /** Drops one decoded image from the cache. */
  evict(imageId: string): void;
}

interface StackPlan {
  readonly imageIds: readonly string[];
  readonly order: readonly number[];
  cursor: number;
}

export class Prefetcher {
  private readonly stacks = new Map<string, StackPlan>();
  private readonly inFlight = new Set<string>();
  /** Images that failed to decode: never retried by prefetch (the viewport shows the error). */
  private readonly failed = new Set<string>();
  /** The stack served last: the next load comes from the one after it. */
  private lastServed: string | null = null;
  private idleWaiters: (() => void)[] = [];
  /**
   * Viewports waiting for an image the reader asked for (a newly shown series' first slice, a slice
   * jumped to). While any waits, no new prefetch load starts: opening a follow-up beside its prior,
   * the second viewport's first slice would otherwise queue behind the first one's neighbours.
   */
  private readonly holds = new Set<string>();
  private evictedCount = 0;

  constructor(
    private readonly loader: PrefetchLoader,
    private readonly maxInFlight = 3,
  ) {}

  /** (Re)plans one stack around its current slice; `limit` is how many of its slices fit the cache. */
  update(
    key: string,
    imageIds: readonly string[],
    current: number,
    limit: number,
    direction: ScrollDirection,
  ): void {
    const order = prefetchOrder(current, imageIds.length, limit, direction);
    this.stacks.set(key, { imageIds, order, cursor: 0 });
    this.evictOutsidePlans(key);
    this.pump();
  }

  remove(key: string): void {
    this.stacks.delete(key);
    this.release(key);
  }

  /** `key` awaits an image the reader asked for: prefetch for every stack pauses until it is released. */
  hold(key: string): void {
    this.holds.add(key);
  }

  release(key: string): void {
    if (!this.holds.delete(key)) return this.notifyIfIdle();
    this.pump();
  }

  isCached(imageId: string): boolean {
    return this.loader.isCached(imageId);
  }

  /** Images evicted because no plan kept them, since this prefetcher was made. */
  get evicted(): number {
    return this.evictedCount;
  }

  /** Loads started and not finished. */
  get pending(): number {
    return this.inFlight.size;
  }

  /** Resolves when nothing is loading and nothing is left to plan. */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.inFlight.size === 0 && (this.holds.size > 0 || this.peekCandidate() === null);
  }

  private pump(): void {
    while (this.holds.size === 0 && this.inFlight.size < this.maxInFlight) {
      const imageId = this.takeCandidate();
      if (imageId === null) break;
      this.inFlight.add(imageId);
      this.loader
        .load(imageId)
        .catch(() => this.failed.add(imageId))
        .finally(() => {
          this.inFlight.delete(imageId);
          this.pump();
        });
    }
    this.notifyIfIdle();
  }

  /**
   * Cornerstone's own eviction (least recently used, when the cache is full) would drop slices just
   * prefetched ahead of the reader before the ones scrolled past long ago: a plan only ever covers
   * what fits the budget, so whatever of this stack lies outside every plan is evicted here first.
   * Plans of all stacks count: two viewports may show the same series.
   */
  private evictOutsidePlans(key: string): void {
    const stack = this.stacks.get(key);
    if (!stack || stack.order.length >= stack.imageIds.length) return;
    const kept = new Set<string>();
    for (const plan of this.stacks.values()) for (const index of plan.order) kept.add(plan.imageIds[index]!);
    for (const imageId of stack.imageIds) {
      if (kept.has(imageId) || this.inFlight.has(imageId) || !this.loader.isCached(imageId)) continue;
      this.loader.evict(imageId);
      this.evictedCount += 1;
    }
  }

  private notifyIfIdle(): void {
    if (this.idleWaiters.length === 0 || !this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private needsLoading(imageId: string): boolean {
    return !this.inFlight.has(imageId) && !this.failed.has(imageId) && !this.loader.isCached(imageId);
  }

  /** Next image to load, stacks taking turns; advances past images that need nothing. */
  private takeCandidate(): string | null {
    const keys = [...this.stacks.keys()];
    const start = this.lastServed === null ? 0 : keys.indexOf(this.lastServed) + 1;
    for (let attempt = 0; attempt < keys.length; attempt++) {
      const key = keys[(start + attempt) % keys.length]!;
      const plan = this.stacks.get(key)!;
      while (plan.cursor < plan.order.length) {
        const imageId = plan.imageIds[plan.order[plan.cursor]!]!;
        plan.cursor += 1;
        if (this.needsLoading(imageId)) {
          this.lastServed = key;
          return imageId;
        }
      }
    }
    return null;
  }

  private peekCandidate(): string | null {
    for (const plan of this.stacks.values()) {
      for (let i = plan.cursor; i < plan.order.length; i++) {
        const imageId = plan.imageIds[plan.order[i]!]!;
        if (this.needsLoading(imageId)) return imageId;
      }
    }
    return null;
  }
}
