import { useCallback, useState } from 'react';

/**
 * Small screen choices the reader makes once and expects to find again after a reload (panels
 * collapsed, panes stacked): kept in localStorage, never in the read's database.
 */
export function rememberedChoice<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
  try {
    const value = globalThis.localStorage?.getItem(key);
    return allowed.find((choice) => choice === value) ?? fallback;
  } catch {
    return fallback;
  }
}

export function rememberChoice(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private windows may refuse storage: the choice then lasts until the page closes.
  }
}

/** A panel's open/closed state, remembered under `key`. */
export function useRememberedOpen(key: string): readonly [boolean, () => void] {
  const [open, setOpen] = useState(() => rememberedChoice(key, ['open', 'closed'], 'open') === 'open');
  const toggle = useCallback(() => {
    setOpen((wasOpen) => {
      rememberChoice(key, wasOpen ? 'closed' : 'open');
      return !wasOpen;
    });
  }, [key]);
  return [open, toggle] as const;
}
