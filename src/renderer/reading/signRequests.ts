/**
 * The sign shortcut asks the visit's Sign button to sign: one path for both, so the shortcut gets the
 * same checks, override dialog and messages.
 */
const listeners = new Set<() => void>();

export function requestSign(): void {
  for (const listener of listeners) listener();
}

export function onSignRequest(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
