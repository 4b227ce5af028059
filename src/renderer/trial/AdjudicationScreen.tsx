import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { ReaderNumber } from '../../core/reading/model';
import { discrepancyCauses } from '../../core/trial/adjudication';
import type { BicrRead } from '../../core/trial/bicrCase';
import { useServices } from '../app/services';
import { useBlinding } from '../auth/blinding';
import { loadReadView, type ReadView } from '../db/readQueries';
import { readTables } from '../db/readSchema';
import { loadBicrCases } from '../db/readTrial';
import { describeError } from '../reading/useReadingSession';
import { AdjudicationDecision } from './AdjudicationDecision';
import { AdjudicationKeyImages } from './AdjudicationKeyImages';
import { LesionTable, VisitComparison } from './AdjudicationTables';
import { readOfRecordText } from './adjudicationView';
import type { DateFormatter } from '../../core/trial/blindedText';
import './adjudication.css';

/**
 * One subject's two BICR reads side by side, read-only, as "Reader 1" and "Reader 2" (who read is not
 * shown: the adjudicator judges the reads, not the readers): why they need adjudication, the responses
 * per visit with the differences marked, each read's lesions and key images, then the choice. The site
 * read never reaches this screen (loadBicrCases takes BICR reads only); every date is a study day.
 */
export function AdjudicationScreen({
  readerId,
  subjectId,
  onBack,
}: {
  readerId: string;
  subjectId: string;
  onBack: () => void;
}) {
  const { db } = useServices();
  const dates = useBlinding(subjectId);
  const [problem, setProblem] = useState<string | null>(null);
  const loaded = useLiveQuery(async () => {
    try {
      const found = (await loadBicrCases(db, readerId, [subjectId])).cases[0] ?? null;
      if (!found) return null;
      const views = await Promise.all(
        [found.bicr.reader1, found.bicr.reader2].map((r) => (r ? loadReadView(db, r.read.id) : null)),
      );
      const adjudication = await readTables(db).adjudications.where('subjectId').equals(subjectId).first();
      return { ...found, views, reason: adjudication?.reason ?? null };
    } catch (error) {
      setProblem(describeError(error));
      return null;
    }
  }, [db, readerId, subjectId]);

  const back = (
    <button type="button" data-testid="adjudication-back" onClick={onBack}>
      ← Back to the list
    </button>
  );
  if (loaded === undefined) return null;
  if (loaded === null)
    return (
      <section className="worklist adjudication" data-testid="adjudication-screen">
        {back}
        <p className="reading-problem" role="alert">
          {problem ?? 'This subject is not part of the trial.'}
        </p>
      </section>
    );
  const { bicr, label, views } = loaded;
  const causes =
    bicr.reader1?.compared && bicr.reader2?.compared
      ? discrepancyCauses(bicr.reader1.compared, bicr.reader2.compared)
      : [];
  return (
    <section
      className="worklist adjudication"
      data-testid="adjudication-screen"
      aria-label={`Adjudication of ${label}`}
    >
      <header className="adjudication-head">
        {back}
        <h2>Subject {label}</h2>
        {bicr.accepted ? (
          <span className="badge badge-record" data-testid="read-of-record">
            {readOfRecordText(bicr.accepted)}
          </span>
        ) : (
          <span className="muted" data-testid="adjudication-state">
            {bicr.needsAdjudication ? 'Needs adjudication' : 'Waiting for both reads to be signed'}
          </span>
        )}
      </header>
      {(bicr.triggers.length > 0 || causes.length > 0) && (
        <div className="adjudication-why">
          <div>
            <h3>Why adjudication</h3>
            <ul data-testid="adjudication-triggers">
              {bicr.triggers.map((t) => (
                <li key={t.trigger}>{t.reason}</li>
              ))}
            </ul>
          </div>
          {causes.length > 0 && (
            <div>
              <h3>Causes of the disagreement</h3>
              <ul data-testid="adjudication-causes">
                {causes.map((c) => (
                  <li key={c.cause}>{c.detail}</li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
      <VisitComparison
        read1={bicr.reader1?.evaluation.result ?? null}
        read2={bicr.reader2?.evaluation.result ?? null}
        dates={dates}
      />
      <div className="adjudication-reads">
        {([1, 2] as const).map((n) => (
          <ReaderColumn
            key={n}
            number={n}
            bicrRead={n === 1 ? bicr.reader1 : bicr.reader2}
            view={views[n - 1] ?? null}
            accepted={bicr.accepted?.readerNumber === n}
            dates={dates}
          />
        ))}
      </div>
      {bicr.adjudicated ? (
        loaded.reason && (
          <p className="adjudication-reason" data-testid="adjudication-reason">
            Reason given: {dates.redact(loaded.reason)}
          </p>
        )
      ) : bicr.needsAdjudication ? (
        <AdjudicationDecision subjectId={subjectId} subjectLabel={label} bicr={bicr} />
      ) : null}
    </section>
  );
}

function ReaderColumn({
  number,
  bicrRead,
  view,
  accepted,
  dates,
}: {
  number: ReaderNumber;
  bicrRead: BicrRead | null;
  view: ReadView | null;
  accepted: boolean;
  dates: DateFormatter;
}) {
  return (
    <div className={`adjudication-read${accepted ? ' accepted' : ''}`} data-testid={`reader-${number}`}>
      <h3>
        Reader {number}
        {accepted && <span className="badge badge-record adjudication-record-flag">read of record</span>}
      </h3>
      {!bicrRead || !view ? (
        <p className="empty-hint">Not started yet.</p>
      ) : (
        <>
          <p className="muted">
            {bicrRead.complete ? 'Every visit signed' : 'Still being read: not every visit is signed'}
          </p>
          <LesionTable view={view} dates={dates} />
          <h4>Key images</h4>
          <AdjudicationKeyImages view={view} dates={dates} />
        </>
      )}
    </div>
  );
}
