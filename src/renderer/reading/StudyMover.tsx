import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { timepointScanDate } from '../../core/reading/grouping';
import type { Subject, Timepoint, TimepointStudy } from '../../core/reading/model';
import { dateFormatter, type DateFormatter } from '../../core/trial/blindedText';
import { useBlinding } from '../auth/blinding';
import { useServices } from '../app/services';
import type { StudyRecord } from '../db/database';
import { moveStudy, type StudyDestination } from '../db/readSubjects';
import { moveDestinations, type MoveGroup } from './moveDestinations';
import { useMutate } from './useReadingSession';
import './studyMover.css';

interface PendingMove {
  readonly study: TimepointStudy;
  readonly choice: string;
  readonly from: MoveGroup | undefined;
  readonly to: MoveGroup;
  readonly destinationLabel: string;
}

/**
 * The studies of one visit, each movable to another visit (of this or another subject) or into a visit
 * of its own: automatic grouping by Patient ID and date is a proposal the reader can correct. The
 * subject's own visits come first; a move to another patient is confirmed first, naming both patients,
 * since it puts one patient's images into another's read. The repository refuses a move that would
 * strand measurements or touch a signed visit, and says why.
 */
export function StudyMover({ timepoint }: { timepoint: Timepoint }) {
  const { db } = useServices();
  const mutate = useMutate();
  const [pending, setPending] = useState<PendingMove | null>(null);
  const dates = useBlinding(timepoint.subjectId);
  const blinded = dates.blinded;
  const records = useLiveQuery(
    () => db.studies.bulkGet(timepoint.studies.map((s) => s.studyInstanceUid)),
    [db, timepoint],
  );
  const groups = useLiveQuery(async () => {
    const subjects = await db.table<Subject, string>('subjects').toArray();
    const timepoints = await db.table<Timepoint, string>('timepoints').toArray();
    const uids = timepoints.flatMap((t) => t.studies.map((s) => s.studyInstanceUid));
    const studies = new Map(
      (await db.studies.bulkGet(uids)).flatMap((s) => (s ? [[s.studyInstanceUid, s] as const] : [])),
    );
    if (!blinded)
      return moveDestinations(timepoint, subjects, timepoints, (uid) => studies.get(uid)?.patientName);
    // Blinded: subjects by their label only, and each visit by its study day from its own subject's
    // enrolment.
    return moveDestinations(
      timepoint,
      subjects,
      timepoints,
      () => undefined,
      (t, subject) => {
        const own = dateFormatter(true, subject.enrollmentDate);
        return `${own.redact(t.visitName)} (${own.formatVisitDate(timepointScanDate(t))})`;
      },
    );
  }, [db, timepoint, blinded]);
  const who = blinded ? 'subject' : 'patient';

  const move = (studyInstanceUid: string, choice: string) => {
    const [kind, id] = choice.split(':') as ['timepoint' | 'subject', string];
    const destination: StudyDestination =
      kind === 'timepoint' ? { timepointId: id } : { newTimepointOfSubjectId: id };
    void mutate((s) => moveStudy(s, studyInstanceUid, destination));
  };

  const choose = (study: TimepointStudy, choice: string) => {
    const to = groups?.find((g) => g.options.some((o) => o.value === choice));
    if (!to || to.own) {
      setPending(null);
      move(study.studyInstanceUid, choice);
      return;
    }
    const option = to.options.find((o) => o.value === choice)!;
    setPending({
      study,
      choice,
      from: groups?.find((g) => g.own),
      to,
      destinationLabel: choice.startsWith('subject:') ? 'as a new visit' : `into the visit ${option.label}`,
    });
  };

  return (
    <ul className="study-mover" data-testid="visit-studies">
      {timepoint.studies.map((study, i) => (
        <li key={study.studyInstanceUid}>
          <span className="muted">{describeStudy(study, records?.[i], dates)}</span>
          <select
            aria-label={`Move study of ${dates.formatVisitDate(study.studyDate)}`}
            data-testid="move-study"
            value=""
            onChange={(e) => e.target.value && choose(study, e.target.value)}
          >
            <option value="">Move to…</option>
            {groups
              ?.filter((g) => g.options.length > 0)
              .map((g) => (
                <optgroup
                  key={g.subject.id}
                  label={`${g.own ? `This ${who}` : `Another ${who}`}: ${g.patient}`}
                >
                  {g.options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </optgroup>
              ))}
          </select>
          {pending?.study.studyInstanceUid === study.studyInstanceUid && (
            <div
              className="move-confirm"
              role="alertdialog"
              aria-label={`Move the study to another ${who}?`}
              data-testid="move-confirm"
            >
              <p>
                Move the study of {dates.formatVisitDate(study.studyDate)} from{' '}
                <b>{pending.from?.patient ?? 'this subject'}</b> to another {who}, <b>{pending.to.patient}</b>
                , {pending.destinationLabel}? Its images will then be read as that {who}&apos;s.
              </p>
              <div className="move-confirm-actions">
                <button
                  type="button"
                  className="primary"
                  onClick={() => {
                    setPending(null);
                    move(study.studyInstanceUid, pending.choice);
                  }}
                >
                  Move to {pending.to.subject.label}
                </button>
                <button type="button" onClick={() => setPending(null)} autoFocus>
                  Cancel
                </button>
              </div>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

function describeStudy(study: TimepointStudy, record: StudyRecord | undefined, dates: DateFormatter): string {
  return `${dates.formatVisitDate(study.studyDate)} · ${record?.modalities.join('/') ?? '?'} ${dates.redact(
    record?.studyDescription || '(no description)',
  )}`;
}
