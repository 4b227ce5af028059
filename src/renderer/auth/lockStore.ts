import { create } from 'zustand';

const LOCK_KEY = 'recist.sessionLocked';

function storedLock(): boolean {
  try {
    return globalThis.sessionStorage?.getItem(LOCK_KEY) === 'true';
  } catch {
    return false;
  }
}

/**
 * Whether the signed-in session is locked. Kept for the tab like the sign-in itself, so reloading a
 * locked tab does not unlock it.
 */
export const useLockStore = create<{ locked: boolean; setLocked(locked: boolean): void }>((set) => ({
  locked: storedLock(),
  setLocked(locked) {
    try {
      if (locked) sessionStorage.setItem(LOCK_KEY, 'true');
      else sessionStorage.removeItem(LOCK_KEY);
    } catch {
      // Without storage a reload asks to sign in anyway.
    }
    set({ locked });
  },
}));
