/**
 * Grouping imported studies the trial's way (issue 11, "Trial setup"): subjects come from the trial's
 * subject list, never from the studies; a study joins the subject its Clinical Trial Subject ID or Patient
 * ID names (matchStudyToSubject) and the visit its date falls in (matchStudyToVisit). What matches no
 * subject, or no visit, waits in the administrator's queue with the reason. Decisions taken here:
 * - Studies of the same scheduled visit (or of the baseline) join one timepoint named like the schedule
 *   ("Baseline", "W8"), also when a later import brings a second study of that visit.
 * - An unscheduled study gets its own visit, "Unscheduled (near W8)" ("... #2" for a second one: visit
 *   names carry no date, blinded readers see them); studies of the same date share it (a CT and an MR
 *   of the same day are one unscheduled visit).
 * - A subject without enrolment or treatment start date has no schedule yet: its studies are grouped by
 *   date as outside a trial, rather than held back.
 * - A study without a study date, or dated before the baseline window, matches no visit and waits.
 * - A study matched by its trial ID routes its Patient ID to the subject when no subject has that ID yet,
 *   so the patient's studies without the trial ID follow, in this import already and in later ones; a
 *   Patient ID two subjects would claim in the same import is routed to neither.
 * - Studies waiting in the queue are matched again (the subject may have been added since); one that
 *   still matches nothing is not queued twice.
 */
import { daysBetween, isIsoDate } from '../model/dates';
import {
  proposeTimepoints,
  timepointScanDate,
  type GroupingState,
  type IndexedStudy,
  type ProposedSubject,
  type ProposedTimepoint,
} from '../reading/grouping';
import type { Subject, Timepoint, TimepointStudy } from '../reading/model';
import type { TrialProtocol } from './protocol';
import { matchStudyToVisit } from './schedule';
import { matchStudyToSubject, type MatchableSubject } from './studyMatching';

/** A study of the DICOM index as trial grouping needs it. */
export interface TrialIndexedStudy extends IndexedStudy {
  /** (0012,0040); undefined on index records kept before the index stored it (read as ''). */
  readonly clinicalTrialSubjectId?: string;
}

/** A study for the administrator's queue, with the reason it matched nothing. */
export interface ProposedUnmatchedStudy {
  readonly study: TimepointStudy;
  readonly clinicalTrialSubjectId: string;
  readonly reason: string;
}

export interface TrialGroupingProposal {
  readonly subjects: readonly ProposedSubject[];
  readonly unmatched: readonly ProposedUnmatchedStudy[];
}

export type TrialSchedule = Pick<TrialProtocol, 'baselineWindowDays' | 'schedule'>;

type ScheduledSubject = Pick<Subject, 'label' | 'enrollmentDate' | 'treatmentStartDate'>;

export interface SchedulePlacement {
  readonly timepoints: readonly ProposedTimepoint[];
  readonly unplaced: readonly { readonly study: TimepointStudy; readonly reason: string }[];
}

const UNSCHEDULED = 'Unscheduled';

/**
 * Places one subject's new studies in its schedule's visits beside its existing ones. `adminAssigned`:
 * the administrator put the study on this subject by hand, which accepts a study before the baseline
 * window as the baseline (a protocol deviation is theirs to accept) and gives an undated study a visit of
 * its own instead of refusing it.
 */
