/**
 * Grouping imported studies into subjects (by DICOM Patient ID) and timepoints (by study date).
 * A proposal only adds: studies already placed in a timepoint stay where the reader put them, so
 * importing more studies later never undoes a manual fix.
 */
import type { Read, Subject, Timepoint, TimepointStudy } from './model';

/** What grouping needs of a study of the DICOM index (the lead's StudyRecord satisfies it). */
export interface IndexedStudy {
  readonly studyInstanceUid: string;
  readonly patientId: string;
  readonly patientName: string;
  readonly studyDate: string | null;
}

export interface GroupingState {
  readonly subjects: readonly Subject[];
  readonly timepoints: readonly Timepoint[];
  /**
   * Studies that arrived for a subject with a read: a reader decides each by hand (even one set aside
   * stays decided), so grouping never proposes them again.
   */
  readonly newImages?: readonly { readonly study: Pick<TimepointStudy, 'studyInstanceUid'> }[];
  /**
   * Studies in the trial's queue of studies that matched no subject: the admin decides them (assigned,
   * set aside), so grouping never places them on its own; a trial re-matches the waiting ones.
   */
  readonly unmatchedStudies?: readonly {
    readonly study: Pick<TimepointStudy, 'studyInstanceUid'>;
    readonly state: string;
  }[];
}

export interface ProposedTimepoint {
  /** An existing timepoint the studies join, or null for a new one. */
  readonly timepointId: string | null;
  /** The visit name a new timepoint gets (the reader edits it later); the existing name otherwise. */
  readonly visitName: string;
  readonly scanDate: string | null;
  readonly studies: readonly TimepointStudy[];
}

export interface ProposedSubject {
  /** An existing subject, or null for a new one. */
  readonly subjectId: string | null;
  readonly label: string;
  /** Patient IDs to add to the subject (empty when it already routes them). */
  readonly addPatientIds: readonly string[];
  readonly timepoints: readonly ProposedTimepoint[];
}

/** The scan date of a timepoint: the earliest date of its studies (the first image of the visit). */
export function timepointScanDate(timepoint: Pick<Timepoint, 'studies'>): string | null {
  let earliest: string | null = null;
  for (const study of timepoint.studies)
    if (study.studyDate !== null && (earliest === null || study.studyDate < earliest))
      earliest = study.studyDate;
  return earliest;
}

/** Date order, undated last; equal dates by creation. The first timepoint is the baseline. */
export function orderTimepoints<T extends Pick<Timepoint, 'studies' | 'createdAt' | 'id'>>(
  timepoints: readonly T[],
): T[] {
  const keyed = timepoints.map((t) => ({ t, date: timepointScanDate(t) }));
  keyed.sort(
    (a, b) =>
      compareNullableDates(a.date, b.date) ||
      a.t.createdAt.localeCompare(b.t.createdAt) ||
      a.t.id.localeCompare(b.t.id),
  );
  return keyed.map((k) => k.t);
}

/**
 * The read's visits: its baseline first, then the subject's later visits by date. A visit dated before
 * the baseline cannot join a started read (the policy refuses to create one), and is left out if one
 * exists from before this rule.
 */
export function readTimepoints<T extends Pick<Timepoint, 'id' | 'studies' | 'createdAt'>>(
  read: Pick<Read, 'baselineTimepointId'>,
  subjectTimepoints: readonly T[],
): T[] {
  const ordered = orderTimepoints(subjectTimepoints);
  const baseline = ordered.find((t) => t.id === read.baselineTimepointId);
  if (!baseline) return ordered;
  const baselineDate = timepointScanDate(baseline);
  const later = ordered.filter((t) => {
    if (t.id === baseline.id) return false;
    const date = timepointScanDate(t);
    return baselineDate === null || date === null || date >= baselineDate;
  });
  return [baseline, ...later];
}

