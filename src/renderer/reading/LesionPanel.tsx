import { useState } from 'react';
import type { ReadEvaluation } from '../../core/reading/evaluation';
import { lesionGrid, type LesionRow } from '../../core/reading/grid';
import type { AssessmentValue, Lesion } from '../../core/reading/model';
import { useBlinding } from '../auth/blinding';
import { clearAssessment, deleteLesion, setAssessment } from '../db/readLesions';
import type { ReadView } from '../db/readQueries';
import { useReadingStore, type MeasureTool } from '../store/readingStore';
import { KeyImageThumb } from './KeyImageThumb';
import { ReasonDialog } from './LocationDialog';
import { cellText } from './RecistPanel';
import { useMutate } from './useReadingSession';

interface Props {
  readonly view: ReadView;
  readonly evaluation: ReadEvaluation;
  readonly timepointId: string;
  readonly locked: boolean;
  readonly onGoTo: (lesionId: string) => void;
}

/** The lesions at the current timepoint, with what the reader can record for each. */
export function LesionPanel({ view, evaluation, timepointId, locked, onGoTo }: Props) {
  const arm = useReadingStore((s) => s.arm);
  const measureRequest = useReadingStore((s) => s.measureRequest);
  const disarm = useReadingStore((s) => s.disarm);
  const isBaseline = view.timepoints[0]?.id === timepointId;
  // Free text (a description, a check's message) can quote a date: blinded, it shows the study day.
  const { redact } = useBlinding(view.subject.id);
  const rows = lesionGrid(view).filter(
    (r) => r.lesion.kind !== 'new' || isVisibleNewLesion(r.lesion, view, timepointId),
  );
  const section = (title: string, kind: Lesion['kind']) => {
    const list = rows.filter((r) => r.lesion.kind === kind);
    if (list.length === 0) return null;
    return (
      <>
        <h3>{title}</h3>
        <ul className="lesion-list">
          {list.map((row) => (
            <LesionItem
              key={row.lesion.id}
              row={row}
              view={view}
              evaluation={evaluation}
              timepointId={timepointId}
              isBaseline={isBaseline}
              locked={locked}
              onGoTo={onGoTo}
              redact={redact}
            />
          ))}
        </ul>
      </>
    );
  };
  const addButton = (label: string, tool: MeasureTool, kind: Lesion['kind'], testId: string) => (
    <button
      type="button"
      disabled={locked}
      data-testid={testId}
      onClick={() => arm(tool, { kind: 'add-lesion', lesionKind: kind })}
    >
      {label}
    </button>
  );
  return (
    <section className="lesion-panel" data-testid="lesion-panel">
      {measureRequest && (
        <div className="measure-hint" role="status" data-testid="measure-hint">
          {measureRequest.tool === 'ArrowAnnotate'
            ? 'Click the lesion to place the arrow'
            : 'Draw the measurement on the image'}
          {' · '}
          <button type="button" className="link" onClick={disarm}>
            cancel (Esc)
          </button>
        </div>
      )}
      <div className="lesion-add">
        {isBaseline ? (
          <>
            {addButton('+ Target', 'Bidirectional', 'target', 'add-target')}
            {addButton('+ Target (length)', 'Length', 'target', 'add-target-length')}
            {addButton('+ Non-target', 'ArrowAnnotate', 'non-target', 'add-non-target')}
          </>
        ) : (
          <>
            {addButton('+ New lesion', 'ArrowAnnotate', 'new', 'add-new-lesion')}
            {addButton('+ New lesion (measured)', 'Bidirectional', 'new', 'add-new-lesion-measured')}
          </>
        )}
      </div>
      {section('Target lesions', 'target')}
      {section('Non-target lesions', 'non-target')}
      {section('New lesions', 'new')}
      {rows.length === 0 && (
        <p className="empty-hint">
          {isBaseline
            ? 'Measure up to 5 target lesions (2 per organ) and record the other disease as non-target.'
            : 'No baseline lesions: record them at the baseline first.'}
        </p>
      )}
    </section>
  );
}