export function placeInSchedule(
  protocol: TrialSchedule,
  subject: ScheduledSubject,
  existing: readonly Timepoint[],
  studies: readonly TimepointStudy[],
  adminAssigned = false,
): SchedulePlacement {
  const { enrollmentDate, treatmentStartDate } = subject;
  const byDate = (list: readonly TimepointStudy[]) =>
    proposeTimepoints(
      list.map((s): IndexedStudy => ({ ...s, patientName: '' })),
      existing,
    );
  if (enrollmentDate === null || treatmentStartDate === null)
    return { timepoints: byDate(studies), unplaced: [] };

  const unplaced: { study: TimepointStudy; reason: string }[] = [];
  const undated: TimepointStudy[] = [];
  // Slots by visit name (scheduled, baseline) or by date (unscheduled).
  const slots = new Map<
    string,
    { base: string; date: string; unscheduled: boolean; studies: TimepointStudy[] }
  >();
  const sorted = [...studies].sort((a, b) => a.studyInstanceUid.localeCompare(b.studyInstanceUid));
  for (const study of sorted) {
    const date = study.studyDate;
    if (date === null || !isIsoDate(date)) {
      if (adminAssigned) undated.push(study);
      else
        unplaced.push({
          study,
          reason: `The study has no study date, so no visit of ${subject.label}'s schedule can be chosen for it.`,
        });
      continue;
    }
    let match = matchStudyToVisit(protocol, { enrollmentDate, treatmentStartDate }, date);
    if (match.kind === 'too-early') {
      if (!adminAssigned) {
        unplaced.push({
          study,
          reason:
            `The study of ${date} is ${daysBetween(date, treatmentStartDate)} days before ${subject.label}'s ` +
            `treatment start (${treatmentStartDate}); the protocol accepts a baseline at most ` +
            `${protocol.baselineWindowDays} days before it.`,
        });
        continue;
      }
      match = { kind: 'baseline' };
    }
    const key =
      match.kind === 'baseline'
        ? 'Baseline'
        : match.kind === 'scheduled'
          ? match.label
          : `${UNSCHEDULED}@${date}`;
    const base =
      match.kind === 'baseline'
        ? 'Baseline'
        : match.kind === 'scheduled'
          ? match.label
          : `${UNSCHEDULED} (near W${match.nearestWeek})`;
    const slot = slots.get(key) ?? { base, date, unscheduled: match.kind === 'unscheduled', studies: [] };
    if (date < slot.date) slot.date = date;
    slot.studies.push(study);
    slots.set(key, slot);
  }

  const taken = new Set(existing.map((t) => t.visitName));
  const timepoints: ProposedTimepoint[] = [];
  for (const slot of slots.values()) {
    const joins = existing.find((t) =>
      slot.unscheduled
        ? t.visitName.startsWith(slot.base) && timepointScanDate(t) === slot.date
        : t.visitName === slot.base,
    );
    if (joins) {
      const dates = [timepointScanDate(joins), slot.date].filter((d): d is string => d !== null).sort();
      timepoints.push({
        timepointId: joins.id,
        visitName: joins.visitName,
        scanDate: dates[0] ?? null,
        studies: slot.studies,
      });
      continue;
    }
    // Numbered, not dated: visit names are shown to blinded readers.
    let visitName = slot.base;
    for (let n = 2; taken.has(visitName); n += 1) visitName = `${slot.base} #${n}`;
    taken.add(visitName);
    timepoints.push({ timepointId: null, visitName, scanDate: slot.date, studies: slot.studies });
  }
  // Undated studies cannot be told apart by date: each is its own visit, as date grouping does.
  for (const study of undated) {
    let visitName = 'Undated visit';
    for (let n = 2; taken.has(visitName); n += 1) visitName = `Undated visit #${n}`;
    taken.add(visitName);
    timepoints.push({ timepointId: null, visitName, scanDate: null, studies: [study] });
  }
  timepoints.sort((a, b) => (a.scanDate ?? '\uffff').localeCompare(b.scanDate ?? '\uffff'));
  return { timepoints, unplaced };
}

function toTimepointStudy(study: IndexedStudy): TimepointStudy {
  return { studyInstanceUid: study.studyInstanceUid, patientId: study.patientId, studyDate: study.studyDate };
}