function compareNullableDates(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** Studies are routed by Patient ID; anonymised studies without one fall back to the name, then stand alone. */
function patientKey(study: IndexedStudy): string {
  if (study.patientId.trim() !== '') return `id:${study.patientId}`;
  if (study.patientName.trim() !== '') return `name:${study.patientName}`;
  return `study:${study.studyInstanceUid}`;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The default visit name of a timepoint at `index` in date order: "Baseline", then "Week N" counted from
 * the baseline scan (how trial schedules name visits), made unique with the scan date when needed.
 */
export function defaultVisitName(
  index: number,
  scanDate: string | null,
  baselineDate: string | null,
  taken: ReadonlySet<string>,
): string {
  let name: string;
  if (index === 0) name = 'Baseline';
  else if (scanDate === null) name = 'Undated visit';
  else if (baselineDate === null) name = `Visit ${scanDate}`;
  else name = `Week ${Math.round(daysBetween(baselineDate, scanDate) / 7)}`;
  if (!taken.has(name)) return name;
  const dated = scanDate === null ? name : `${name} (${scanDate})`;
  let unique = dated;
  for (let n = 2; taken.has(unique); n += 1) unique = `${dated} #${n}`;
  return unique;
}

/** The proposal for the studies of the index that no timepoint holds yet. */
export function proposeGrouping(studies: readonly IndexedStudy[], state: GroupingState): ProposedSubject[] {
  const placed = new Set([
    ...state.timepoints.flatMap((t) => t.studies.map((s) => s.studyInstanceUid)),
    ...(state.newImages ?? []).map((n) => n.study.studyInstanceUid),
    ...(state.unmatchedStudies ?? []).map((u) => u.study.studyInstanceUid),
  ]);
  const subjectByPatientId = new Map<string, Subject>();
  for (const subject of state.subjects)
    for (const id of subject.patientIds) subjectByPatientId.set(id, subject);

  // Bucket unplaced studies per target subject (existing, or a new one per patient key).
  const buckets = new Map<
    string,
    { subject: Subject | null; label: string; patientIds: Set<string>; studies: IndexedStudy[] }
  >();
  const seen = new Set<string>();
  for (const study of studies) {
    if (placed.has(study.studyInstanceUid) || seen.has(study.studyInstanceUid)) continue;
    seen.add(study.studyInstanceUid);
    const existing = study.patientId.trim() === '' ? undefined : subjectByPatientId.get(study.patientId);
    const key = existing ? `subject:${existing.id}` : patientKey(study);
    let bucket = buckets.get(key);
    if (!bucket) {
      const label =
        existing?.label ?? (study.patientId.trim() || study.patientName.trim() || 'Unidentified patient');
      bucket = { subject: existing ?? null, label, patientIds: new Set(), studies: [] };
      buckets.set(key, bucket);
    }
    if (!existing && study.patientId.trim() !== '') bucket.patientIds.add(study.patientId);
    bucket.studies.push(study);
  }

  const proposals: ProposedSubject[] = [];
  for (const bucket of buckets.values()) {
    const existingTimepoints = bucket.subject
      ? state.timepoints.filter((t) => t.subjectId === bucket.subject!.id)
      : [];
    proposals.push({
      subjectId: bucket.subject?.id ?? null,
      label: bucket.label,
      addPatientIds: [...bucket.patientIds].sort(),
      timepoints: proposeTimepoints(bucket.studies, existingTimepoints),
    });
  }
  return proposals.sort((a, b) => a.label.localeCompare(b.label));
}

/** Date grouping of one subject's new studies beside its existing visits (same date, same visit). */
export function proposeTimepoints(
  studies: readonly IndexedStudy[],
  existing: readonly Timepoint[],
): ProposedTimepoint[] {
  const byDate = new Map<string, { timepoint: Timepoint | null; studies: TimepointStudy[] }>();
  const undated: TimepointStudy[][] = [];
  for (const t of existing) {
    const date = timepointScanDate(t);
    if (date !== null && !byDate.has(date)) byDate.set(date, { timepoint: t, studies: [] });
  }
  const sorted = [...studies].sort((a, b) => a.studyInstanceUid.localeCompare(b.studyInstanceUid));
  for (const study of sorted) {
    const entry: TimepointStudy = {
      studyInstanceUid: study.studyInstanceUid,
      patientId: study.patientId,
      studyDate: study.studyDate,
    };
    if (study.studyDate === null) {
      undated.push([entry]);
      continue;
    }
    const slot = byDate.get(study.studyDate) ?? { timepoint: null, studies: [] };
    slot.studies.push(entry);
    byDate.set(study.studyDate, slot);
  }

  // Name new timepoints by their place among all of the subject's timepoints, old and new.
  const all = [
    ...existing.map((t) => ({ date: timepointScanDate(t), existing: t, studies: [] as TimepointStudy[] })),
    ...[...byDate.entries()]
      .filter(([, slot]) => slot.timepoint === null)
      .map(([date, slot]) => ({ date, existing: null, studies: slot.studies })),
    ...undated.map((s) => ({ date: null, existing: null, studies: s })),
  ].sort((a, b) => compareNullableDates(a.date, b.date) || (a.existing ? -1 : 0) - (b.existing ? -1 : 0));
  const baselineDate = all[0]?.date ?? null;
  const taken = new Set(existing.map((t) => t.visitName));
  const proposed: ProposedTimepoint[] = [];
  all.forEach((slot, index) => {
    if (slot.existing) {
      const added =
        byDate.get(slot.date ?? '')?.timepoint === slot.existing ? byDate.get(slot.date!)!.studies : [];
      if (added.length > 0)
        proposed.push({
          timepointId: slot.existing.id,
          visitName: slot.existing.visitName,
          scanDate: slot.date,
          studies: added,
        });
      return;
    }
    const visitName = defaultVisitName(index, slot.date, baselineDate, taken);
    taken.add(visitName);
    proposed.push({ timepointId: null, visitName, scanDate: slot.date, studies: slot.studies });
  });
  return proposed;
}
