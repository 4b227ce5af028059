import { timepointScanDate } from '../../core/reading/grouping';
import { lesionGrid } from '../../core/reading/grid';
import type { DateFormatter } from '../../core/trial/blindedText';
import type { ReadView } from '../db/readQueries';
import {
  cellText,
  compareSummary,
  compareVisits,
  lesionCellText,
  responseText,
  visitFields,
  type VisitField,
} from './adjudicationView';
import type { SubjectResult } from '../../core/model/subject-result';

const fieldWords: Readonly<Record<VisitField, string>> = {
  sumMm: 'Target sum',
  nonTarget: 'Non-target',
  newLesions: 'New lesions',
  overall: 'Overall',
};

/**
 * Both reads' responses visit by visit: one row per visit, reader 1 and reader 2 beside each other for
 * each figure; a figure the readers differ on is marked (colour and the words "differs" for a screen
 * reader), so the adjudicator finds the disagreement without comparing every cell.
 */
export function VisitComparison({
  read1,
  read2,
  dates,
}: {
  read1: SubjectResult | null;
  read2: SubjectResult | null;
  dates: DateFormatter;
}) {
  const rows = compareVisits(read1, read2);
  const summary = compareSummary(read1, read2);
  const progression = (date: string | null) =>
    date === null ? 'no progression' : dates.formatVisitDate(date);
  return (
    <div className="adjudication-section">
      <h3>Responses per visit</h3>
      <table className="adjudication-table" data-testid="visit-comparison">
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              Visit
            </th>
            {visitFields.map((f) => (
              <th key={f} scope="colgroup" colSpan={2}>
                {fieldWords[f]}
              </th>
            ))}
          </tr>
          <tr>
            {visitFields.map((f) => [
              <th key={`${f}-1`} scope="col" className="reader-col">
                Reader 1
              </th>,
              <th key={`${f}-2`} scope="col" className="reader-col">
                Reader 2
              </th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.date} data-testid="visit-comparison-row">
              <th scope="row">{dates.formatVisitDate(row.date)}</th>
              {visitFields.map((f) =>
                ([1, 2] as const).map((n) => (
                  <td
                    key={`${f}-${n}`}
                    className={row.differs[f] ? 'differs' : undefined}
                    data-testid={`cell-${f}-${n}`}
                    data-differs={row.differs[f]}
                  >
                    {cellText(f, n === 1 ? row.reader1 : row.reader2)}
                    {row.differs[f] && n === 2 && <span className="visually-hidden"> (differs)</span>}
                  </td>
                )),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="adjudication-summary">
        <div className={summary.bestResponseDiffers ? 'differs' : undefined} data-testid="summary-best">
          <dt>Best overall response</dt>
          <dd>
            Reader 1 {responseText(summary.bestResponse[0])} · Reader 2{' '}
            {responseText(summary.bestResponse[1])}
          </dd>
        </div>
        <div className={summary.progressionDiffers ? 'differs' : undefined} data-testid="summary-progression">
          <dt>Progression</dt>
          <dd>
            Reader 1 {progression(summary.progressionDate[0])} · Reader 2{' '}
            {progression(summary.progressionDate[1])}
          </dd>
        </div>
      </dl>
    </div>
  );
}

/** One reader's lesions: label, location and the size (or status) at each visit of their read. */
export function LesionTable({ view, dates }: { view: ReadView; dates: DateFormatter }) {
  const rows = lesionGrid(view);
  if (rows.length === 0) return <p className="empty-hint">No lesions recorded.</p>;
  return (
    <table className="adjudication-table lesion-compare" data-testid="lesion-table">
      <thead>
        <tr>
          <th scope="col">Lesion</th>
          <th scope="col">Location</th>
          {view.timepoints.map((tp) => (
            <th key={tp.id} scope="col">
              {dates.formatVisitDate(timepointScanDate(tp))}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.lesion.id} data-testid={`lesion-row-${row.lesion.label}`}>
            <th scope="row">{row.lesion.label}</th>
            <td>
              {row.location.name}
              {row.lesion.description && (
                <span className="muted"> · {dates.redact(row.lesion.description)}</span>
              )}
            </td>
            {view.timepoints.map((tp) => (
              <td key={tp.id}>{lesionCellText(row, tp.id)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
