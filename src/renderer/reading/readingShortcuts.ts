/** The reading room's keyboard shortcuts as data: unit-tested, and listed in the viewer's help. */
import type { LesionKind } from '../../core/reading/model';
import type { KeyInput, ShortcutSection } from '../viewer/keyboard';
import type { MeasureTool } from '../store/readingStore';

export type ReadingAction =
  | { readonly kind: 'add-lesion'; readonly tool: MeasureTool; readonly lesionKind: LesionKind }
  | { readonly kind: 'lesion'; readonly step: 1 | -1 }
  | { readonly kind: 'visit'; readonly step: 1 | -1 }
  | { readonly kind: 'sign' };

/** The reading action for a key press, or null when the reading room does not use that key. */
export function readingActionForKey({ key, ctrlKey, metaKey, altKey }: KeyInput): ReadingAction | null {
  // Signing locks the visit: a key chord, not a letter one could hit while reaching for another.
  if ((ctrlKey || metaKey) && !altKey && key === 'Enter') return { kind: 'sign' };
  if (ctrlKey || metaKey || altKey) return null;
  switch (key) {
    case 't':
      return { kind: 'add-lesion', tool: 'Bidirectional', lesionKind: 'target' };
    case 'T':
      return { kind: 'add-lesion', tool: 'Length', lesionKind: 'target' };
    case 'n':
    case 'N':
      return { kind: 'add-lesion', tool: 'ArrowAnnotate', lesionKind: 'non-target' };
    case 'l':
      return { kind: 'add-lesion', tool: 'ArrowAnnotate', lesionKind: 'new' };
    case 'L':
      return { kind: 'add-lesion', tool: 'Bidirectional', lesionKind: 'new' };
    case ']':
      return { kind: 'lesion', step: 1 };
    case '[':
      return { kind: 'lesion', step: -1 };
    case '.':
      return { kind: 'visit', step: 1 };
    case ',':
      return { kind: 'visit', step: -1 };
    default:
      return null;
  }
}

/** Listed in the shortcut help while reading. */
export const READING_SHORTCUTS: readonly ShortcutSection[] = [
  {
    title: 'Reading',
    shortcuts: [
      ['T', 'Add target: long and short axis (baseline)'],
      ['Shift+T', 'Add target: length only (baseline)'],
      ['N', 'Add non-target: arrow (baseline)'],
      ['L', 'Add new lesion: arrow (follow-up)'],
      ['Shift+L', 'Add new lesion, measured (follow-up)'],
      ['] / [', 'Next lesion / previous lesion: select it and go to it'],
      ['. / ,', 'Next visit / previous visit'],
      ['Ctrl+Enter', 'Sign this visit (as the Sign button)'],
      ['Ctrl+Z / Ctrl+Shift+Z', 'Undo / redo'],
    ],
  },
];

/** The lesion `step` places after `current` in `order`, wrapping around; the first one without a current. */
export function stepThrough(order: readonly string[], current: string | null, step: 1 | -1): string | null {
  if (order.length === 0) return null;
  const at = current === null ? -1 : order.indexOf(current);
  if (at < 0) return step === 1 ? order[0]! : order.at(-1)!;
  return order[(at + step + order.length) % order.length]!;
}
