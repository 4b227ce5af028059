/**
 * Patient > Study > Series > frames, in reading order, with the geometry checks a reader needs before
 * trusting a measurement: slice spacing, gaps, duplicate positions, mixed orientation or size.
 *
 * Order inside a series: by position along the slice normal (ImagePositionPatient projected on the
 * cross product of the ImageOrientationPatient cosines). The direction follows the scanner's own
 * numbering: when InstanceNumber runs against increasing position, the order is reversed, so a series
 * scanned head to feet still reads head to feet. Without geometry for every frame: InstanceNumber,
 * then frame index.
 */
import { normalOf } from './extract';
import type {
  FrameGeometry,
  FrameRef,
  IndexedInstance,
  InstanceHeader,
  SeriesSummary,
  SeriesWarning,
  StudySummary,
  Vec3,
} from './model';

/** A neighbour distance above this multiple of the median is a gap. */
export const GAP_FACTOR = 1.5;
/** Positions closer than this (mm) are the same position. */
const SAME_POSITION_MM = 0.01;
/** Normals further apart than this (about 1 degree) are a different orientation. */
const SAME_ORIENTATION_DOT = Math.cos((1 * Math.PI) / 180);
/** Gap and duplicate warnings listed one by one before being summarised. */
const MAX_LISTED = 5;

interface FrameCandidate {
  readonly header: InstanceHeader;
  readonly frameIndex: number;
  readonly geometry: FrameGeometry;
  /** Null when the frame has no position of its own (no IPP/IOP, or frames sharing one position). */
  readonly normal: Vec3 | null;
}

const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

function unit(v: Vec3): Vec3 {
  const length = Math.hypot(v[0], v[1], v[2]);
  return length === 0 ? v : [v[0] / length, v[1] / length, v[2] / length];
}

