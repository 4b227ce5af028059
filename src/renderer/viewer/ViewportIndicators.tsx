import { useSyncExternalStore } from 'react';
import type { SliceSyncController } from './sliceSyncController';
import type { MeasureRequest, SliceSyncStatus } from './types';

const TOOL_LABELS: Record<MeasureRequest['tool'], string> = {
  Bidirectional: 'long and short axis',
  Length: 'a length',
  ArrowAnnotate: 'an arrow',
};

/**
 * What the left button draws now, on the image it draws on: in the toolbar it made the toolbar grow
 * and moved the viewport under the reader's drag. It lets the pointer through.
 */
export function ArmedIndicator({ armed }: { armed: MeasureRequest }) {
  return (
    <div className="viewer-armed" role="status" data-testid="measure-armed" data-tool={armed.tool}>
      Drawing {TOOL_LABELS[armed.tool]}: drag on the image · Esc cancels
    </div>
  );
}

const SYNC_TEXT: Record<SliceSyncStatus, string> = {
  synced: 'Synced',
  linked: 'Linked',
  'not-linked': 'Not linked',
  off: 'Sync off',
};

export const SYNC_HELP: Record<SliceSyncStatus, string> = {
  synced: 'Same frame of reference: scrolling one viewport keeps the other at the same position',
  linked: 'Linked at a landmark: scrolling keeps the offset set with "Link here"',
  'not-linked':
    'The viewports scroll on their own: bring the same landmark into both, then "Link here" (needs parallel slices with positions)',
  off: 'Sync is off: the viewports scroll on their own',
};

/** Short enough to stay on screen; the full explanation is on hover. */
const SYNC_SHORT_HELP: Record<SliceSyncStatus, string | null> = {
  synced: null,
  linked: null,
  'not-linked': 'each scrolls alone · "Link here" at a landmark',
  off: 'each scrolls alone',
};

/**
 * The two viewports' link state, on the image: a reader whose "go to" moved only the prior sees why
 * without looking for it in the toolbar.
 */
export function SyncIndicator({ sync }: { sync: SliceSyncController }) {
  const { status } = useSyncExternalStore(sync.subscribe, sync.getSnapshot);
  const hint = SYNC_SHORT_HELP[status];
  return (
    <div
      className={`viewer-sync viewer-sync--${status}`}
      data-testid="sync-status"
      data-status={status}
      title={SYNC_HELP[status]}
    >
      {status === 'synced' || status === 'linked' ? '⇅ ' : '⚠ '}
      {SYNC_TEXT[status]}
      {hint && <span className="viewer-sync__hint"> · {hint}</span>}
    </div>
  );
}
