import { describe, expect, it } from 'vitest';
import {
  VIEW_MEMORY_KEY,
  ViewMemory,
  type ViewMemoryStorage,
  type ViewToRemember,
} from '../../../../src/renderer/viewer/viewMemory';

class MapStorage implements ViewMemoryStorage {
  readonly items = new Map<string, string>();
  writes = 0;
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.writes++;
    this.items.set(key, value);
  }
}

/** A timer the test fires by hand: when the throttled write happens is under the test's control. */
function manualTimers() {
  const pending: (() => void)[] = [];
  return {
    setTimer: (run: () => void) => void pending.push(run),
    fire: () => pending.splice(0).forEach((run) => run()),
    count: () => pending.length,
  };
}

const view = (slice: number, extra: Partial<ViewToRemember> = {}): ViewToRemember => ({
  slice,
  sopInstanceUid: `1.2.3.${slice}`,
  frameIndex: 0,
  voi: { lower: -1350, upper: 150 },
  invert: false,
  zoom: 1.5625,
  centre: [300.5, 210],
  ...extra,
});

describe('ViewMemory', () => {
  it('recalls the last view of each series, and nothing for a series never seen', () => {
    let now = 1000;
    const memory = new ViewMemory({ storage: null, now: () => now });
    memory.remember('A', view(10));
    now = 2000;
    memory.remember('A', view(180));
    memory.remember('B', view(5, { voi: null, invert: true, centre: null }));
    expect(memory.recall('A')).toEqual({ ...view(180), savedAt: 2000 });
    expect(memory.recall('B')).toEqual({
      ...view(5, { voi: null, invert: true, centre: null }),
      savedAt: 2000,
    });
    expect(memory.recall('C')).toBeNull();
  });

  it('keeps the time of a view that did not change (a redraw is not a visit)', () => {
    let now = 1000;
    const memory = new ViewMemory({ storage: null, now: () => now });
    memory.remember('A', view(10));
    now = 5000;
    memory.remember('A', view(10));
    expect(memory.recall('A')?.savedAt).toBe(1000);
  });

  it('writes at most once per delay however many steps a scroll makes, then survives a reload', () => {
    const storage = new MapStorage();
    const timers = manualTimers();
    const memory = new ViewMemory({ storage, setTimer: timers.setTimer, now: () => 7 });
    for (let slice = 0; slice < 50; slice++) memory.remember('A', view(slice));
    expect(storage.writes).toBe(0);
    expect(timers.count()).toBe(1);
    timers.fire();
    expect(storage.writes).toBe(1);

    const reloaded = new ViewMemory({ storage, setTimer: timers.setTimer });
    expect(reloaded.recall('A')).toEqual({ ...view(49), savedAt: 7 });
  });

  it('flush writes what changed at once (the page is hidden or unloaded), and nothing when unchanged', () => {
    const storage = new MapStorage();
    const timers = manualTimers();
    const memory = new ViewMemory({ storage, setTimer: timers.setTimer });
    memory.flush();
    expect(storage.writes).toBe(0);
    memory.remember('A', view(3));
    memory.flush();
    expect(storage.writes).toBe(1);
    timers.fire();
    expect(storage.writes).toBe(1);
    expect(new ViewMemory({ storage }).recall('A')?.slice).toBe(3);
  });

  it('keeps only the most recently changed series', () => {
    const storage = new MapStorage();
    let now = 0;
    const memory = new ViewMemory({ storage, capacity: 3, now: () => ++now, setTimer: () => {} });
    for (const uid of ['A', 'B', 'C']) memory.remember(uid, view(1));
    memory.remember('A', view(2)); // A is now the latest
    memory.remember('D', view(1));
    expect(['A', 'B', 'C', 'D'].map((uid) => memory.recall(uid) !== null)).toEqual([true, false, true, true]);
    memory.flush();
    const reloaded = new ViewMemory({ storage, capacity: 2 });
    expect(['A', 'C', 'D'].map((uid) => reloaded.recall(uid) !== null)).toEqual([true, false, true]);
  });

  it('ignores stored data it cannot read instead of failing', () => {
    const storage = new MapStorage();
    storage.items.set(VIEW_MEMORY_KEY, '{not json');
    expect(new ViewMemory({ storage }).recall('A')).toBeNull();
    storage.items.set(
      VIEW_MEMORY_KEY,
      JSON.stringify({
        views: {
          good: { ...view(4), savedAt: 1 },
          noZoom: { ...view(4), zoom: 0, savedAt: 1 },
          badCentre: { ...view(4), centre: [1], savedAt: 1 },
          text: 'slice 4',
        },
      }),
    );
    const memory = new ViewMemory({ storage });
    expect(memory.recall('good')?.slice).toBe(4);
    expect(['noZoom', 'badCentre', 'text'].map((uid) => memory.recall(uid))).toEqual([null, null, null]);
  });

  it('still serves the session when storage refuses the write', () => {
    const storage: ViewMemoryStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const memory = new ViewMemory({ storage, setTimer: () => {} });
    memory.remember('A', view(8));
    expect(() => memory.flush()).not.toThrow();
    expect(memory.recall('A')?.slice).toBe(8);
  });
});
