import { describe, expect, it } from 'vitest';
import { startInactivityTimer, type TimerClock } from '../../../../src/renderer/auth/inactivity';

/** A clock whose time only moves when the test says so; it counts the timers that are pending. */
function fakeClock() {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const clock: TimerClock = {
    now: () => now,
    setTimer(callback, ms) {
      const id = nextId++;
      timers.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimer(handle) {
      timers.delete(handle as number);
    },
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].callback();
    }
    now = end;
  };
  return { clock, advance, pending: () => timers.size };
}

const MINUTE = 60_000;

describe('inactivity lock timer', () => {
  it('locks once the limit passes without input, not before', () => {
    const { clock, advance } = fakeClock();
    let locked = 0;
    startInactivityTimer(15 * MINUTE, () => (locked += 1), clock);
    advance(15 * MINUTE - 1);
    expect(locked).toBe(0);
    advance(1);
    expect(locked).toBe(1);
    advance(60 * MINUTE);
    expect(locked).toBe(1);
  });

  it('counts the limit from the last input', () => {
    const { clock, advance } = fakeClock();
    let locked = false;
    const timer = startInactivityTimer(MINUTE, () => (locked = true), clock);
    advance(50_000);
    timer.activity();
    advance(50_000);
    expect(locked).toBe(false);
    advance(9_999);
    expect(locked).toBe(false);
    advance(1);
    expect(locked).toBe(true);
  });

  it('keeps a single timer however much input arrives', () => {
    const { clock, advance, pending } = fakeClock();
    const timer = startInactivityTimer(MINUTE, () => {}, clock);
    for (let i = 0; i < 1000; i += 1) {
      timer.activity();
      advance(100);
      expect(pending()).toBe(1);
    }
  });

  it('never locks once stopped (signed out), and leaves no timer behind', () => {
    const { clock, advance, pending } = fakeClock();
    let locked = false;
    const timer = startInactivityTimer(MINUTE, () => (locked = true), clock);
    timer.stop();
    advance(10 * MINUTE);
    expect(locked).toBe(false);
    expect(pending()).toBe(0);
  });
});
