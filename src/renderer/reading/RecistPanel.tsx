import type { ReadEvaluation } from '../../core/reading/evaluation';
import { lesionGrid, type LesionCell, type LesionRow } from '../../core/reading/grid';
import type { Timepoint } from '../../core/reading/model';
import type { SubjectResult, TimeToEvent, TimepointResult } from '../../core/model';
import type { PendingConfirmation } from '../../core/recist';
import { recistColumns, type ColumnRole } from '../../core/reading/recistColumns';
import type { DateFormatter } from '../../core/trial/blindedText';
import { useBlinding } from '../auth/blinding';
import type { ReadView } from '../db/readQueries';
import { ChangeNoticePanel } from './ChangeNoticePanel';
import { IRecistBest, useIRecistBeside } from './IRecistBeside';
import { useReadingStore } from '../store/readingStore';
import './recistPanel.css';

const statusText: Record<string, string> = {
  'too-small': 'too small',
  absent: 'absent',
  merged: 'merged',
  'not-evaluated': 'NE',
  present: 'present',
  'unequivocal-progression': 'PD',
  equivocal: 'equivocal',
  unequivocal: 'new',
};

export function cellText(cell: LesionCell | undefined): string {
  if (!cell) return '–';
  if (cell.status === 'measured')
    return `${cell.sizeMm?.toFixed(1) ?? '?'}${cell.fragments > 1 ? ` (${cell.fragments})` : ''}`;
  if (cell.status === 'merged') return `→ ${cell.mergedInto ?? '?'}`;
  if (cell.status === 'too-small') return `${cell.sizeMm?.toFixed(1)} (small)`;
  return statusText[cell.status] ?? cell.status;
}

export function pctText(pct: number | null | undefined): string {
  if (pct === null || pct === undefined) return '';
  return `${pct > 0 ? '+' : ''}${pct.toFixed(1)}%`;
}

/**
 * Always in view while reading: each lesion per timepoint, the sums and their change, and the
 * responses the engine derives, with its explanation. Nothing here is stored: it is recomputed from
 * the read on every change.
 */
