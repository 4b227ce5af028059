/** Viewer keyboard shortcuts as data, so the mapping is unit-tested and listed in the UI's help. */
import type { PrimaryTool } from './toolGroup';

export type ViewerAction =
  | { readonly kind: 'scroll'; readonly delta: number }
  | { readonly kind: 'first' }
  | { readonly kind: 'last' }
  | { readonly kind: 'preset'; readonly key: string }
  | { readonly kind: 'file-window' }
  | { readonly kind: 'auto-window' }
  | { readonly kind: 'invert' }
  | { readonly kind: 'zoom'; readonly factor: number }
  | { readonly kind: 'fit' }
  | { readonly kind: 'reset' }
  | { readonly kind: 'tool'; readonly tool: PrimaryTool };

/** Slices a Page Up / Page Down jumps. */
export const PAGE_SLICES = 10;
export const ZOOM_STEP = 1.25;

export interface KeyInput {
  readonly key: string;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly altKey?: boolean;
}

/** The action for a key press, or null when the viewer does not use that key. */
export function actionForKey({ key, ctrlKey, metaKey, altKey }: KeyInput): ViewerAction | null {
  // Leave browser and OS shortcuts (Ctrl+R, Cmd+1, ...) alone.
  if (ctrlKey || metaKey || altKey) return null;
  switch (key) {
    case 'ArrowUp':
    case 'ArrowLeft':
      return { kind: 'scroll', delta: -1 };
    case 'ArrowDown':
    case 'ArrowRight':
      return { kind: 'scroll', delta: 1 };
    case 'PageUp':
      return { kind: 'scroll', delta: -PAGE_SLICES };
    case 'PageDown':
      return { kind: 'scroll', delta: PAGE_SLICES };
    case 'Home':
      return { kind: 'first' };
    case 'End':
      return { kind: 'last' };
    case '0':
      return { kind: 'file-window' };
    case 'a':
    case 'A':
      return { kind: 'auto-window' };
    case 'i':
    case 'I':
      return { kind: 'invert' };
    case '+':
    case '=':
      return { kind: 'zoom', factor: ZOOM_STEP };
    case '-':
    case '_':
      return { kind: 'zoom', factor: 1 / ZOOM_STEP };
    case 'f':
    case 'F':
      return { kind: 'fit' };
    case 'r':
    case 'R':
      return { kind: 'reset' };
    case 'w':
    case 'W':
      return { kind: 'tool', tool: 'WindowLevel' };
    case 'p':
    case 'P':
      return { kind: 'tool', tool: 'Pan' };
    case 'z':
    case 'Z':
      return { kind: 'tool', tool: 'Zoom' };
    default:
      return /^[1-9]$/.test(key) ? { kind: 'preset', key } : null;
  }
}

/** One line of the shortcut help: the keys, then what they do. */
export type Shortcut = readonly [keys: string, what: string];

/** A titled group of shortcuts in the help overlay. */
export interface ShortcutSection {
  readonly title: string;
  readonly shortcuts: readonly Shortcut[];
}

/** The key that opens the shortcut help (also its toolbar button). */
export const HELP_KEY = '?';

/** Listed in the viewer's shortcut help. */
export const SHORTCUTS: readonly Shortcut[] = [
  ['W / P / Z', 'left button: window/level / pan / zoom'],
  ['Wheel, ↑ ↓ ← →', 'previous / next slice'],
  ['PgUp / PgDn', `${PAGE_SLICES} slices back / forward`],
  ['Home / End', 'first / last slice'],
  ['1 … 5', 'CT window presets'],
  ['0 / A', 'window from the file / computed from the image'],
  ['I', 'invert'],
  ['+ / −, F', 'zoom in / out, fit'],
  ['R', 'reset view'],
  ['Left drag', 'the chosen tool; right drag zoom; middle drag pan'],
  ['Esc', 'cancel the measurement being drawn, close this help'],
  [HELP_KEY, 'this help'],
];

/**
 * True when a key pressed in `target` belongs to it rather than to the shortcuts: text fields, lists,
 * sliders and editable text keep their keys.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return (
    target.closest('textarea, select, [contenteditable="true"], [contenteditable=""], input') !== null &&
    !(
      target instanceof HTMLInputElement &&
      (target.type === 'button' || target.type === 'checkbox' || target.type === 'radio')
    )
  );
}
