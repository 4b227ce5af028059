import type { PlatformBridge } from '../../platform/bridge';
import type { InstanceRecord } from '../db/database';
import type { SessionFiles } from '../import/sessionFiles';

export type Availability =
  | { readonly state: 'available' }
  /** Browser imports: the index survived a reload, the picked files did not. */
  | { readonly state: 'not-in-session'; readonly missing: number; readonly total: number }
  /** Disk imports: files moved or deleted since they were indexed. */
  | { readonly state: 'missing'; readonly missing: number; readonly total: number; readonly example: string };

/** Whether a series' bytes can be read now; never throws (a failed check reports the files as missing). */
export async function checkAvailability(
  instances: readonly InstanceRecord[],
  sessionFiles: SessionFiles,
  platform: PlatformBridge,
): Promise<Availability> {
  const total = instances.length;
  const fileBacked = instances.filter((i) => i.source.kind === 'file');
  const notInSession = fileBacked.filter((i) => !sessionFiles.has(i.sopInstanceUid)).length;
  const paths = instances.flatMap((i) => (i.source.kind === 'path' ? [i.source.path] : []));
  let missingPaths: string[] = [];
  if (paths.length > 0) {
    try {
      const exists = await platform.checkPaths(paths);
      missingPaths = paths.filter((_, i) => !exists[i]);
    } catch {
      missingPaths = paths;
    }
  }
  if (missingPaths.length > 0) {
    return { state: 'missing', missing: missingPaths.length, total, example: missingPaths[0]! };
  }
  if (notInSession > 0) return { state: 'not-in-session', missing: notInSession, total };
  return { state: 'available' };
}

export function describeAvailability(availability: Availability): string | null {
  switch (availability.state) {
    case 'available':
      return null;
    case 'not-in-session':
      return availability.missing === availability.total
        ? 'Files not open in this browser session: open the same folder again to view (nothing is imported twice).'
        : `${availability.missing} of ${availability.total} files not open in this browser session: open the folder again.`;
    case 'missing':
      return `${availability.missing} of ${availability.total} files have moved or been deleted (e.g. ${availability.example}).`;
  }
}
