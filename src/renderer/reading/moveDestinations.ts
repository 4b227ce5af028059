import { orderTimepoints, timepointScanDate } from '../../core/reading/grouping';
import type { Subject, Timepoint } from '../../core/reading/model';
import { formatPersonName } from '../studies/format';

export interface MoveOption {
  /** `timepoint:<id>` or `subject:<id>` (a new visit of that subject). */
  readonly value: string;
  readonly label: string;
}

export interface MoveGroup {
  readonly subject: Subject;
  /** "ABC-0007 (DOE, JANE)": the subject as a reader recognises the patient. */
  readonly patient: string;
  readonly own: boolean;
  readonly options: readonly MoveOption[];
}

/** The subject's label, with the patient's name from its studies when they carry one. */
export function describePatient(subject: Subject, patientNames: readonly string[]): string {
  const name = patientNames.map(formatPersonName).find((n) => n !== '');
  return name ? `${subject.label} (${name})` : subject.label;
}

/** "Week 8 (2000-02-26)": a visit as a destination. */
export function visitDestinationLabel(timepoint: Timepoint): string {
  return `${timepoint.visitName} (${timepointScanDate(timepoint) ?? 'no date'})`;
}

/**
 * Where a study of `current` may go: its own subject's other visits first (a wrong visit is the common
 * mistake), then each other subject, in label order. Moving the only study of a visit into "a visit of
 * its own" would change nothing, so that is offered only when the visit holds more than one study.
 */
export function moveDestinations(
  current: Timepoint,
  subjects: readonly Subject[],
  timepoints: readonly Timepoint[],
  patientNameOfStudy: (studyInstanceUid: string) => string | undefined,
  /** How a visit is named (a blinded reader's names carry study days instead of dates). */
  visitLabel: (timepoint: Timepoint, subject: Subject) => string = visitDestinationLabel,
): MoveGroup[] {
  const groups = [...subjects]
    .sort((a, b) => a.label.localeCompare(b.label))
    .map((subject): MoveGroup => {
      const own = subject.id === current.subjectId;
      const visits = orderTimepoints(timepoints.filter((t) => t.subjectId === subject.id));
      const names = visits.flatMap((t) => t.studies.map((s) => patientNameOfStudy(s.studyInstanceUid) ?? ''));
      const options: MoveOption[] = visits
        .filter((t) => t.id !== current.id)
        .map((t) => ({
          value: `timepoint:${t.id}`,
          label: visitLabel(t, subject),
        }));
      if (!own) options.push({ value: `subject:${subject.id}`, label: `a new visit of ${subject.label}` });
      else if (current.studies.length > 1)
        options.push({ value: `subject:${subject.id}`, label: 'a visit of its own' });
      return { subject, patient: describePatient(subject, names), own, options };
    });
  return [...groups.filter((g) => g.own), ...groups.filter((g) => !g.own)];
}
