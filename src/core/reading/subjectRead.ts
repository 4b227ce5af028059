/**
 * A stored read -> the subject-read JSON of shared/contracts/recist-case.md, the engine's input. The
 * live panel and "Export read" both go through this one function, so `npm run cli -- evaluate` on the
 * exported file gives exactly the responses the panel shows.
 *
 * Ids in the JSON are what a reader recognises: lesion labels (T1, NT1, N1) and visit names; the maps
 * returned alongside lead back to the stored records.
 */
import { chronologyProblems } from '../model/chronology';
import { ReadingError } from './errors';
import { readTimepoints, timepointScanDate } from './grouping';
import { locationCatalogue, type LocationCatalogue } from './locations';
import type {
  Assessment,
  AssessmentValue,
  Lesion,
  Measurement,
  Read,
  ReadOptions,
  Subject,
  Timepoint,
} from './model';
import { assessmentSizeTenths, fromTenths, measurementsOf } from './size';
import { compareLabels } from './labels';

/** Everything of one read the conversion needs (renderer/db loadReadSnapshot gives it). */
export interface ReadSnapshot {
  readonly read: Read;
  readonly subject: Subject;
  readonly timepoints: readonly Timepoint[];
  /** Deleted lesions may be included: they are skipped. */
  readonly lesions: readonly Lesion[];
  readonly assessments: readonly Assessment[];
}

export type JsonMeasurement =
  | { mm: number; sliceThicknessMm?: number }
  | { status: 'too-small' | 'absent' | 'not-evaluated' }
  | { status: 'merged'; into: string };

export type JsonNonTargetStatus = 'present' | 'absent' | 'unequivocal-progression' | 'not-evaluated';

export type JsonNewLesionStatus = 'equivocal' | 'unequivocal' | 'increased' | 'absent' | 'not-evaluated';

export interface JsonNewLesion {
  id: string;
  organ: string;
  status: JsonNewLesionStatus;
  nodal: boolean;
  mm?: number;
  /** The series `mm` was measured on, for the 2 x slice thickness rule. */
  sliceThicknessMm?: number;
  location: string;
}

export interface JsonTimepoint {
  id: string;
  date: string;
  sliceThicknessMm: number | null;
  measurements: Record<string, JsonMeasurement>;
  nonTarget: Record<string, JsonNonTargetStatus>;
  newLesions: JsonNewLesion[];
}

/** The contract's input (extra `location` fields carry the catalogue code; the engine ignores them). */
export interface SubjectReadJson {
  criteria: Read['criteria'];
  options: ReadOptions;
  subject: {
    id: string;
    enrollmentDate: string;
    deathDate: string | null;
    newAnticancerTherapyDate: string | null;
  };
  lesions: { id: string; kind: 'target' | 'non-target'; organ: string; nodal: boolean; location: string }[];
  timepoints: JsonTimepoint[];
}

export interface SubjectReadConversion {
  readonly subjectRead: SubjectReadJson;
  /** JSON timepoint id (visit name) -> stored timepoint id, and the same for lesions (label -> id). */
  readonly timepointIds: ReadonlyMap<string, string>;
  readonly lesionIds: ReadonlyMap<string, string>;
  /** Why the JSON is not (yet) a faithful export; empty when it is. The panel shows them. */
  readonly problems: readonly string[];
}

export interface ConversionOptions {
  /** Slice thickness of a series in mm (from the DICOM index), for the measurability rule. */
  readonly sliceThicknessMm?: (seriesInstanceUid: string) => number | null;
  readonly catalogue?: LocationCatalogue;
}

/** The thickest series among the measurements, when the DICOM index knows any of them. */
function thickestSeries(
  measurements: readonly Measurement[],
  options: ConversionOptions,
): number | undefined {
  let thickest: number | undefined;
  for (const m of measurements) {
    const thickness = options.sliceThicknessMm?.(m.image.seriesInstanceUid);
    if (thickness !== undefined && thickness !== null) thickest = Math.max(thickest ?? 0, thickness);
  }
  return thickest;
}

