import type {
  DiscrepantSubject,
  MeasurementAgreement,
  Rate,
  ReaderAgreementReport,
} from '../../core/trial/agreementReport';
import type { DiscrepancyCauseKind } from '../../core/trial/adjudication';
import './agreementView.css';

const CAUSE_NAMES: Record<DiscrepancyCauseKind, string> = {
  'baseline-scan': 'Different baseline scan',
  'target-selection': 'Different target lesions selected',
  'new-lesion': 'New lesion seen by one reader only',
  'measurement-threshold': 'Measurement difference that crossed a response threshold',
  'non-target-progression': 'Non-target progression called by one reader only',
};

const NOT_ENOUGH = 'not enough data';

const percent = (rate: number) => `${Math.round(rate * 100)}%`;

/** "3 of 8 subjects (38%)"; a rate of nothing is "not enough data", never 0%. */
function ofWords(r: Rate, unit: string): string {
  return r.rate === null
    ? NOT_ENOUGH
    : `${r.count} of ${r.of} ${r.of === 1 ? unit : `${unit}s`} (${percent(r.rate)})`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** Rounding can turn a tiny negative number into "-0.0": it is shown as 0. */
const fixed = (value: number, digits: number) => {
  const text = value.toFixed(digits);
  return Number(text) === 0 ? (0).toFixed(digits) : text;
};
const mm = (value: number) => `${fixed(value, 1)} mm`;

/** Landis & Koch (1977): the words trial reports use beside a kappa. */
function kappaWords(kappa: number): string {
  if (kappa < 0) return 'less than chance agreement';
  if (kappa <= 0.2) return 'slight agreement';
  if (kappa <= 0.4) return 'fair agreement';
  if (kappa <= 0.6) return 'moderate agreement';
  if (kappa <= 0.8) return 'substantial agreement';
  return 'almost perfect agreement';
}

function KappaFigure({ report }: { report: ReaderAgreementReport }) {
  const k = report.bestResponse;
  const text =
    k.kappa === null || k.ci95 === null
      ? `${NOT_ENOUGH}. ${k.reason ?? ''}`
      : `kappa ${fixed(k.kappa, 2)} (95% CI ${fixed(k.ci95[0], 2)} to ${fixed(k.ci95[1], 2)}; ${kappaWords(k.kappa)}), ${plural(k.n, 'subject')}`;
  const agreed = k.observed === null ? null : Math.round(k.observed * k.n);
  return (
    <div className="agreement-figure">
      <dt>Best-response agreement</dt>
      <dd data-testid="agreement-kappa">{text}</dd>
      {agreed !== null && (
        <dd className="muted">
          The readers gave the same best overall response for {agreed} of {plural(k.n, 'subject')}.
        </dd>
      )}
    </div>
  );
}

function ProgressionFigure({ report }: { report: ReaderAgreementReport }) {
  const p = report.progression;
  const window = plural(p.windowDays, 'day');
  return (
    <div className="agreement-figure">
      <dt>Progression dates</dt>
      {p.reason !== null ? (
        <dd data-testid="agreement-progression">
          {NOT_ENOUGH}. {p.reason}
        </dd>
      ) : (
        <dd data-testid="agreement-progression">
          Of {plural(p.progressed, 'subject')} where a reader found progression: same date{' '}
          <span data-testid="agreement-progression-same">{ofWords(p.sameDate, 'subject')}</span>; within{' '}
          {window}{' '}
          <span data-testid="agreement-progression-window">{ofWords(p.withinWindow, 'subject')}</span>;
          discordant{' '}
          <span data-testid="agreement-progression-discordant">{ofWords(p.discordant, 'subject')}</span> (
          {p.counts.beyondWindow} more than {window} apart, {p.counts.oneReaderOnly} found by one reader
          only).
        </dd>
      )}
    </div>
  );
}

function MeasurementFigure({
  title,
  what,
  agreement,
  testId,
}: {
  title: string;
  what: string;
  agreement: MeasurementAgreement;
  testId: string;
}) {
  const a = agreement;
  let text: string;
  if (a.meanDifference === null) text = `${NOT_ENOUGH}. ${a.reason ?? ''}`;
  else if (a.limits === null)
    text = `mean difference (reader 1 - reader 2) ${mm(a.meanDifference)}, ${plural(a.n, what)}; ${a.reason ?? ''}`;
  else
    text = `mean difference (reader 1 - reader 2) ${mm(a.meanDifference)}, limits of agreement ${mm(a.limits[0])} to ${mm(a.limits[1])}, ${plural(a.n, what)} of ${plural(a.subjects, 'subject')}`;
  return (
    <div className="agreement-figure">
      <dt>{title}</dt>
      <dd data-testid={testId}>{text}</dd>
    </div>
  );
}

function AdjudicationFigures({ report }: { report: ReaderAgreementReport }) {
  const { adjudication, acceptance } = report;
  const accepted = (reader: 1 | 2) => {
    const r = reader === 1 ? acceptance.reader1 : acceptance.reader2;
    return r.rate === null
      ? `Reader ${reader}'s read accepted: ${NOT_ENOUGH} (no adjudication decided yet)`
      : `Reader ${reader}'s read accepted in ${r.count} of ${plural(r.of, 'adjudication')} (${percent(r.rate)})`;
  };
  return (
    <>
      <div className="agreement-figure">
        <dt>Adjudication</dt>
        <dd data-testid="agreement-adjudication-rate">
          Adjudicated: {ofWords(adjudication.adjudicated, 'subject')}
        </dd>
        <dd data-testid="agreement-adjudication-needed">
          Needing adjudication under the trial&apos;s triggers: {ofWords(adjudication.needed, 'subject')}
          {adjudication.waiting > 0 && `; ${adjudication.waiting} still waiting for the adjudicator`}
        </dd>
      </div>
      <div className="agreement-figure">
        <dt>Accepted reads</dt>
        <dd data-testid="agreement-accepted-reader-1">{accepted(1)}</dd>
        <dd data-testid="agreement-accepted-reader-2">{accepted(2)}</dd>
        {acceptance.undecided > 0 && (
          <dd className="muted">
            {plural(acceptance.undecided, 'adjudication')} not decided yet (not counted).
          </dd>
        )}
      </div>
    </>
  );
}

function CauseTable({ report }: { report: ReaderAgreementReport }) {
  return (
    <table className="agreement-table">
      <thead>
        <tr>
          <th>Cause</th>
          <th>Discrepant subjects with it</th>
          <th>As the main cause</th>
        </tr>
      </thead>
      <tbody>
        {report.causes.map((c) => (
          <tr key={c.cause} data-testid={`agreement-cause-${c.cause}`}>
            <td>{CAUSE_NAMES[c.cause]}</td>
            <td>{ofWords(c.subjects, 'subject')}</td>
            <td>{c.main.rate === null ? NOT_ENOUGH : `${c.main.count} (${percent(c.main.rate)})`}</td>
          </tr>
        ))}
        <tr data-testid="agreement-cause-unexplained">
          <td>None of these causes</td>
          <td>{ofWords(report.unexplained, 'subject')}</td>
          <td />
        </tr>
      </tbody>
    </table>
  );
}

function adjudicationWords(s: DiscrepantSubject): string {
  if (s.acceptedReader !== null) return `Reader ${s.acceptedReader}'s read accepted`;
  return s.adjudicated ? 'Adjudication not decided yet' : 'Waiting for adjudication';
}

function DiscrepantTable({ subjects }: { subjects: readonly DiscrepantSubject[] }) {
  if (subjects.length === 0) {
    return (
      <p className="agreement-empty">No subject needs adjudication: the readers agree on every subject.</p>
    );
  }
  return (
    <table className="agreement-table">
      <thead>
        <tr>
          <th>Subject</th>
          <th>Why it needs adjudication</th>
          <th>Cause of the disagreement (main cause first)</th>
          <th>Adjudication</th>
        </tr>
      </thead>
      <tbody>
        {subjects.map((s) => (
          <tr key={s.subjectId} data-testid={`agreement-discrepant-${s.subjectId}`}>
            <td className="agreement-subject">{s.subjectId}</td>
            <td>
              {s.triggers.map((t) => (
                <div key={t.trigger}>{t.reason}</div>
              ))}
            </td>
            <td>
              {s.causes.length === 0 ? (
                <span className="muted">
                  None of the five causes; the adjudicator decides from the images.
                </span>
              ) : (
                s.causes.map((c) => (
                  <div key={c.cause} className="agreement-cause">
                    <strong>{CAUSE_NAMES[c.cause]}</strong> at {c.visit}. {c.detail}
                  </div>
                ))
              )}
            </td>
            <td>{adjudicationWords(s)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The administrator's reader agreement figures of a trial's central review (BICR), in plain words. */
export function AgreementView({ report }: { report: ReaderAgreementReport }) {
  return (
    <section className="agreement-view" data-testid="agreement-view">
      <h2>Reader agreement</h2>
      <p className="muted">
        {report.subjects === 0
          ? 'No subject has two complete reads yet: the figures appear once both readers have finished a subject.'
          : `From the ${plural(report.subjects, 'subject')} both readers have finished.`}
      </p>
      <dl className="agreement-figures">
        <KappaFigure report={report} />
        <ProgressionFigure report={report} />
        <MeasurementFigure
          title="Measurements: sum of target diameters"
          what="visit"
          agreement={report.measurements.sld}
          testId="agreement-sld"
        />
        <MeasurementFigure
          title="Measurements: target lesions at the same location"
          what="lesion measurement"
          agreement={report.measurements.lesions}
          testId="agreement-lesions"
        />
        <AdjudicationFigures report={report} />
      </dl>
      <h3>Causes of disagreement</h3>
      <CauseTable report={report} />
      <h3>Subjects the readers disagree on</h3>
      <DiscrepantTable subjects={report.discrepant} />
    </section>
  );
}
