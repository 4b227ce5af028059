/**
 * The locations a reader chose lately, remembered per reader on this workstation (across reloads and
 * restarts): the location dialog offers them first.
 */
import { withRecentChoice } from '../../core/reading/locations';

const key = (readerId: string) => `recist.recentLocations.${readerId}`;

export function recentLocations(readerId: string | null): string[] {
  if (!readerId) return [];
  try {
    const stored: unknown = JSON.parse(globalThis.localStorage?.getItem(key(readerId)) ?? '[]');
    return Array.isArray(stored) ? stored.filter((c): c is string => typeof c === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberLocation(readerId: string | null, code: string): void {
  if (!readerId) return;
  try {
    localStorage.setItem(key(readerId), JSON.stringify(withRecentChoice(recentLocations(readerId), code)));
  } catch {
    // Storage refused (a private window): the dialog simply offers no recent choices.
  }
}
