/**
 * How a stored annotation looks: a colour per lesion kind (targets, non-targets, new lesions), the
 * same colour whatever Cornerstone's interaction state (locked, hovered, selected) so the kind stays
 * readable, and thicker lines for the lesion the app highlights. Pure data, unit-tested.
 */
import type { LesionKind } from '../../core/reading/model';

export const KIND_COLORS: Readonly<Record<LesionKind, string>> = {
  target: 'rgb(255, 204, 0)',
  'non-target': 'rgb(64, 196, 255)',
  new: 'rgb(255, 92, 92)',
};

const STATES = ['', 'Highlighted', 'Selected', 'Locked'] as const;

/** Cornerstone per-annotation style properties (see AnnotationStyle in @cornerstonejs/tools). */
export function annotationStyle(
  kind: LesionKind,
  { highlighted = false }: { readonly highlighted?: boolean } = {},
): Record<string, string> {
  const color = KIND_COLORS[kind];
  const style: Record<string, string> = {
    lineWidth: highlighted ? '3' : '1.5',
    lineWidthHighlighted: highlighted ? '3' : '2',
    textBoxFontSize: highlighted ? '15px' : '14px',
    textBoxLinkLineWidth: highlighted ? '2' : '1',
  };
  for (const state of STATES) {
    style[`color${state}`] = color;
    style[`textBoxColor${state}`] = color;
  }
  return style;
}