/** "5.0 mm", "1.25 mm": one decimal unless the second one matters. */
function mm(value: number): string {
  const text = value.toFixed(2);
  return `${text.endsWith('0') ? text.slice(0, -1) : text} mm`;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function mostCommon<T>(values: readonly T[], key: (value: T) => string = String): T | null {
  const counts = new Map<string, { value: T; count: number }>();
  for (const value of values) {
    const k = key(value);
    const entry = counts.get(k);
    if (entry) entry.count += 1;
    else counts.set(k, { value, count: 1 });
  }
  let best: { value: T; count: number } | null = null;
  for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry;
  return best ? best.value : null;
}

function framesOf(header: InstanceHeader): FrameCandidate[] {
  const frames: FrameCandidate[] = [];
  for (let frameIndex = 0; frameIndex < header.numberOfFrames; frameIndex += 1) {
    const geometry = header.perFrameGeometry?.[frameIndex] ?? header.geometry;
    // Frames of one multi-frame object without per-frame geometry share a single position.
    const ownPosition = header.numberOfFrames === 1 || header.perFrameGeometry !== null;
    const hasGeometry = geometry.imagePositionPatient !== null && geometry.imageOrientationPatient !== null;
    frames.push({
      header,
      frameIndex,
      geometry,
      normal: ownPosition && hasGeometry ? unit(normalOf(geometry.imageOrientationPatient!)) : null,
    });
  }
  return frames;
}

function byInstanceNumber(a: FrameCandidate, b: FrameCandidate): number {
  const na = a.header.instanceNumber ?? Number.POSITIVE_INFINITY;
  const nb = b.header.instanceNumber ?? Number.POSITIVE_INFINITY;
  if (na !== nb) return na < nb ? -1 : 1;
  if (a.header.sopInstanceUid !== b.header.sopInstanceUid)
    return a.header.sopInstanceUid < b.header.sopInstanceUid ? -1 : 1;
  return a.frameIndex - b.frameIndex;
}

/** Whether InstanceNumber mostly decreases along increasing position (then the order is flipped). */
function numberingRunsBackwards(sorted: readonly FrameCandidate[]): boolean {
  let up = 0;
  let down = 0;
  for (let i = 1; i < sorted.length; i += 1) {
    const previous = sorted[i - 1]!.header.instanceNumber;
    const current = sorted[i]!.header.instanceNumber;
    if (previous === null || current === null || previous === current) continue;
    if (current > previous) up += 1;
    else down += 1;
  }
  return down > up;
}

interface Ordered {
  readonly frames: FrameRef[];
  readonly warnings: SeriesWarning[];
  readonly spacing: number | null;
}

function listed(messages: string[], noun: string): string[] {
  if (messages.length <= MAX_LISTED) return messages;
  return [...messages.slice(0, MAX_LISTED), `and ${messages.length - MAX_LISTED} more ${noun}`];
}

function orderFrames(candidates: FrameCandidate[]): Ordered {
  const warnings: SeriesWarning[] = [];
  const positioned = candidates.filter((frame) => frame.normal !== null);
  const referenceNormal = mostCommon(
    positioned.map((frame) => frame.normal!),
    (n) => n.map((c) => c.toFixed(3)).join(','),
  );
  const count = candidates.length;

  if (count > 1 && referenceNormal) {
    const tilted = positioned.filter(
      (frame) => Math.abs(dot(frame.normal!, referenceNormal)) < SAME_ORIENTATION_DOT,
    );
    if (tilted.length > 0) {
      warnings.push({
        code: 'MIXED_ORIENTATION',
        message: `${tilted.length} of ${count} slices lie in a different plane from the rest (a localizer or a reformat?): distances across them are unreliable`,
      });
    }
  }

  if (positioned.length < count || !referenceNormal) {
    const ordered = [...candidates].sort(byInstanceNumber);
    if (count > 1) {
      const missing = count - positioned.length;
      warnings.push({
        code: 'NO_GEOMETRY',
        message:
          missing === count
            ? `no slice positions: the ${count} images are ordered by instance number and the slice spacing is unknown`
            : `${missing} of ${count} images have no slice position: ordered by instance number, slice spacing unknown`,
      });
    }
    const frames = ordered.map((frame) => ({
      sopInstanceUid: frame.header.sopInstanceUid,
      frameIndex: frame.frameIndex,
      positionMm:
        frame.normal && referenceNormal ? dot(frame.geometry.imagePositionPatient!, referenceNormal) : null,
    }));
    return { frames, warnings, spacing: null };
  }

  const withPosition = candidates.map((frame) => ({
    frame,
    // "+ 0" turns -0 into 0.
    position: dot(frame.geometry.imagePositionPatient!, referenceNormal) + 0,
  }));
  withPosition.sort((a, b) =>
    Math.abs(a.position - b.position) > SAME_POSITION_MM
      ? a.position - b.position
      : byInstanceNumber(a.frame, b.frame),
  );
  if (numberingRunsBackwards(withPosition.map((entry) => entry.frame))) {
    // Flipped, with ties still in instance-number order.
    withPosition.sort((a, b) =>
      Math.abs(a.position - b.position) > SAME_POSITION_MM
        ? b.position - a.position
        : byInstanceNumber(a.frame, b.frame),
    );
  }

  // Spacing, duplicates and gaps only between frames in the series' main plane: a localizer's
  // projected position says nothing about the stack's spacing.
  const neighbours: { distance: number; before: number; after: number; position: number }[] = [];
  let previous: number | null = null;
  withPosition.forEach((entry, index) => {
    if (Math.abs(dot(entry.frame.normal!, referenceNormal)) < SAME_ORIENTATION_DOT) return;
    if (previous !== null) {
      const distance = Math.abs(entry.position - withPosition[previous]!.position);
      neighbours.push({ distance, before: previous, after: index, position: entry.position });
    }
    previous = index;
  });
  // Display numbers are 1-based.
  const pairLabel = (n: { before: number; after: number }) => `slices ${n.before + 1} and ${n.after + 1}`;
  const duplicates: string[] = [];
  const distances: number[] = [];
  neighbours.forEach((n) => {
    if (n.distance <= SAME_POSITION_MM) {
      duplicates.push(`${pairLabel(n)} are at the same position (${mm(n.position)})`);
    } else distances.push(n.distance);
  });
  const spacing = median(distances);
  for (const message of listed(duplicates, 'duplicate positions')) {
    warnings.push({ code: 'DUPLICATE_POSITION', message });
  }

  if (spacing !== null) {
    const gaps: string[] = [];
    let smallest = Number.POSITIVE_INFINITY;
    let largest = 0;
    neighbours.forEach((n) => {
      if (n.distance <= SAME_POSITION_MM) return;
      if (n.distance > spacing * GAP_FACTOR) {
        gaps.push(`gap of ${mm(n.distance)} between ${pairLabel(n)} (expected ${mm(spacing)})`);
        return;
      }
      smallest = Math.min(smallest, n.distance);
      largest = Math.max(largest, n.distance);
    });
    for (const message of listed(gaps, 'gaps')) warnings.push({ code: 'GAP', message });
    // Scanners round positions to 0.01 mm or so; only real unevenness is worth a reader's attention.
    if (largest - smallest > Math.max(0.1, spacing * 0.1)) {
      warnings.push({
        code: 'IRREGULAR_SPACING',
        message: `uneven slice spacing: from ${mm(smallest)} to ${mm(largest)} (median ${mm(spacing)})`,
      });
    }
  }

  const frames = withPosition.map(({ frame, position }) => ({
    sopInstanceUid: frame.header.sopInstanceUid,
    frameIndex: frame.frameIndex,
    positionMm: position,
  }));
  return { frames, warnings, spacing };
}

function sizeWarning(candidates: readonly FrameCandidate[]): SeriesWarning | null {
  const sizes = new Map<string, number>();
  for (const frame of candidates) {
    const key = `${frame.header.columns}x${frame.header.rows}`;
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  }
  if (sizes.size <= 1) return null;
  const parts = [...sizes.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([size, n]) => `${size} (${n} ${n === 1 ? 'image' : 'images'})`);
  return { code: 'MIXED_SIZE', message: `mixed image sizes in one series: ${parts.join(', ')}` };
}

/**
 * The series' frame of reference is that of its first slice in reading order, so that two imports of
 * the same files agree whatever order the files were read in. Within a real series every slice shares
 * one; some anonymisers (the LIDC archive among them) give every file its own UID, which says nothing
 * about the geometry, so it is not a warning the reader needs.
 */
function frameOfReferenceOf(
  candidates: readonly FrameCandidate[],
  firstFrame: { readonly sopInstanceUid: string } | undefined,
): string | null {
  const first = candidates.find((c) => c.header.sopInstanceUid === firstFrame?.sopInstanceUid);
  return (
    first?.header.frameOfReferenceUid ??
    candidates.find((c) => c.header.frameOfReferenceUid !== null)?.header.frameOfReferenceUid ??
    null
  );
}

function summariseSeries(instances: readonly IndexedInstance[]): SeriesSummary {
  const first = instances[0]!.header;
  const candidates = instances.flatMap((instance) => framesOf(instance.header));
  const ordered = orderFrames(candidates);
  const size = mostCommon(
    candidates.map((frame) => [frame.header.rows, frame.header.columns] as const),
    (s) => s.join('x'),
  );
  const thickness = mostCommon(
    candidates
      .map((frame) => frame.geometry.sliceThicknessMm)
      .filter((value): value is number => value !== null),
  );
  const warnings = [...ordered.warnings];
  const mixedSize = sizeWarning(candidates);
  if (mixedSize) warnings.push(mixedSize);
  return {
    seriesInstanceUid: first.seriesInstanceUid,
    studyInstanceUid: first.studyInstanceUid,
    frameOfReferenceUid: frameOfReferenceOf(candidates, ordered.frames[0]),
    modality: first.modality,
    seriesNumber: first.seriesNumber,
    seriesDescription: first.seriesDescription,
    instanceCount: instances.length,
    frameCount: ordered.frames.length,
    rows: size?.[0] ?? first.rows,
    columns: size?.[1] ?? first.columns,
    sliceThicknessMm: thickness,
    sliceSpacingMm: ordered.spacing === null ? null : Math.round(ordered.spacing * 1e4) / 1e4,
    frames: ordered.frames,
    warnings,
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareSeries(a: SeriesSummary, b: SeriesSummary): number {
  const na = a.seriesNumber ?? Number.POSITIVE_INFINITY;
  const nb = b.seriesNumber ?? Number.POSITIVE_INFINITY;
  if (na !== nb) return na < nb ? -1 : 1;
  return (
    compareText(a.seriesDescription, b.seriesDescription) ||
    compareText(a.seriesInstanceUid, b.seriesInstanceUid)
  );
}

function compareStudies(a: StudySummary, b: StudySummary): number {
  return (
    compareText(a.patientName, b.patientName) ||
    compareText(a.patientId, b.patientId) ||
    compareText(a.studyDate ?? '', b.studyDate ?? '') ||
    compareText(a.studyInstanceUid, b.studyInstanceUid)
  );
}

/**
 * Groups indexed instances into studies and series (each study carries its patient), orders every
 * series' frames and computes its spacing and warnings. Duplicate SOP Instance UIDs count once.
 */
export function organizeStudies(instances: readonly IndexedInstance[]): StudySummary[] {
  const studies = new Map<string, Map<string, IndexedInstance[]>>();
  const seen = new Set<string>();
  for (const instance of instances) {
    const { sopInstanceUid, studyInstanceUid, seriesInstanceUid } = instance.header;
    if (seen.has(sopInstanceUid)) continue;
    seen.add(sopInstanceUid);
    let seriesMap = studies.get(studyInstanceUid);
    if (!seriesMap) studies.set(studyInstanceUid, (seriesMap = new Map()));
    let members = seriesMap.get(seriesInstanceUid);
    if (!members) seriesMap.set(seriesInstanceUid, (members = []));
    members.push(instance);
  }
  const result: StudySummary[] = [];
  for (const [studyInstanceUid, seriesMap] of studies) {
    const series = [...seriesMap.values()].map(summariseSeries).sort(compareSeries);
    const headers = [...seriesMap.values()].flat().map((instance) => instance.header);
    const first = headers[0]!;
    result.push({
      studyInstanceUid,
      patientId: first.patientId,
      // Sites sometimes stamp the ID on some series only (a re-export, a late secondary capture).
      // Truthiness, not !== '': headers stored before the field existed have it undefined.
      clinicalTrialSubjectId: headers.find((h) => h.clinicalTrialSubjectId)?.clinicalTrialSubjectId ?? '',
      patientName: first.patientName,
      studyDate: first.studyDate,
      studyDescription: first.studyDescription,
      accessionNumber: first.accessionNumber,
      modalities: [...new Set(series.map((s) => s.modality).filter((m) => m !== ''))].sort(),
      series,
    });
  }
  return result.sort(compareStudies);
}
