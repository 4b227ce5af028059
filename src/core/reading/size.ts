/**
 * Lesion sizes. Stored diameters are mm rounded to 0.1 mm; arithmetic runs on integer tenths of a mm so
 * sums are exact (0.1 + 0.2 is 0.3 here), then converts back to mm once.
 */
import {
  MeasurementSchema,
  roundedLength,
  type AssessmentValue,
  type ImageRef,
  type Measurement,
  type MeasurementTool,
  type Segment,
} from './model';
import { ReadingError } from './errors';

export function toTenths(mm: number): number {
  return Math.round(mm * 10);
}

export function fromTenths(tenths: number): number {
  return tenths / 10;
}

export interface MeasurementInput {
  readonly image: ImageRef;
  readonly tool: MeasurementTool;
  readonly longAxis: Segment;
  readonly shortAxis: Segment | null;
}

/**
 * Builds a measurement from the tool's world points; the diameters are derived from the points, so the
 * stored size and the drawn annotation can never disagree. The long axis is the longer segment: a
 * Bidirectional tool whose handles were dragged until the "short" axis is longer is normalised.
 */
export function makeMeasurement(input: MeasurementInput): Measurement {
  let { longAxis, shortAxis } = input;
  if (shortAxis !== null && roundedLength(shortAxis) > roundedLength(longAxis))
    [longAxis, shortAxis] = [shortAxis, longAxis];
  const candidate = {
    image: input.image,
    tool: input.tool,
    longAxis,
    shortAxis,
    longAxisMm: roundedLength(longAxis),
    shortAxisMm: shortAxis === null ? null : roundedLength(shortAxis),
  };
  const parsed = MeasurementSchema.safeParse(candidate);
  if (!parsed.success) throw ReadingError.fromZod('measurement', parsed.error);
  if (parsed.data.longAxisMm === 0)
    throw new ReadingError(
      'INVALID',
      'The measurement has zero length: drag from one edge of the lesion to the other',
    );
  return parsed.data;
}

/**
 * The RECIST size of one measurement in tenths of a mm: the long axis of a non-nodal lesion, the short
 * axis of a lymph node. null when a node was measured without a short axis (Length tool).
 */
export function recistSizeTenths(measurement: Measurement, nodal: boolean): number | null {
  if (!nodal) return toTenths(measurement.longAxisMm);
  return measurement.shortAxisMm === null ? null : toTenths(measurement.shortAxisMm);
}

/** The size of a measured target: the sum of its fragments (a split lesion), in tenths of a mm. */
export function fragmentsSizeTenths(fragments: readonly Measurement[], nodal: boolean): number | null {
  let sum = 0;
  for (const fragment of fragments) {
    const size = recistSizeTenths(fragment, nodal);
    if (size === null) return null;
    sum += size;
  }
  return sum;
}

/**
 * The size an assessment contributes to the sum of diameters, in tenths of a mm, as the panel shows it:
 * measured fragments summed, too small = tooSmallMm, absent and merged = 0, otherwise null.
 */
export function assessmentSizeTenths(
  value: AssessmentValue,
  nodal: boolean,
  tooSmallMm: number,
): number | null {
  switch (value.status) {
    case 'measured':
      return fragmentsSizeTenths(value.fragments, nodal);
    case 'too-small':
      return toTenths(tooSmallMm);
    case 'absent':
    case 'merged':
      return 0;
    case 'equivocal':
    case 'unequivocal':
    case 'increased':
      return value.measurement === null ? null : recistSizeTenths(value.measurement, nodal);
    default:
      return null;
  }
}

/** Why a measurement cannot give a nodal size, or null when it can. */
export function nodalMeasurementProblem(measurements: readonly Measurement[]): string | null {
  return measurements.some((m) => m.shortAxisMm === null)
    ? 'a lymph node is measured by its short axis: use the Bidirectional tool'
    : null;
}

/** All the measurements an assessment holds (fragments, or the new lesion's measurement). */
export function measurementsOf(value: AssessmentValue): readonly Measurement[] {
  if (value.status === 'measured') return value.fragments;
  if ('measurement' in value && value.measurement !== null) return [value.measurement];
  return [];
}