/** The trial's proposal for the studies of the index that are neither placed nor decided by the admin. */
export function proposeTrialGrouping(
  protocol: TrialSchedule,
  studies: readonly TrialIndexedStudy[],
  state: GroupingState,
): TrialGroupingProposal {
  const waiting = new Set<string>();
  const placed = new Set([
    ...state.timepoints.flatMap((t) => t.studies.map((s) => s.studyInstanceUid)),
    ...(state.newImages ?? []).map((n) => n.study.studyInstanceUid),
  ]);
  for (const u of state.unmatchedStudies ?? []) {
    if (u.state === 'waiting') waiting.add(u.study.studyInstanceUid);
    else placed.add(u.study.studyInstanceUid);
  }

  const routed = new Set(state.subjects.flatMap((s) => s.patientIds.map((id) => id.trim())));
  const identity = (study: TrialIndexedStudy) => ({
    clinicalTrialSubjectId: study.clinicalTrialSubjectId ?? '',
    patientId: study.patientId,
  });
  const fresh: TrialIndexedStudy[] = [];
  const seen = new Set(placed);
  for (const study of studies) {
    if (seen.has(study.studyInstanceUid)) continue;
    seen.add(study.studyInstanceUid);
    fresh.push(study);
  }

  // First against the stored subjects; the Patient IDs this import's trial IDs route (each to one
  // subject only) then let the patient's other studies of the same import follow.
  const matched = new Map<TrialIndexedStudy, string>();
  const first = new Map(fresh.map((study) => [study, matchStudyToSubject(identity(study), state.subjects)]));
  const claims = new Map<string, Set<string>>();
  for (const [study, match] of first) {
    if ('unmatched' in match) continue;
    matched.set(study, match.subjectId);
    const patientId = study.patientId.trim();
    if (patientId !== '' && !routed.has(patientId))
      claims.set(patientId, (claims.get(patientId) ?? new Set()).add(match.subjectId));
  }
  const routes = new Map<string, string>();
  for (const [patientId, owners] of claims) if (owners.size === 1) routes.set(patientId, [...owners][0]!);
  const withRoutes: MatchableSubject[] = state.subjects.map((s) => ({
    ...s,
    patientIds: [...s.patientIds, ...[...routes].filter(([, id]) => id === s.id).map(([p]) => p)],
  }));

  const unmatched: ProposedUnmatchedStudy[] = [];
  const queue = (study: TrialIndexedStudy, reason: string) => {
    if (!waiting.has(study.studyInstanceUid))
      unmatched.push({
        study: toTimepointStudy(study),
        clinicalTrialSubjectId: (study.clinicalTrialSubjectId ?? '').trim(),
        reason,
      });
  };
  for (const [study, match] of first) {
    if (!('unmatched' in match)) continue;
    const again = routes.size > 0 ? matchStudyToSubject(identity(study), withRoutes) : match;
    if ('unmatched' in again) queue(study, again.unmatched);
    else matched.set(study, again.subjectId);
  }

  const buckets = new Map<string, TrialIndexedStudy[]>();
  for (const [study, subjectId] of matched)
    buckets.set(subjectId, [...(buckets.get(subjectId) ?? []), study]);
  const proposals: { subject: Subject; timepoints: readonly ProposedTimepoint[] }[] = [];
  for (const [subjectId, bucket] of buckets) {
    const subject = state.subjects.find((s) => s.id === subjectId)!;
    const placement = placeInSchedule(
      protocol,
      subject,
      state.timepoints.filter((t) => t.subjectId === subjectId),
      bucket.map(toTimepointStudy),
    );
    for (const u of placement.unplaced)
      queue(
        bucket.find((b) => b.studyInstanceUid === u.study.studyInstanceUid)!,
        u.reason,
      );
    if (placement.timepoints.length > 0) proposals.push({ subject, timepoints: placement.timepoints });
  }

  const subjects = proposals.map(({ subject, timepoints }): ProposedSubject => ({
    subjectId: subject.id,
    label: subject.label,
    addPatientIds: [...routes]
      .filter(([, owner]) => owner === subject.id)
      .map(([patientId]) => patientId)
      .sort(),
    timepoints,
  }));
  subjects.sort((a, b) => a.label.localeCompare(b.label));
  unmatched.sort((a, b) => a.study.studyInstanceUid.localeCompare(b.study.studyInstanceUid));
  return { subjects, unmatched };
}
