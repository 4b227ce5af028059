import { useSyncExternalStore } from 'react';
import { HELP_KEY, ZOOM_STEP, type ViewerAction } from './keyboard';
import type { TwoPaneArrangement } from './paneArrangement';
import type { SliceSyncController } from './sliceSyncController';
import type { PrimaryTool } from './toolGroup';
import type { ViewerSeries } from './types';
import type { ViewportController } from './ViewportController';
import { CT_PRESETS, presetsForModality } from './voi';

const noSubscription = () => () => {};

function roundedWindow(controller: ViewportController | null, part: 'width' | 'center'): number | null {
  const windowLevel = controller?.getState().windowLevel;
  return windowLevel ? Math.round(windowLevel[part]) : null;
}

const PRIMARY_TOOLS: readonly (readonly [PrimaryTool, string, string])[] = [
  ['WindowLevel', 'W/L', 'W'],
  ['Pan', 'Pan', 'P'],
  ['Zoom', 'Zoom', 'Z'],
];

/**
 * The viewer's toolbar: left-button tool, window presets, view actions, two-pane sync and arrangement,
 * help. Its contents never change while reading (the measuring state and the link state are shown on
 * the viewport), so when it wraps on a narrow window it keeps its height: a reader's drag never lands
 * on a viewport that moved.
 */
export function ViewerToolbar({
  controller,
  series,
  primaryTool,
  onPrimaryTool,
  onAction,
  measuring,
  sync,
  arrangement,
  onArrangement,
  onHelp,
}: {
  controller: ViewportController | null;
  series: ViewerSeries | null;
  primaryTool: PrimaryTool;
  onPrimaryTool: (tool: PrimaryTool) => void;
  onAction: (action: ViewerAction) => void;
  /** A measurement is armed: the left button draws it, so no tool button shows as pressed. */
  measuring: boolean;
  /** Two panes only. */
  sync: SliceSyncController | null;
  /** Two panes only: side by side or stacked. */
  arrangement: TwoPaneArrangement | null;
  onArrangement: (arrangement: TwoPaneArrangement) => void;
  onHelp: () => void;
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
        {PRIMARY_TOOLS.map(([tool, label, key]) => (
          <button
            key={tool}
            type="button"
            aria-pressed={!measuring && primaryTool === tool}
            data-testid={`tool-${tool}`}
            title={`Left button: ${label} (key ${key})`}
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
      </div>
      <div className="viewer-toolbar__group" role="group" aria-label="Window from the image">
        {WINDOW_ACTIONS.map((button) => actionButton(button, disabled, onAction))}
      </div>
      <div className="viewer-toolbar__group" role="group" aria-label="View">
        {VIEW_ACTIONS.map((button) =>
          actionButton(button, disabled, onAction, button.testId === 'action-invert' ? inverted : undefined),
        )}
      </div>
      {sync && <SyncControls sync={sync} />}
      {arrangement && (
        <div className="viewer-toolbar__group" role="group" aria-label="Two viewports">
          <button
            type="button"
            data-testid="arrange-side-by-side"
            aria-pressed={arrangement === '1x2'}
            title="Prior and current side by side (1x2)"
            onClick={() => onArrangement('1x2')}
          >
            Side by side
          </button>
          <button
            type="button"
            data-testid="arrange-stacked"
            aria-pressed={arrangement === '2x1'}
            title="Prior above, current below (2x1): wider images on a narrow screen"
            onClick={() => onArrangement('2x1')}
          >
            Stacked
          </button>
        </div>
      )}
      <button
        type="button"
        className="viewer-toolbar__help"
        aria-label="Keyboard shortcuts"
        data-testid="shortcut-help-button"
        title={`Keyboard shortcuts (key ${HELP_KEY})`}
        onClick={onHelp}
      >
        ?
      </button>
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

/** "Sync" toggle and "Link here" for two viewports; the link state itself is shown on the viewport. */
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
    </div>
  );
}
