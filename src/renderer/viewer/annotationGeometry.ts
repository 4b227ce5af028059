/**
 * Between Cornerstone's annotation handles (data.handles.points, world mm) and the stored geometry
 * (long/short axis segments, arrow tail -> head). Pure, so the mapping is unit-tested in Node.
 */
import type { Segment, Vec3 } from '../../core/reading/model';
import type { ViewerAnnotationTool } from './types';

/** Cornerstone's handle points: world coordinates, as mutable arrays. */
export type ToolPoints = readonly (readonly number[])[];

function point(p: readonly number[] | undefined): Vec3 | null {
  if (!p || p.length < 3) return null;
  const [x, y, z] = p as [number, number, number];
  return Number.isFinite(x) && Number.isFinite(y) && Number.isFinite(z) ? [x, y, z] : null;
}

function segment(a: readonly number[] | undefined, b: readonly number[] | undefined): Segment | null {
  const pa = point(a);
  const pb = point(b);
  return pa && pb ? [pa, pb] : null;
}

export interface Axes {
  readonly longAxis: Segment | null;
  readonly shortAxis: Segment | null;
  /** ArrowAnnotate: tail then head. */
  readonly arrow: Segment | null;
}

/**
 * The geometry a tool's handles describe. Bidirectional: points 0-1 are the axis drawn first (the
 * long one; Cornerstone swaps them after an edit makes the other longer), 2-3 the perpendicular one.
 * ArrowAnnotate (arrowFirst): point 0 is the head, point 1 the tail.
 */
export function axesOf(tool: ViewerAnnotationTool, points: ToolPoints): Axes {
  switch (tool) {
    case 'Bidirectional':
      return {
        longAxis: segment(points[0], points[1]),
        shortAxis: segment(points[2], points[3]),
        arrow: null,
      };
    case 'Length':
      return { longAxis: segment(points[0], points[1]), shortAxis: null, arrow: null };
    case 'ArrowAnnotate':
      return { longAxis: null, shortAxis: null, arrow: segment(points[1], points[0]) };
  }
}

/** Handle points for a stored geometry (the inverse of axesOf), or null when something is missing. */
export function pointsOf(
  tool: ViewerAnnotationTool,
  geometry: { longAxis?: Segment | null; shortAxis?: Segment | null; arrow?: Segment | null },
): Vec3[] | null {
  const copy = (p: Vec3): Vec3 => [p[0], p[1], p[2]];
  switch (tool) {
    case 'Bidirectional':
      return geometry.longAxis && geometry.shortAxis
        ? [...geometry.longAxis, ...geometry.shortAxis].map(copy)
        : null;
    case 'Length':
      return geometry.longAxis ? geometry.longAxis.map(copy) : null;
    case 'ArrowAnnotate':
      return geometry.arrow ? [copy(geometry.arrow[1]), copy(geometry.arrow[0])] : null;
  }
}
