/**
 * When a signed-in session locks: after `limitMs` without input. One timer at a time: input only
 * notes its time, and the timer, when it fires early (input came meanwhile), is armed again for what
 * is left, so a stream of pointer moves costs no timer churn.
 */
export interface TimerClock {
  now(): number;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const browserClock: TimerClock = {
  now: () => Date.now(),
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface InactivityTimer {
  /** Input happened: the limit counts from now. */
  activity(): void;
  stop(): void;
}

export function startInactivityTimer(
  limitMs: number,
  onIdle: () => void,
  clock: TimerClock,
): InactivityTimer {
  let last = clock.now();
  let handle: unknown = null;
  let stopped = false;
  const arm = (ms: number) => {
    handle = clock.setTimer(check, Math.max(0, ms));
  };
  function check() {
    handle = null;
    if (stopped) return;
    const idle = clock.now() - last;
    if (idle >= limitMs) {
      stopped = true;
      onIdle();
    } else arm(limitMs - idle);
  }
  arm(limitMs);
  return {
    activity() {
      if (!stopped) last = clock.now();
    },
    stop() {
      stopped = true;
      if (handle !== null) clock.clearTimer(handle);
      handle = null;
    },
  };
}
