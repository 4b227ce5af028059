import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { BicrCase } from '../../core/trial/bicrCase';
import { useServices } from '../app/services';
import { loadBicrCases } from '../db/readTrial';
import { describeError } from '../reading/useReadingSession';
import { readOfRecordText } from './adjudicationView';
import './adjudication.css';
import './worklist.css';

interface Case {
  readonly subjectId: string;
  readonly label: string;
  readonly bicr: BicrCase;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Where a subject's BICR stands, for the subjects that do not need the adjudicator (yet). */
function waitingText(bicr: BicrCase): string {
  if (bicr.accepted) return readOfRecordText(bicr.accepted);
  const complete = [bicr.reader1, bicr.reader2].filter((r) => r?.complete).length;
  return complete === 2 ? 'Both reads signed' : `Reads with every visit signed: ${complete} of 2`;
}

/**
 * The adjudicator's list: subjects whose two BICR reads disagree (with the triggers that fired), the
 * ones adjudicated (with the read chosen), and the rest with where their reads stand. No reader is named.
 */
export function AdjudicationList({ readerId, onOpen }: { readerId: string; onOpen: (id: string) => void }) {
  const { db } = useServices();
  const [problem, setProblem] = useState<string | null>(null);
  const cases = useLiveQuery(
    () =>
      loadBicrCases(db, readerId)
        .then((loaded) => loaded.cases)
        .catch((error: unknown) => {
          setProblem(describeError(error));
          return [] as Case[];
        }),
    [db, readerId],
  );
  if (!cases) return null;
  const sorted = [...cases].sort((a, b) => collator.compare(a.label, b.label));
  const open = sorted.filter((c) => c.bicr.needsAdjudication && !c.bicr.adjudicated);
  const done = sorted.filter((c) => c.bicr.adjudicated);
  const others = sorted.filter((c) => !c.bicr.needsAdjudication && !c.bicr.adjudicated);
  return (
    <section className="worklist adjudication-list" data-testid="adjudication-list" aria-label="Adjudication">
      <header className="worklist-head">
        <h2>Adjudication</h2>
        <ul className="worklist-counts">
          <li>
            To adjudicate <b data-testid="adjudication-count-open">{open.length}</b>
          </li>
          <li>
            Adjudicated <b data-testid="adjudication-count-done">{done.length}</b>
          </li>
          <li className="muted">of {cases.length} subjects</li>
        </ul>
      </header>
      {problem && (
        <p className="reading-problem" role="alert">
          {problem}
        </p>
      )}
      <CaseTable
        title="To adjudicate"
        empty="No subject needs adjudication now."
        cases={open}
        onOpen={onOpen}
        detail={(c) => (
          <ul className="adjudication-triggers">
            {c.bicr.triggers.map((t) => (
              <li key={t.trigger}>{t.reason}</li>
            ))}
          </ul>
        )}
      />
      <CaseTable
        title="Adjudicated"
        empty="Nothing adjudicated yet."
        cases={done}
        onOpen={onOpen}
        detail={(c) => (c.bicr.accepted ? readOfRecordText(c.bicr.accepted) : '')}
      />
      <CaseTable
        title="No adjudication needed"
        empty="No other subjects."
        cases={others}
        onOpen={onOpen}
        detail={(c) => waitingText(c.bicr)}
      />
    </section>
  );
}

function CaseTable({
  title,
  empty,
  cases,
  onOpen,
  detail,
}: {
  title: string;
  empty: string;
  cases: readonly Case[];
  onOpen: (id: string) => void;
  detail: (c: Case) => React.ReactNode;
}) {
  return (
    <>
      <h3>{title}</h3>
      {cases.length === 0 ? (
        <p className="empty-hint">{empty}</p>
      ) : (
        <table className="worklist-table">
          <tbody>
            {cases.map((c) => (
              <tr
                key={c.subjectId}
                className="worklist-row"
                data-testid={`adjudication-row-${c.label}`}
                onClick={() => onOpen(c.subjectId)}
              >
                <td className="adjudication-subject">
                  <button type="button" className="link">
                    {c.label}
                  </button>
                </td>
                <td>{detail(c)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