/** New lesions appear from the timepoint they were first seen on. */
function isVisibleNewLesion(lesion: Lesion, view: ReadView, timepointId: string): boolean {
  const order = view.timepoints.map((t) => t.id);
  return order.indexOf(lesion.firstSeenTimepointId ?? '') <= order.indexOf(timepointId);
}

function LesionItem({
  row,
  view,
  evaluation,
  timepointId,
  isBaseline,
  locked,
  onGoTo,
  redact,
}: Omit<Props, 'view'> & {
  row: LesionRow;
  view: ReadView;
  isBaseline: boolean;
  redact: (text: string) => string;
}) {
  const mutate = useMutate();
  const arm = useReadingStore((s) => s.arm);
  const selected = useReadingStore((s) => s.selectedLesionId === row.lesion.id);
  const selectLesion = useReadingStore((s) => s.selectLesion);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const { lesion, location } = row;
  const cell = row.cells.get(timepointId);
  const violations = evaluation.violationsByLesionId.get(lesion.id) ?? [];
  const definesLesion = lesion.kind === 'new' ? lesion.firstSeenTimepointId === timepointId : isBaseline;
  const set = (value: AssessmentValue) =>
    mutate((s) => setAssessment(s, { lesionId: lesion.id, timepointId, value }));
  const status = (label: string, value: AssessmentValue, testId: string) => (
    <button
      type="button"
      disabled={locked}
      aria-pressed={cell?.status === value.status}
      data-testid={`${testId}-${lesion.label}`}
      onClick={() => void set(value)}
    >
      {label}
    </button>
  );
  const current = assessmentValue(view, lesion.id, timepointId);
  const otherTargets = view.lesions.filter((l) => l.kind === 'target' && !l.deleted && l.id !== lesion.id);

  return (
    <li className={`lesion-item${selected ? ' selected' : ''}`} data-testid={`lesion-${lesion.label}`}>
      <div className="lesion-head" onClick={() => selectLesion(lesion.id)}>
        <b className={`lesion-label lesion-${lesion.kind}`}>{lesion.label}</b>
        <span className="lesion-location">
          {location.name}
          {lesion.multiple && ' (multiple)'}
          {lesion.description && <span className="muted"> · {redact(lesion.description)}</span>}
        </span>
        <span className="lesion-value" data-testid={`value-${lesion.label}`}>
          {cellText(cell)}
          {lesion.kind === 'target' && cell?.status === 'measured' && ' mm'}
        </span>
        <button
          type="button"
          className="link"
          title="Show where it was measured"
          onClick={() => onGoTo(lesion.id)}
        >
          go to
        </button>
      </div>
      <KeyImageThumb
        lesionId={lesion.id}
        timepointId={timepointId}
        label={lesion.label}
        onClick={() => onGoTo(lesion.id)}
      />
      {violations.length > 0 && (
        <ul className="lesion-violations" data-testid={`violations-${lesion.label}`}>
          {violations.map((v) => (
            <li key={v.code}>⚠ {redact(v.message)}</li>
          ))}
        </ul>
      )}
      <div className="lesion-actions">
        {lesion.kind === 'target' && (
          <>
            {measureButtons(lesion, locked, arm, location.nodal)}
            {!isBaseline && (
              <>
                <button
                  type="button"
                  disabled={locked || cell?.status !== 'measured'}
                  title="A lesion that split: measure each fragment; the sizes are summed"
                  onClick={() => arm('Bidirectional', { kind: 'add-fragment', lesionId: lesion.id })}
                >
                  + fragment
                </button>
                {status('Too small', { status: 'too-small', marker: null }, 'too-small')}
                {status('Absent', { status: 'absent', marker: null }, 'absent')}
                {otherTargets.length > 0 && (
                  <select
                    disabled={locked}
                    aria-label={`${lesion.label} merged into`}
                    value={current?.status === 'merged' ? current.intoLesionId : ''}
                    onChange={(e) =>
                      e.target.value && void set({ status: 'merged', intoLesionId: e.target.value })
                    }
                  >
                    <option value="">Merged into…</option>
                    {otherTargets.map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.label}
                      </option>
                    ))}
                  </select>
                )}
                {status('Not evaluable', { status: 'not-evaluated', note: '' }, 'ne')}
              </>
            )}
          </>
        )}
        {lesion.kind === 'non-target' && (
          <>
            {!isBaseline && (
              <>
                {status(
                  'Present',
                  { status: 'present', marker: markerOf(view, lesion.id, timepointId) },
                  'present',
                )}
                {status('Absent', { status: 'absent', marker: null }, 'absent')}
                {status(
                  'Unequivocal PD',
                  { status: 'unequivocal-progression', marker: markerOf(view, lesion.id, timepointId) },
                  'pd',
                )}
                {status('Not evaluable', { status: 'not-evaluated', note: '' }, 'ne')}
              </>
            )}
            <button
              type="button"
              disabled={locked}
              onClick={() => arm('ArrowAnnotate', { kind: 'mark', lesionId: lesion.id })}
            >
              Mark
            </button>
          </>
        )}
        {lesion.kind === 'new' && (
          <>
            {status(
              'Equivocal',
              { status: 'equivocal', measurement: null, marker: markerOf(view, lesion.id, timepointId) },
              'equivocal',
            )}
            {status(
              'Unequivocal',
              { status: 'unequivocal', measurement: null, marker: markerOf(view, lesion.id, timepointId) },
              'unequivocal',
            )}
            {/* Grown since an earlier visit: keeps a measurement already drawn here. */}
            {!definesLesion &&
              status(
                'Increased',
                {
                  status: 'increased',
                  measurement: current && 'measurement' in current ? current.measurement : null,
                  marker: markerOf(view, lesion.id, timepointId),
                },
                'increased',
              )}
            {!definesLesion && status('Absent', { status: 'absent', marker: null }, 'absent')}
            {!definesLesion && status('Not evaluable', { status: 'not-evaluated', note: '' }, 'ne')}
          </>
        )}
        {!definesLesion && cell && (
          <button
            type="button"
            className="link"
            disabled={locked}
            onClick={() => void mutate((s) => clearAssessment(s, { lesionId: lesion.id, timepointId }))}
          >
            clear
          </button>
        )}
        {definesLesion && (
          <button
            type="button"
            className="danger"
            disabled={locked}
            data-testid={`delete-${lesion.label}`}
            onClick={() => setConfirmDelete(true)}
          >
            Delete
          </button>
        )}
      </div>
      {confirmDelete && (
        <ReasonDialog
          title={`Delete ${lesion.label}?`}
          detail={
            <p>
              {location.name}: the lesion and its assessments leave the read (the audit trail keeps them).
            </p>
          }
          confirmLabel="Delete"
          requireReason={false}
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() => {
            setConfirmDelete(false);
            void mutate((s) => deleteLesion(s, lesion.id));
          }}
        />
      )}
    </li>
  );
}

function measureButtons(
  lesion: Lesion,
  locked: boolean,
  arm: (tool: MeasureTool, purpose: { kind: 'measure'; lesionId: string }) => void,
  nodal: boolean,
) {
  return (
    <>
      <button
        type="button"
        disabled={locked}
        data-testid={`measure-${lesion.label}`}
        title={nodal ? 'Long and short axis: a node counts its short axis' : 'Long and short axis'}
        onClick={() => arm('Bidirectional', { kind: 'measure', lesionId: lesion.id })}
      >
        Measure
      </button>
      {!nodal && (
        <button
          type="button"
          disabled={locked}
          onClick={() => arm('Length', { kind: 'measure', lesionId: lesion.id })}
        >
          Length
        </button>
      )}
    </>
  );
}

function assessmentValue(view: ReadView, lesionId: string, timepointId: string): AssessmentValue | undefined {
  return view.assessments.find((a) => a.lesionId === lesionId && a.timepointId === timepointId)?.value;
}

/** Keeps an arrow already placed at this timepoint when only the status changes. */
function markerOf(view: ReadView, lesionId: string, timepointId: string) {
  const value = assessmentValue(view, lesionId, timepointId);
  return value && 'marker' in value ? value.marker : null;
}
