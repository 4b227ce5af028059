/**
 * Orientation letters at the viewport edges, from the patient-space direction each screen edge
 * points to. Pure, so it is unit-tested in Node.
 *
 * DICOM patient space is LPS: +x towards the patient's Left, +y Posterior, +z Head.
 */
import type { OrientationLabels } from './types';

export type Vec3 = readonly [number, number, number];

const POSITIVE = ['L', 'P', 'H'] as const;
const NEGATIVE = ['R', 'A', 'F'] as const;

/**
 * The letters for one direction: the main axis first, then up to two more when the direction is
 * oblique by more than `obliqueThreshold` (the cosine share of that axis). E.g. [1,0,0] -> "L",
 * [0.8, 0.6, 0] -> "LP". Returns "" for a zero or non-finite vector.
 */
export function directionLetters(direction: Vec3, obliqueThreshold = 0.25): string {
  const length = Math.hypot(direction[0], direction[1], direction[2]);
  if (!Number.isFinite(length) || length === 0) return '';
  const components = direction
    .map((value, axis) => ({ axis, value: value / length }))
    .filter(({ value }) => Math.abs(value) >= obliqueThreshold)
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
  return components.map(({ axis, value }) => (value > 0 ? POSITIVE[axis] : NEGATIVE[axis])).join('');
}

/**
 * Labels for all four edges given the patient-space directions of screen-right and screen-down
 * (e.g. from canvas-to-world differences, so pan, zoom, flips and rotations are all accounted for).
 */
export function orientationLabels(screenRight: Vec3, screenDown: Vec3): OrientationLabels {
  const negate = (v: Vec3): Vec3 => [-v[0], -v[1], -v[2]];
  return {
    left: directionLetters(negate(screenRight)),
    right: directionLetters(screenRight),
    top: directionLetters(negate(screenDown)),
    bottom: directionLetters(screenDown),
  };
}

export function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

/**
 * Slice location in mm: the image position projected on the slice normal (row x column cosines),
 * the same measure the DICOM index sorts by. For an axial slice it is the z coordinate.
 */
export function positionAlongNormal(position: Vec3, rowCosines: Vec3, columnCosines: Vec3): number | null {
  const normal = cross(rowCosines, columnCosines);
  const length = Math.hypot(normal[0], normal[1], normal[2]);
  if (!Number.isFinite(length) || length < 1e-6) return null;
  return (position[0] * normal[0] + position[1] * normal[1] + position[2] * normal[2]) / length;
}
