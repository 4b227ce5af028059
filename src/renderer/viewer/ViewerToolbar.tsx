import { useSyncExternalStore } from 'react';
import { ZOOM_STEP, SHORTCUTS, type ViewerAction } from './keyboard';
import type { SliceSyncController } from './sliceSyncController';
import type { PrimaryTool } from './toolGroup';
import type { MeasureRequest, SliceSyncStatus, ViewerSeries } from './types';
import type { ViewportController } from './ViewportController';
import { CT_PRESETS, presetsForModality } from './voi';

const noSubscription = () => () => {};

function roundedWindow(controller: ViewportController | null, part: 'width' | 'center'): number | null {
  const windowLevel = controller?.getState().windowLevel;
  return windowLevel ? Math.round(windowLevel[part]) : null;
}

const PRIMARY_TOOLS: readonly (readonly [PrimaryTool, string])[] = [
  ['WindowLevel', 'W/L'],
  ['Pan', 'Pan'],
  ['Zoom', 'Zoom'],
];

/** The viewer's toolbar: left-button tool, window presets, view actions, measuring state, 1x2 sync. */
export function ViewerToolbar({
  controller,
  series,
  primaryTool,
  onPrimaryTool,
  onAction,
  armed,
  sync,
}: {
  controller: ViewportController | null;
  series: ViewerSeries | null;
  primaryTool: PrimaryTool;
  onPrimaryTool: (tool: PrimaryTool) => void;
  onAction: (action: ViewerAction) => void;
  /** The measurement the left button draws now, if any. */
  armed: MeasureRequest | null;
  /** Shown in 1x2 only. */
  sync: SliceSyncController | null;
}) {
  // Only what the buttons show, as primitives: the whole state changes with every slice, and
  // re-rendering the toolbar per scroll step was part of each step's cost.
  const subscribe = controller ? (listener: () => void) => controller.subscribe(listener) : noSubscription;
  const windowWidth = useSyncExternalStore(subscribe, () => roundedWindow(controller, 'width'));
  const windowCenter = useSyncExternalStore(subscribe, () => roundedWindow(controller, 'center'));
  const inverted = useSyncExternalStore(subscribe, () => controller?.getState().invert ?? false);
  // The CT buttons stay in place for other modalities (disabled) so the toolbar never reflows.
  const presets = CT_PRESETS;
  const presetsApply = presetsForModality(series?.modality ?? '').length > 0;
  const disabled = !controller || !series;
  return (
    <div className="viewer-toolbar" role="toolbar" aria-label="Viewer tools">
      <div className="viewer-toolbar__group" role="group" aria-label="Left mouse button">
        {PRIMARY_TOOLS.map(([tool, label]) => (
          <button
            key={tool}
            type="button"
            aria-pressed={armed === null && primaryTool === tool}
            data-testid={`tool-${tool}`}
            onClick={() => onPrimaryTool(tool)}
          >
            {label}
          </button>
        ))}
      </div>
      <div className="viewer-toolbar__group" role="group" aria-label="Window presets">
        {presets.map((preset) => (
          <button
            key={preset.id}
            type="button"
            disabled={disabled || !presetsApply}
            data-testid={`preset-${preset.id}`}
            aria-pressed={
              windowWidth === preset.windowLevel.width && windowCenter === preset.windowLevel.center
            }
            title={`${preset.label}: W ${preset.windowLevel.width} L ${preset.windowLevel.center} (key ${preset.key})`}
            onClick={() => onAction({ kind: 'preset', key: preset.key })}
          >
            {preset.label}
          </button>
        ))}
        {WINDOW_ACTIONS.map((button) => actionButton(button, disabled, onAction))}
      </div>
      <div className="viewer-toolbar__group" role="group" aria-label="View">
        {VIEW_ACTIONS.map((button) =>
          actionButton(button, disabled, onAction, button.testId === 'action-invert' ? inverted : undefined),
        )}
      </div>
      {sync && <SyncControls sync={sync} />}
      {armed && (
        <div
          className="viewer-toolbar__armed"
          role="status"
          data-testid="measure-armed"
          data-tool={armed.tool}
        >
          Drawing {TOOL_LABELS[armed.tool]}: drag on the image · Esc cancels
        </div>
      )}
      <div
        className="viewer-toolbar__help"
        tabIndex={0}
        aria-label="Keyboard shortcuts"
        title={SHORTCUTS.map(([keys, what]) => `${keys}: ${what}`).join('\n')}
      >
        ?
      </div>
    </div>
  );
}

