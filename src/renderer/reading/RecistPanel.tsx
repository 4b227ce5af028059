import type { ReadEvaluation } from '../../core/reading/evaluation';
import { lesionGrid, type LesionCell, type LesionRow } from '../../core/reading/grid';
import type { Timepoint } from '../../core/reading/model';
import type { TimepointResult } from '../../core/model';
import type { ReadView } from '../db/readQueries';
import { useReadingStore } from '../store/readingStore';

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
  const timepoints = view.timepoints;
  const rows = lesionGrid(view);
  // A visit nobody has assessed yet still gets the engine's verdict (NE), as the exported read
  // would: it is shown, but dimmed and labelled, so it is not mistaken for a reader's finding.
  const assessed = new Set(view.assessments.map((a) => a.timepointId));
  const resultOf = (tp: Timepoint) => evaluation.rowsByTimepointId.get(tp.id);
  const byKind = (kind: LesionRow['lesion']['kind']) => rows.filter((r) => r.lesion.kind === kind);
  const result = evaluation.result;
  const current = timepoints.find((t) => t.id === selectedTimepointId);
  const currentResult = current ? resultOf(current) : undefined;

  const responseRow = (label: string, pick: (r: TimepointResult) => string, testId: string) => (
    <tr className="response-row">
      <th scope="row">{label}</th>
      {timepoints.map((tp) => {
        const r = resultOf(tp);
        const value = r ? pick(r) : '';
        return (
          <td
            key={tp.id}
            data-testid={`${testId}-${tp.visitName}`}
            data-code={value}
            className={`response response-${value}${assessed.has(tp.id) ? '' : ' unread'}`}
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
        <tr className="group-row">
          <th colSpan={timepoints.length + 1}>{title}</th>
        </tr>
        {list.map((row) => (
          <tr
            key={row.lesion.id}
            className={row.lesion.id === selectedLesionId ? 'selected' : undefined}
            onClick={() => selectLesion(row.lesion.id)}
          >
            <th scope="row" title={row.location.name}>
              {row.lesion.label} <span className="muted">{row.location.name}</span>
            </th>
            {timepoints.map((tp) => (
              <td key={tp.id} data-testid={`cell-${row.lesion.label}-${tp.visitName}`}>
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
        <h2>{view.read.criteria === 'iRECIST' ? 'iRECIST' : 'RECIST 1.1'}</h2>
        {result && (
          <span className="bor" data-testid="best-overall-response">
            Best response <b>{responseLabel(result.bestOverallResponse)}</b>
            {view.read.options.confirmationRequired && <span className="muted"> (confirmed)</span>}
          </span>
        )}
      </header>
      <div className="recist-table-wrap">
        <table className="recist-table">
          <thead>
            <tr>
              <th />
              {timepoints.map((tp) => (
                <th key={tp.id} className={tp.id === selectedTimepointId ? 'current' : undefined}>
                  {tp.visitName}
                  <div className="muted">{resultOf(tp)?.date ?? ''}</div>
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
              {timepoints.map((tp) => (
                <td key={tp.id} data-testid={`sum-${tp.visitName}`}>
                  {resultOf(tp)?.sumMm?.toFixed(1) ?? ''}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">From baseline</th>
              {timepoints.map((tp) => (
                <td key={tp.id} data-testid={`pct-baseline-${tp.visitName}`}>
                  {pctText(resultOf(tp)?.pctFromBaseline)}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">From nadir</th>
              {timepoints.map((tp) => (
                <td key={tp.id}>{pctText(resultOf(tp)?.pctFromNadir)}</td>
              ))}
            </tr>
            {lesionRows('Non-target lesions', byKind('non-target'))}
            {lesionRows('New lesions', byKind('new'))}
            <tr className="group-row">
              <th colSpan={timepoints.length + 1}>Responses</th>
            </tr>
            {responseRow('Target', (r) => r.target, 'target')}
            {responseRow('Non-target', (r) => r.nonTarget, 'non-target')}
            {responseRow('New lesions', (r) => r.newLesions, 'new-lesions')}
            {responseRow('Overall', (r) => r.overall, 'overall')}
          </tbody>
        </table>
      </div>
      {currentResult && (
        <p className="explanation" data-testid="explanation">
          {/* The engine's baseline explanation already starts with "Baseline:". */}
          {!currentResult.explanation.startsWith('Baseline') && <b>{current?.visitName}: </b>}
          {currentResult.explanation}
        </p>
      )}
      {result && (
        <dl className="endpoints">
          <dt>Response start</dt>
          <dd>{result.responseStartDate ?? '–'}</dd>
          <dt>Progression</dt>
          <dd>{result.progressionDate ?? '–'}</dd>
          <dt>PFS</dt>
          <dd>
            {result.pfs.days === null ? '–' : `${result.pfs.days} d${result.pfs.event ? '' : ' (censored)'}`}
          </dd>
          <dt>DOR</dt>
          <dd>
            {result.dor.days === null ? '–' : `${result.dor.days} d${result.dor.event ? '' : ' (censored)'}`}
          </dd>
        </dl>
      )}
      {evaluation.conversion.problems.length > 0 && (
        <ul className="panel-problems" data-testid="read-problems">
          {evaluation.conversion.problems.map((p) => (
            <li key={p}>{p}</li>
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
