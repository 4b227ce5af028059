import { describe, expect, it } from 'vitest';
import { interleave, prefetchOrder, slicesWithinBudget } from '../../../../src/renderer/viewer/prefetch';

describe('prefetchOrder', () => {
  it('starts at the current slice and alternates outwards when not scrolling', () => {
    expect(prefetchOrder(5, 10, 10)).toEqual([5, 6, 4, 7, 3, 8, 2, 9, 1, 0]);
  });

  it('favours the scroll direction two to one', () => {
    expect(prefetchOrder(5, 20, 7, 1)).toEqual([5, 6, 7, 4, 8, 9, 3]);
    expect(prefetchOrder(5, 20, 7, -1)).toEqual([5, 4, 3, 6, 2, 1, 7]);
  });

  it('keeps filling from the other side at the ends of the stack', () => {
    expect(prefetchOrder(8, 10, 10, 1)).toEqual([8, 9, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(prefetchOrder(0, 5, 5)).toEqual([0, 1, 2, 3, 4]);
  });

  it('covers every slice exactly once when the budget allows', () => {
    const order = prefetchOrder(137, 275, 1000, 1);
    expect(order).toHaveLength(275);
    expect(new Set(order).size).toBe(275);
    expect(Math.min(...order)).toBe(0);
    expect(Math.max(...order)).toBe(274);
  });

  it('stops at the budget, keeping the nearest slices', () => {
    const order = prefetchOrder(100, 275, 21);
    expect(order).toHaveLength(21);
    expect(Math.max(...order.map((i) => Math.abs(i - 100)))).toBe(10);
  });

  it('clamps a current index outside the stack and handles empty input', () => {
    expect(prefetchOrder(50, 3, 3)).toEqual([2, 1, 0]);
    expect(prefetchOrder(0, 0, 10)).toEqual([]);
    expect(prefetchOrder(3, 10, 0)).toEqual([]);
  });
});

describe('slicesWithinBudget', () => {
  const MiB = 1024 * 1024;

  it('fits two 300-slice 512x512 16-bit CTs in the 512 MiB cache', () => {
    expect(slicesWithinBudget(512 * MiB, 512 * 512 * 2, 2)).toBeGreaterThanOrEqual(300);
  });

  it('shares the budget between stacks and keeps a reserve', () => {
    expect(slicesWithinBudget(100 * MiB, MiB, 1)).toBe(90);
    expect(slicesWithinBudget(100 * MiB, MiB, 2)).toBe(45);
  });

  it('is zero for unknown slice size and at least one otherwise', () => {
    expect(slicesWithinBudget(100 * MiB, 0, 1)).toBe(0);
    expect(slicesWithinBudget(MiB, 100 * MiB, 1)).toBe(1);
  });
});

describe('interleave', () => {
  it('takes turns between lists', () => {
    expect(interleave<number | string>([[1, 2, 3], ['a'], [10, 20]])).toEqual([1, 'a', 10, 2, 20, 3]);
    expect(interleave([])).toEqual([]);
  });
});