function newLesionStatus(value: AssessmentValue): JsonNewLesionStatus | null {
  switch (value.status) {
    case 'equivocal':
    case 'unequivocal':
    case 'increased':
    case 'absent':
    case 'not-evaluated':
      return value.status;
    default:
      return null;
  }
}

export function liveLesions(lesions: readonly Lesion[]): Lesion[] {
  return lesions.filter((l) => !l.deleted).sort((a, b) => compareLabels(a.label, b.label));
}

/** Visit names, made unique with "#2" where a subject has two visits of one name. */
function jsonTimepointIds(timepoints: readonly Timepoint[]): string[] {
  const used = new Set<string>();
  return timepoints.map((t) => {
    let id = t.visitName;
    for (let n = 2; used.has(id); n += 1) id = `${t.visitName} #${n}`;
    used.add(id);
    return id;
  });
}

export function toSubjectRead(
  snapshot: ReadSnapshot,
  options: ConversionOptions = {},
): SubjectReadConversion {
  const catalogue = options.catalogue ?? locationCatalogue;
  const problems: string[] = [];
  const lesions = liveLesions(snapshot.lesions.filter((l) => l.readId === snapshot.read.id));
  const lesionById = new Map(lesions.map((l) => [l.id, l]));
  const location = (lesion: Lesion) => catalogue.require(lesion.locationCode);

  // The read's own visits: its baseline is the one fixed when the read started.
  const ordered = readTimepoints(
    snapshot.read,
    snapshot.timepoints.filter((t) => t.subjectId === snapshot.subject.id),
  );
  const dated = ordered.filter((t) => {
    if (timepointScanDate(t) !== null) return true;
    problems.push(`${t.visitName} has no scan date (its studies carry no StudyDate): it is left out`);
    return false;
  });
  const ids = jsonTimepointIds(dated);
  const timepointIds = new Map(dated.map((t, i) => [ids[i]!, t.id]));
  if (dated.length === 0) problems.push('the subject has no dated timepoint: there is no baseline');

  const byTimepoint = new Map<string, Map<string, Assessment>>();
  for (const a of snapshot.assessments) {
    if (a.readId !== snapshot.read.id || !lesionById.has(a.lesionId)) continue;
    const map = byTimepoint.get(a.timepointId) ?? new Map<string, Assessment>();
    map.set(a.lesionId, a);
    byTimepoint.set(a.timepointId, map);
  }

  // New lesions already written at an earlier JSON timepoint: only they may be absent, not evaluated
  // or increased (the contract refuses those words for a lesion it has not seen).
  const newLesionsWritten = new Set<string>();

  const timepoints: JsonTimepoint[] = dated.map((t, i) => {
    const assessments = byTimepoint.get(t.id) ?? new Map<string, Assessment>();
    const measurements: Record<string, JsonMeasurement> = {};
    const nonTarget: Record<string, JsonNonTargetStatus> = {};
    const newLesions: JsonNewLesion[] = [];
    const thicknesses: number[] = [];
    // Only what was assessed here is listed: a lesion with no assessment is not evaluated (contract).
    for (const lesion of lesions) {
      const assessment = assessments.get(lesion.id);
      if (!assessment) continue;
      const { value } = assessment;
      const { nodal, group } = location(lesion);
      // The coarsest series this lesion was measured on here (a split lesion may span series).
      const own = thickestSeries(measurementsOf(value), options);
      if (own !== undefined) thicknesses.push(own);
      if (lesion.kind === 'target') {
        if (value.status === 'measured') {
          const size = assessmentSizeTenths(value, nodal, snapshot.read.options.tooSmallMm);
          if (size === null) {
            problems.push(
              `${lesion.label} at ${t.visitName}: a lymph node needs its short axis; counted as not evaluated`,
            );
            measurements[lesion.label] = { status: 'not-evaluated' };
          } else
            measurements[lesion.label] = {
              mm: fromTenths(size),
              // Measurability is judged at baseline, on the series each target was measured on.
              ...(i === 0 && own !== undefined ? { sliceThicknessMm: own } : {}),
            };
        } else if (value.status === 'merged') {
          const into = lesionById.get(value.intoLesionId);
          if (into) measurements[lesion.label] = { status: 'merged', into: into.label };
          else {
            problems.push(
              `${lesion.label} at ${t.visitName} is merged into a deleted lesion; counted as not evaluated`,
            );
            measurements[lesion.label] = { status: 'not-evaluated' };
          }
        } else if (
          value.status === 'too-small' ||
          value.status === 'absent' ||
          value.status === 'not-evaluated'
        )
          measurements[lesion.label] = { status: value.status };
      } else if (lesion.kind === 'non-target') {
        if (
          value.status === 'present' ||
          value.status === 'absent' ||
          value.status === 'unequivocal-progression' ||
          value.status === 'not-evaluated'
        )
          nonTarget[lesion.label] = value.status;
      } else if (lesion.kind === 'new') {
        const status = newLesionStatus(value);
        if (status === null) continue;
        if (status !== 'equivocal' && status !== 'unequivocal' && !newLesionsWritten.has(lesion.label)) {
          problems.push(
            `${lesion.label} is recorded as ${status === 'not-evaluated' ? 'not evaluable' : status} at ${t.visitName}, but no earlier visit of the read records it as seen: it is left out at ${t.visitName}`,
          );
          continue;
        }
        newLesionsWritten.add(lesion.label);
        // An absent lesion has no size in the contract (not 0 mm as for a target).
        const size =
          status === 'absent' ? null : assessmentSizeTenths(value, nodal, snapshot.read.options.tooSmallMm);
        newLesions.push({
          id: lesion.label,
          organ: group,
          status,
          nodal,
          ...(size === null ? {} : { mm: fromTenths(size) }),
          ...(size !== null && own !== undefined ? { sliceThicknessMm: own } : {}),
          location: lesion.locationCode,
        });
      }
    }
    return {
      id: ids[i]!,
      date: timepointScanDate(t)!,
      // The visit's coarsest series, for readers of the JSON without a per-lesion thickness.
      sliceThicknessMm: thicknesses.length > 0 ? Math.max(...thicknesses) : null,
      measurements,
      nonTarget,
      newLesions,
    };
  });

  let enrollmentDate = snapshot.subject.enrollmentDate;
  if (enrollmentDate === null) {
    enrollmentDate = timepoints[0]?.date ?? '1970-01-01';
    problems.push(
      `subject ${snapshot.subject.label} has no enrolment date: the baseline scan date stands in ` +
        '(best response and PFS depend on it)',
    );
  }

  const subject = {
    id: snapshot.subject.label,
    enrollmentDate,
    deathDate: snapshot.subject.deathDate,
    newAnticancerTherapyDate: snapshot.subject.newAnticancerTherapyDate,
  };
  // The app refuses such edits, but a scan imported later (after the recorded death) can still make them.
  for (const problem of chronologyProblems(
    subject,
    timepoints.map((t) => t.date),
  ))
    problems.push(`${problem.message}. Correct the subject's dates to see the responses.`);

  return {
    subjectRead: {
      criteria: snapshot.read.criteria,
      options: { ...snapshot.read.options },
      subject,
      lesions: lesions
        .filter((l): l is Lesion & { kind: 'target' | 'non-target' } => l.kind !== 'new')
        .map((l) => ({
          id: l.label,
          kind: l.kind,
          organ: location(l).group,
          nodal: location(l).nodal,
          location: l.locationCode,
        })),
      timepoints,
    },
    timepointIds,
    lesionIds: new Map(lesions.map((l) => [l.label, l.id])),
    problems,
  };
}

/** For "Export read": the JSON, or a ReadingError listing every reason it would not be faithful. */
export function exportSubjectRead(snapshot: ReadSnapshot, options: ConversionOptions = {}): SubjectReadJson {
  const conversion = toSubjectRead(snapshot, options);
  if (conversion.problems.length > 0)
    throw new ReadingError(
      'INCOMPLETE',
      `the read cannot be exported yet: ${conversion.problems.join('; ')}`,
    );
  return conversion.subjectRead;
}