interface ActionButton {
  readonly testId: string;
  readonly label: string;
  readonly title: string;
  readonly action: ViewerAction;
}

const WINDOW_ACTIONS: readonly ActionButton[] = [
  {
    testId: 'preset-file',
    label: 'File W/L',
    title: 'Window from the file (key 0)',
    action: { kind: 'file-window' },
  },
  {
    testId: 'preset-auto',
    label: 'Auto W/L',
    title: "Window computed from this image's pixels (key A)",
    action: { kind: 'auto-window' },
  },
];

const VIEW_ACTIONS: readonly ActionButton[] = [
  { testId: 'action-invert', label: 'Invert', title: 'Invert (key I)', action: { kind: 'invert' } },
  {
    testId: 'action-zoom-in',
    label: 'Zoom +',
    title: 'Zoom in (key +)',
    action: { kind: 'zoom', factor: ZOOM_STEP },
  },
  {
    testId: 'action-zoom-out',
    label: 'Zoom −',
    title: 'Zoom out (key −)',
    action: { kind: 'zoom', factor: 1 / ZOOM_STEP },
  },
  { testId: 'action-fit', label: 'Fit', title: 'Fit to viewport (key F)', action: { kind: 'fit' } },
  { testId: 'action-reset', label: 'Reset', title: 'Reset view (key R)', action: { kind: 'reset' } },
];

function actionButton(
  { testId, label, title, action }: ActionButton,
  disabled: boolean,
  onAction: (action: ViewerAction) => void,
  pressed?: boolean,
) {
  return (
    <button
      key={testId}
      type="button"
      disabled={disabled}
      data-testid={testId}
      aria-pressed={pressed}
      title={title}
      onClick={() => onAction(action)}
    >
      {label}
    </button>
  );
}

const TOOL_LABELS: Record<MeasureRequest['tool'], string> = {
  Bidirectional: 'long and short axis',
  Length: 'a length',
  ArrowAnnotate: 'an arrow',
};

const SYNC_TEXT: Record<SliceSyncStatus, string> = {
  synced: 'Synced',
  linked: 'Linked',
  'not-linked': 'Not linked',
  off: 'Sync off',
};

const SYNC_HELP: Record<SliceSyncStatus, string> = {
  synced: 'Same frame of reference: scrolling one viewport keeps the other at the same position',
  linked: 'Linked at a landmark: scrolling keeps the offset set with "Link here"',
  'not-linked':
    'The viewports scroll on their own: bring the same landmark into both, then "Link here" (needs parallel slices with positions)',
  off: 'Sync is off: the viewports scroll on their own',
};

/** "Sync" toggle, "Link here" and the indicator for the two viewports of 1x2. */
function SyncControls({ sync }: { sync: SliceSyncController }) {
  const snapshot = useSyncExternalStore(sync.subscribe, sync.getSnapshot);
  return (
    <div className="viewer-toolbar__group" role="group" aria-label="Slice sync">
      <button
        type="button"
        data-testid="sync-toggle"
        aria-pressed={snapshot.enabled}
        title="Keep both viewports at the same position while scrolling"
        onClick={() => sync.setEnabled(!snapshot.enabled)}
      >
        Sync
      </button>
      <button
        type="button"
        data-testid="sync-link"
        disabled={!snapshot.canLink}
        title="The same landmark is on screen in both viewports: keep them at this offset"
        onClick={() => sync.linkHere()}
      >
        Link here
      </button>
      <span
        className={`viewer-sync viewer-sync--${snapshot.status}`}
        data-testid="sync-status"
        data-status={snapshot.status}
        title={SYNC_HELP[snapshot.status]}
      >
        {SYNC_TEXT[snapshot.status]}
      </span>
    </div>
  );
}
