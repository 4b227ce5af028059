/**
 * Slice synchronisation between two stacks (current and prior timepoint side by side): which slice of
 * one series corresponds to the slice shown in the other. Pure, so it is unit-tested in Node.
 *
 * A slice's position is its ImagePositionPatient projected on the series' unit normal (row x column
 * cosines), the same number the DICOM index stores as FrameRef.positionMm. Two series can be synced
 * when their normals are parallel (same orientation) or antiparallel (one scanned the other way round):
 * then a plane of one is a plane of the other, and positions map by a sign and an offset. The offset
 * is 0 when both share a Frame of Reference (same patient coordinate system); otherwise the reader
 * links them once at a landmark and the offset is whatever separates the two positions there.
 */

export type Vec3 = readonly [number, number, number];

/** +1: same normal, -1: opposite normals, 0: not parallel (e.g. axial vs coronal): no sync. */
export type Alignment = 1 | -1 | 0;

/** Normals within this angle count as parallel (organize.ts groups a series with 1°; scans differ more). */
export const PARALLEL_TOLERANCE_DEG = 5;

export function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

export function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

/** The unit slice normal from the row and column direction cosines, or null when they are degenerate. */
export function unitNormal(rowCosines: Vec3, columnCosines: Vec3): Vec3 | null {
  const normal = cross(rowCosines, columnCosines);
  const length = Math.hypot(normal[0], normal[1], normal[2]);
  if (!Number.isFinite(length) || length < 1e-6) return null;
  return [normal[0] / length, normal[1] / length, normal[2] / length];
}

/** A world point's position along a unit normal (mm). */
export function positionAlong(point: Vec3, normal: Vec3): number {
  return dot(point, normal);
}

export function alignmentOf(a: Vec3, b: Vec3, toleranceDeg = PARALLEL_TOLERANCE_DEG): Alignment {
  const la = Math.hypot(a[0], a[1], a[2]);
  const lb = Math.hypot(b[0], b[1], b[2]);
  if (!(la > 0) || !(lb > 0)) return 0;
  const cosine = dot(a, b) / (la * lb);
  const limit = Math.cos((toleranceDeg * Math.PI) / 180);
  if (cosine >= limit) return 1;
  if (cosine <= -limit) return -1;
  return 0;
}

export interface NearestSlice {
  readonly index: number;
  /** How far the chosen slice is from the wanted position (mm, >= 0). */
  readonly distanceMm: number;
}

/**
 * The slice whose position is nearest `positionMm` (ties go to the lower index); null when no slice
 * has a position. Positions may be in any order (descending when the series runs feet to head on
 * screen) and may contain nulls (frames without geometry), which are skipped.
 */
export function nearestSlice(positions: readonly (number | null)[], positionMm: number): NearestSlice | null {
  if (!Number.isFinite(positionMm)) return null;
  let best: NearestSlice | null = null;
  for (let index = 0; index < positions.length; index++) {
    const position = positions[index];
    if (position === null || position === undefined || !Number.isFinite(position)) continue;
    const distanceMm = Math.abs(position - positionMm);
    if (best === null || distanceMm < best.distanceMm) best = { index, distanceMm };
  }
  return best;
}

/**
 * How positions of a source series map onto a target series: target = alignment x source + offsetMm.
 * `alignment` is the sign between the two normals (positions are measured along each series' own
 * normal, so an opposite normal flips the sign).
 */
export interface PositionMapping {
  readonly alignment: 1 | -1;
  readonly offsetMm: number;
}

export function mapPosition(sourcePositionMm: number, mapping: PositionMapping): number {
  return mapping.alignment * sourcePositionMm + mapping.offsetMm;
}

/** The mapping the other way round (target -> source). */
export function invertMapping(mapping: PositionMapping): PositionMapping {
  // source = (target - offset) / alignment, and 1/alignment = alignment for +-1.
  return { alignment: mapping.alignment, offsetMm: -mapping.alignment * mapping.offsetMm || 0 };
}

/**
 * "Link here": the mapping under which the two positions shown now correspond (the reader has put
 * the same landmark on screen in both viewports).
 */
export function linkAt(
  sourcePositionMm: number,
  targetPositionMm: number,
  alignment: 1 | -1,
): PositionMapping {
  return { alignment, offsetMm: targetPositionMm - alignment * sourcePositionMm };
}

/** The target slice for a source position, or null when the target has no positions. */
export function syncedSlice(
  sourcePositionMm: number,
  mapping: PositionMapping,
  targetPositions: readonly (number | null)[],
): NearestSlice | null {
  return nearestSlice(targetPositions, mapPosition(sourcePositionMm, mapping));
}

/** What the viewer's indicator says about the two viewports. */
export type SyncStatus = 'synced' | 'linked' | 'not-linked' | 'off';

export interface SyncInputs {
  /** The reader's "Sync" toggle. */
  readonly enabled: boolean;
  readonly sourceFrameOfReferenceUid: string | null;
  readonly targetFrameOfReferenceUid: string | null;
  readonly alignment: Alignment;
  /** Both series have slice positions (geometry). */
  readonly positioned: boolean;
  /** A landmark link the reader made for this pair of series, if any. */
  readonly link: PositionMapping | null;
}

export interface SyncDecision {
  readonly status: SyncStatus;
  /** The mapping to apply while scrolling, null when the viewports scroll independently. */
  readonly mapping: PositionMapping | null;
}

/**
 * Whether and how scrolling one viewport moves the other. A landmark link wins over a shared Frame of
 * Reference (the reader made it on purpose, e.g. the patient moved between the scans); without either,
 * the viewports are not linked. Non-parallel slices or missing geometry never sync.
 */
export function decideSync(inputs: SyncInputs): SyncDecision {
  if (!inputs.positioned || inputs.alignment === 0) return { status: 'not-linked', mapping: null };
  if (!inputs.enabled) return { status: 'off', mapping: null };
  if (inputs.link && inputs.link.alignment === inputs.alignment)
    return { status: 'linked', mapping: inputs.link };
  const sameFrame =
    inputs.sourceFrameOfReferenceUid !== null &&
    inputs.sourceFrameOfReferenceUid === inputs.targetFrameOfReferenceUid;
  if (sameFrame) return { status: 'synced', mapping: { alignment: inputs.alignment, offsetMm: 0 } };
  return { status: 'not-linked', mapping: null };
}
