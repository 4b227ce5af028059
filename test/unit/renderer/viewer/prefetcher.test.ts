import { describe, expect, it } from 'vitest';
import { Prefetcher, type PrefetchLoader } from '../../../../src/renderer/viewer/prefetcher';

/** A loader whose loads finish when the test says so. */
function fakeLoader(failing: readonly string[] = []) {
  const cached = new Set<string>();
  const started: string[] = [];
  const evicted: string[] = [];
  const pending = new Map<string, () => void>();
  const loader: PrefetchLoader = {
    isCached: (id) => cached.has(id),
    evict: (id) => {
      evicted.push(id);
      cached.delete(id);
    },
    load: (id) => {
      started.push(id);
      return new Promise((resolve, reject) => {
        pending.set(id, () => {
          pending.delete(id);
          if (failing.includes(id)) reject(new Error(`cannot decode ${id}`));
          else {
            cached.add(id);
            resolve(undefined);
          }
        });
      });
    },
  };
  const finishAll = async () => {
    while (pending.size > 0) {
      for (const finish of [...pending.values()]) finish();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  };
  return { loader, started, evicted, pending, cached, finishAll };
}

const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

describe('Prefetcher', () => {
  it('loads nearest first and never more than maxInFlight at once', async () => {
    const { loader, started, pending, finishAll } = fakeLoader();
    const prefetcher = new Prefetcher(loader, 2);
    prefetcher.update('vp', ids('a', 6), 2, 10, 0);
    expect(started).toEqual(['a2', 'a3']);
    expect(pending.size).toBe(2);
    await finishAll();
    expect(started).toEqual(['a2', 'a3', 'a1', 'a4', 'a0', 'a5']);
    await prefetcher.whenIdle();
    expect(prefetcher.pending).toBe(0);
  });

  it('skips cached images and stays within the limit', async () => {
    const { loader, started, cached, finishAll } = fakeLoader();
    cached.add('a3');
    const prefetcher = new Prefetcher(loader, 4);
    prefetcher.update('vp', ids('a', 10), 3, 3, 0);
    await finishAll();
    expect(started).toEqual(['a4', 'a2']);
  });

  it('re-plans around the new slice when the reader scrolls', async () => {
    const { loader, started, finishAll } = fakeLoader();
    const prefetcher = new Prefetcher(loader, 1);
    prefetcher.update('vp', ids('a', 100), 0, 3, 0);
    prefetcher.update('vp', ids('a', 100), 50, 3, 1);
    await finishAll();
    // a0 was already started; the rest follows the new plan
    expect(started).toEqual(['a0', 'a50', 'a51', 'a52']);
  });

  it('shares the loads fairly between viewports', async () => {
    const { loader, started, finishAll } = fakeLoader();
    const prefetcher = new Prefetcher(loader, 1);
    prefetcher.update('left', ids('L', 3), 0, 3, 1);
    prefetcher.update('right', ids('R', 3), 0, 3, 1);
    await finishAll();
    expect(started).toEqual(['L0', 'R0', 'L1', 'R1', 'L2', 'R2']);
  });

  it('does not retry images that failed, and still goes idle', async () => {
    const { loader, started, finishAll } = fakeLoader(['a1']);
    const prefetcher = new Prefetcher(loader, 1);
    prefetcher.update('vp', ids('a', 3), 0, 3, 1);
    await finishAll();
    prefetcher.update('vp', ids('a', 3), 0, 3, 1);
    await finishAll();
    await prefetcher.whenIdle();
    expect(started.filter((id) => id === 'a1')).toHaveLength(1);
  });

  it('stops planning a removed viewport', async () => {
    const { loader, started, finishAll } = fakeLoader();
    const prefetcher = new Prefetcher(loader, 1);
    prefetcher.update('vp', ids('a', 10), 0, 10, 1);
    prefetcher.remove('vp');
    await finishAll();
    expect(started).toEqual(['a0']);
    await prefetcher.whenIdle();
  });

  it('starts no prefetch while a viewport waits for its first image, and resumes on release', async () => {
    const { loader, started, finishAll } = fakeLoader();
    const prefetcher = new Prefetcher(loader, 2);
    prefetcher.update('left', ids('L', 4), 0, 4, 1);
    expect(started).toEqual(['L0', 'L1']);
    prefetcher.hold('right');
    await finishAll();
    // The loads in flight finished; nothing new started for the left while the right waits.
    expect(started).toEqual(['L0', 'L1']);
    prefetcher.update('right', ids('R', 2), 0, 2, 1);
    expect(started).toEqual(['L0', 'L1']);
    prefetcher.release('right');
    await finishAll();
    expect(started).toEqual(['L0', 'L1', 'R0', 'L2', 'R1', 'L3']);
    // Removing a viewport releases its hold too.
    prefetcher.hold('gone');
    prefetcher.update('left', ids('M', 1), 0, 1, 1);
    prefetcher.remove('gone');
    await finishAll();
    expect(started.at(-1)).toBe('M0');
  });

  it('evicts the slices of a stack that no plan keeps as the reader moves on', async () => {
    const { loader, evicted, cached, finishAll } = fakeLoader();
    const prefetcher = new Prefetcher(loader, 2);
    prefetcher.update('vp', ids('a', 10), 0, 4, 1);
    await finishAll();
    expect([...cached].sort()).toEqual(['a0', 'a1', 'a2', 'a3']);
    expect(evicted).toEqual([]);
    // At a5 going down the plan is a5 a6 a7 a4: a0..a3 are now far behind.
    prefetcher.update('vp', ids('a', 10), 5, 4, 1);
    expect(evicted).toEqual(['a0', 'a1', 'a2', 'a3']);
    await finishAll();
    expect([...cached].sort()).toEqual(['a4', 'a5', 'a6', 'a7']);
    expect(prefetcher.evicted).toBe(4);
  });

  it('keeps what another stack still plans, and evicts nothing when the whole series fits', async () => {
    const { loader, evicted, finishAll } = fakeLoader();
    const prefetcher = new Prefetcher(loader, 4);
    const series = ids('a', 8);
    prefetcher.update('left', series, 0, 3, 1);
    prefetcher.update('right', series, 7, 3, -1);
    await finishAll();
    prefetcher.update('left', series, 3, 3, 1);
    // Left now plans a3 a4 a5: a0..a2 go, a6 and a7 stay for the right viewport.
    expect(evicted).toEqual(['a0', 'a1', 'a2']);
    prefetcher.update('other', ids('b', 3), 0, 10, 0);
    await finishAll();
    prefetcher.update('other', ids('b', 3), 2, 10, 0);
    expect(evicted).toEqual(['a0', 'a1', 'a2']);
  });
});