export function RecistPanel({ view, evaluation }: { view: ReadView; evaluation: ReadEvaluation }) {
  const selectedTimepointId = useReadingStore((s) => s.timepointId);
  const selectLesion = useReadingStore((s) => s.selectLesion);
  const selectedLesionId = useReadingStore((s) => s.selectedLesionId);
  // A blinded reader sees study days, and visit names and engine messages with their dates blinded.
  const dates = useBlinding(view.subject.id);
  const timepointById = new Map(view.timepoints.map((tp) => [tp.id, tp]));
  const resultOf = (tp: Timepoint) => evaluation.rowsByTimepointId.get(tp.id);
  // The visits the current one is compared with come first; the others follow, to scroll to.
  const columns = recistColumns(
    view.timepoints.map((tp) => tp.id),
    selectedTimepointId,
    (id) => evaluation.rowsByTimepointId.get(id),
  ).map((column) => ({ ...column, tp: timepointById.get(column.timepointId)! }));
  const timepoints = columns.map((c) => c.tp);
  const firstOther = columns.findIndex((c) => c.roles.length === 0);
  const columnClass = (index: number) =>
    index === firstOther
      ? 'other-visit first-other-visit'
      : index > firstOther && firstOther >= 0
        ? 'other-visit'
        : '';
  const rows = lesionGrid(view);
  // A visit nobody has assessed yet still gets the engine's verdict (NE), as the exported read
  // would: it is shown, but dimmed and labelled, so it is not mistaken for a reader's finding.
  const assessed = new Set(view.assessments.map((a) => a.timepointId));
  const followUpAssessed = view.timepoints.slice(1).some((tp) => assessed.has(tp.id));
  const byKind = (kind: LesionRow['lesion']['kind']) => rows.filter((r) => r.lesion.kind === kind);
  const result = evaluation.result;
  // A trial may report iRECIST beside RECIST 1.1, from the same measurements.
  const beside = useIRecistBeside(view.read, evaluation);
  const current = view.timepoints.find((t) => t.id === selectedTimepointId);
  const currentResult = current ? resultOf(current) : undefined;

  const responseRow = (label: string, pick: (r: TimepointResult) => string, testId: string) => (
    <tr className="response-row">
      <th scope="row">{label}</th>
      {timepoints.map((tp, index) => {
        const r = resultOf(tp);
        const value = r ? pick(r) : '';
        return (
          <td
            key={tp.id}
            data-testid={`${testId}-${tp.visitName}`}
            data-code={value}
            className={`response response-${value}${assessed.has(tp.id) ? '' : ' unread'} ${columnClass(index)}`}
          >
            {responseLabel(value)}
          </td>
        );
      })}
    </tr>
  );

  const lesionRows = (title: string, list: LesionRow[]) =>
    list.length === 0 ? null : (
      <>
        <GroupRow title={title} span={timepoints.length} />
        {list.map((row) => (
          <tr
            key={row.lesion.id}
            className={row.lesion.id === selectedLesionId ? 'selected' : undefined}
            onClick={() => selectLesion(row.lesion.id)}
          >
            <th scope="row" title={row.location.name} data-testid={`row-label-${row.lesion.label}`}>
              <span className="row-label-text">
                {row.lesion.label} <span className="muted">{row.location.name}</span>
              </span>
            </th>
            {timepoints.map((tp, index) => (
              <td
                key={tp.id}
                data-testid={`cell-${row.lesion.label}-${tp.visitName}`}
                className={columnClass(index)}
              >
                {cellText(row.cells.get(tp.id))}
              </td>
            ))}
          </tr>
        ))}
      </>
    );

  return (
    <section className="recist-panel" data-testid="recist-panel">
      <header className="panel-header">
        <h2>
          {view.read.criteria === 'iRECIST' ? 'iRECIST' : 'RECIST 1.1'}
          {beside && <span className="muted"> with iRECIST</span>}
        </h2>
        {result && (
          <BestResponse
            result={result}
            assessed={followUpAssessed}
            pending={evaluation.pendingConfirmation}
            confirmationRequired={view.read.options.confirmationRequired}
            dates={dates}
          />
        )}
        {beside && <IRecistBest beside={beside} assessed={followUpAssessed} />}
      </header>
      <ChangeNoticePanel view={view} />
      <div className="recist-table-wrap" data-testid="recist-table-wrap">
        <table className="recist-table">
          <thead>
            <tr>
              <th className="corner" />
              {columns.map(({ tp, roles }, index) => (
                <th
                  key={tp.id}
                  data-testid={`column-${tp.visitName}`}
                  className={`${tp.id === selectedTimepointId ? 'current' : ''} ${columnClass(index)}`}
                >
                  {dates.redact(tp.visitName)}
                  <div className="muted">
                    {resultOf(tp)?.date ? dates.formatDate(resultOf(tp)!.date) : ''}
                  </div>
                  {roles.length > 0 && <div className="column-roles">{roleText(roles)}</div>}
                  {!assessed.has(tp.id) && (
                    <div className="muted" data-testid={`unread-${tp.visitName}`}>
                      not read yet
                    </div>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {lesionRows('Target lesions (mm)', byKind('target'))}
            <tr className="sum-row">
              <th scope="row">Sum of diameters</th>
              {timepoints.map((tp, index) => (
                <td key={tp.id} data-testid={`sum-${tp.visitName}`} className={columnClass(index)}>
                  {resultOf(tp)?.sumMm?.toFixed(1) ?? ''}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">From baseline</th>
              {timepoints.map((tp, index) => (
                <td key={tp.id} data-testid={`pct-baseline-${tp.visitName}`} className={columnClass(index)}>
                  {pctText(resultOf(tp)?.pctFromBaseline)}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">From nadir</th>
              {timepoints.map((tp, index) => (
                <td key={tp.id} className={columnClass(index)}>
                  {pctText(resultOf(tp)?.pctFromNadir)}
                </td>
              ))}
            </tr>
            {lesionRows('Non-target lesions', byKind('non-target'))}
            {lesionRows('New lesions', byKind('new'))}
            <GroupRow title="Responses" span={timepoints.length} />
            {responseRow('Target', (r) => r.target, 'target')}
            {responseRow('Non-target', (r) => r.nonTarget, 'non-target')}
            {responseRow('New lesions', (r) => r.newLesions, 'new-lesions')}
            {responseRow('Overall', (r) => r.overall, 'overall')}
            {beside && (
              <tr className="response-row">
                <th scope="row">Overall iRECIST</th>
                {timepoints.map((tp, index) => {
                  const value = beside.rowsByTimepointId.get(tp.id)?.overall ?? '';
                  return (
                    <td
                      key={tp.id}
                      data-testid={`irecist-overall-${tp.visitName}`}
                      data-code={value}
                      className={`response response-${value.replace(/^i/, '')}${assessed.has(tp.id) ? '' : ' unread'} ${columnClass(index)}`}
                    >
                      {responseLabel(value)}
                    </td>
                  );
                })}
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {currentResult && (
        <p className="explanation" data-testid="explanation">
          {/* The engine's baseline explanation already starts with "Baseline:". */}
          {!currentResult.explanation.startsWith('Baseline') && (
            <b>{dates.redact(current?.visitName ?? '')}: </b>
          )}
          {dates.redact(currentResult.explanation)}
        </p>
      )}
      {result && <Endpoints result={result} assessed={followUpAssessed} dates={dates} />}
      {evaluation.conversion.problems.length > 0 && (
        <ul className="panel-problems" data-testid="read-problems">
          {evaluation.conversion.problems.map((p) => (
            <li key={p}>{dates.redact(p)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** RECIST's own spelling for the one code that is not already a plain abbreviation. */
function responseLabel(code: string): string {
  return code === 'NON_CR_NON_PD' ? 'Non-CR/Non-PD' : code;
}

function GroupRow({ title, span }: { title: string; span: number }) {
  return (
    // The title spans the first visit's (empty) cell too, so it does not widen the label column.
    <tr className="group-row">
      <th scope="rowgroup" colSpan={Math.min(2, span + 1)}>
        {title}
      </th>
      {span > 1 && <td colSpan={span - 1} />}
    </tr>
  );
}

const roleNames: Record<ColumnRole, string> = {
  baseline: 'baseline',
  nadir: 'nadir',
  prior: 'prior',
  current: 'current',
};

function roleText(roles: readonly ColumnRole[]): string {
  return roles.map((r) => roleNames[r]).join(' · ');
}

const isResponse = (code: string) => ['CR', 'PR', 'iCR', 'iPR'].includes(code);

/** The best response as far as it is known: nothing before a follow-up is read, a response still
 *  awaiting confirmation with the date a confirming scan needs, "confirmed" only for a confirmed one. */
function BestResponse({
  result,
  assessed,
  pending,
  confirmationRequired,
  dates,
}: {
  result: SubjectResult;
  assessed: boolean;
  pending: PendingConfirmation | null;
  confirmationRequired: boolean;
  dates: DateFormatter;
}) {
  const best = result.bestOverallResponse;
  if (!assessed)
    return (
      <span className="bor" data-testid="best-overall-response">
        Best response <b>not assessed yet</b>
      </span>
    );
  if (pending)
    return (
      <span className="bor bor-pending">
        <span data-testid="best-overall-response">
          Best response <b>{responseLabel(pending.response)}</b>, awaiting confirmation (needs a scan on or
          after {dates.formatDate(pending.needsScanOnOrAfter)})
        </span>
        <span className="muted"> · until then {responseLabel(best)}</span>
      </span>
    );
  return (
    <span className="bor" data-testid="best-overall-response">
      Best response <b>{responseLabel(best)}</b>
      {isResponse(best) && (
        <span className="muted">
          {confirmationRequired ? ' (confirmed)' : ' (confirmation not required)'}
        </span>
      )}
    </span>
  );
}

function timeToEventText(value: TimeToEvent, dates: DateFormatter): string {
  if (value.days === null) return '–';
  const date = value.date ? dates.formatDate(value.date) : null;
  if (value.event) return `${value.days} d${date ? ` (event on ${date})` : ''}`;
  return `${value.days} d (censored${date ? ` at ${date}` : ''})`;
}

function Endpoints({
  result,
  assessed,
  dates,
}: {
  result: SubjectResult;
  assessed: boolean;
  dates: DateFormatter;
}) {
  const notYet = 'not assessed yet';
  const dateOr = (date: string | null, none: string) => (date ? dates.formatDate(date) : none);
  return (
    <dl className="endpoints">
      <dt>Response start</dt>
      <dd data-testid="endpoint-response-start">{dateOr(result.responseStartDate, '–')}</dd>
      <dt>Progression</dt>
      <dd data-testid="endpoint-progression">{assessed ? dateOr(result.progressionDate, 'none') : notYet}</dd>
      <dt>PFS</dt>
      <dd data-testid="endpoint-pfs">{assessed ? timeToEventText(result.pfs, dates) : notYet}</dd>
      <dt>DOR</dt>
      <dd data-testid="endpoint-dor">
        {result.dor.days === null ? 'no response to date' : timeToEventText(result.dor, dates)}
      </dd>
    </dl>
  );
}
