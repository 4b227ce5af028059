/**
 * Which slices to decode ahead of the reader, and in what order. Pure, so it is unit-tested in Node;
 * `Prefetcher` (prefetcher.ts) turns the order into decode requests.
 */

export type ScrollDirection = -1 | 0 | 1;

/**
 * Slice indices in the order they should be loaded: the current slice, then outwards on both sides,
 * taking `aheadPerBehind` slices in the scroll direction for each one behind (a reader who scrolls
 * down is likely to keep going down). At most `limit` indices (the cache budget), all within
 * [0, count).
 */
export function prefetchOrder(
  current: number,
  count: number,
  limit: number,
  direction: ScrollDirection = 0,
  aheadPerBehind = 2,
): number[] {
  const max = Math.min(Math.max(0, Math.floor(limit)), Math.max(0, count));
  if (max === 0) return [];
  const start = Math.min(Math.max(0, Math.round(current)), count - 1);
  const order = [start];
  const forward = direction === 0 ? 1 : direction;
  const ahead = direction === 0 ? 1 : aheadPerBehind;
  let nextAhead = start + forward;
  let nextBehind = start - forward;
  const inRange = (i: number) => i >= 0 && i < count;
  while (order.length < max) {
    const before = order.length;
    for (let k = 0; k < ahead && order.length < max && inRange(nextAhead); k++) {
      order.push(nextAhead);
      nextAhead += forward;
    }
    if (order.length < max && inRange(nextBehind)) {
      order.push(nextBehind);
      nextBehind -= forward;
    }
    if (order.length === before) break;
  }
  return order;
}

/**
 * How many slices of one stack the cache can hold when `stacks` stacks share `budgetBytes`, keeping
 * `reserveFraction` free for thumbnails and whatever else is on screen.
 */
export function slicesWithinBudget(
  budgetBytes: number,
  bytesPerSlice: number,
  stacks: number,
  reserveFraction = 0.1,
): number {
  if (!(bytesPerSlice > 0) || !(stacks > 0)) return 0;
  return Math.max(1, Math.floor((budgetBytes * (1 - reserveFraction)) / stacks / bytesPerSlice));
}

/** Fair merge of several priority lists (one per viewport): first of each, then second of each... */
export function interleave<T>(lists: readonly (readonly T[])[]): T[] {
  const merged: T[] = [];
  const longest = Math.max(0, ...lists.map((list) => list.length));
  for (let i = 0; i < longest; i++) {
    for (const list of lists) {
      const item = list[i];
      if (item !== undefined) merged.push(item);
    }
  }
  return merged;
}
