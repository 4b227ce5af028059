import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { isAssigned } from '../../core/trial/worklist';
import { useServices } from '../app/services';
import { readTables } from '../db/readSchema';
import { getTrial } from '../db/readTrial';
import { AdjudicationMode } from '../trial/AdjudicationMode';
import { WorklistScreen } from '../trial/WorklistScreen';
import { closedVisits } from '../trial/worklistLabels';
import { criteriaValues, type Criteria } from '../../core/reading/model';
import { CollapsiblePanel } from '../app/CollapsiblePanel';
import { useBlinding } from '../auth/blinding';
import { createRead } from '../db/readLesions';
import { useReadingStore } from '../store/readingStore';
import { initCornerstone } from '../viewer/cornerstone';
import { SeriesCaptionContext } from '../viewer/seriesCaption';
import { ExtraShortcutsContext } from '../viewer/ShortcutHelp';
import { LesionPanel } from './LesionPanel';
import { ReaderGate } from './ReaderGate';
import { ReadingViewer } from './ReadingViewer';
import { ReadToolbar } from './ReadToolbar';
import { RecistPanel } from './RecistPanel';
import { SubjectPanel } from './SubjectPanel';
import { useAutoGrouping } from './useAutoGrouping';
import { useMutate } from './useReadingSession';
import { READING_SHORTCUTS } from './readingShortcuts';
import { useReadingShortcuts } from './useReadingShortcuts';
import { useReadView } from './useReadView';
import { useSeriesCaptions } from './useSeriesCaptions';

/** Reading mode: subject and visits on the left, the images in the middle, RECIST always on the right. */
export function ReadingMode() {
  return (
    <ReaderGate>
      <ReadingWorkspace />
    </ReaderGate>
  );
}

/**
 * In a trial a reader opens on their worklist and an adjudicator on the subjects to adjudicate; outside
 * a trial, on the subject picker of the workspace itself.
 */
function ReadingWorkspace() {
  useAutoGrouping();
  const place = useTrialPlace();
  const readerId = useReadingStore((s) => s.readerId);
  const selectSubject = useReadingStore((s) => s.selectSubject);
  if (place === undefined || readerId === null) return null;
  if (place.inTrial && place.role === 'adjudicator') return <AdjudicationMode open={place.subjectOpen} />;
  if (place.inTrial && !place.subjectAssigned) return <WorklistScreen readerId={readerId} />;
  return <ReadWorkspace onBackToWorklist={place.inTrial ? () => selectSubject(null) : undefined} />;
}

/**
 * Whether a trial is set up, the account's role, and whether the subject open is one the account is
 * assigned (one remembered from another account or assignment sends the reader back to the list).
 */
function useTrialPlace() {
  const { db } = useServices();
  const readerId = useReadingStore((s) => s.readerId);
  // In a trial, a subject another account left open is not this account's place: it opens on its list.
  const subjectId = useReadingStore((s) => (s.subjectChosenBy === readerId ? s.subjectId : null));
  return useLiveQuery(async () => {
    const t = readTables(db);
    const [trial, reader, subject] = await Promise.all([
      getTrial(db),
      readerId ? t.readers.get(readerId) : undefined,
      subjectId ? t.subjects.get(subjectId) : undefined,
    ]);
    return {
      inTrial: trial !== null,
      role: reader?.role ?? null,
      subjectOpen: subject?.id ?? null,
      subjectAssigned: !!reader && !!subject && isAssigned(reader.assignment, subject),
    };
  }, [db, readerId, subjectId]);
}

function ReadWorkspace({ onBackToWorklist }: { onBackToWorklist: (() => void) | undefined }) {
  // The viewer's engine and decode workers start with the workspace, while the read and its series are
  // queried, instead of once the viewer mounts with them. Its own call reports a failure.
  useEffect(() => {
    initCornerstone().catch(() => {});
  }, []);
  const subjectId = useReadingStore((s) => s.subjectId);
  const readerId = useReadingStore((s) => s.readerId);
  const timepointId = useReadingStore((s) => s.timepointId);
  const selectTimepoint = useReadingStore((s) => s.selectTimepoint);
  const problem = useReadingStore((s) => s.problem);
  const report = useReadingStore((s) => s.report);
  const dates = useBlinding(subjectId);

  const { read, view, evaluation, sliceThicknessMm, frameOfReferenceOf, seriesIndex } = useReadView(
    subjectId,
    readerId,
    report,
  );

  // Open the first visit not yet signed (or the last one): where the reader's work is. A remembered
  // visit that a BICR read cannot open yet (visits in order) is not opened either.
  const remembered = view?.timepoints.find((t) => t.id === timepointId) ?? null;
  const closed =
    !!view &&
    !!remembered &&
    closedVisits(view.read, view.timepoints, new Set(view.signoffs.map((s) => s.timepointId)), dates).has(
      remembered.id,
    );
  const currentTimepoint = closed ? null : remembered;
  useEffect(() => {
    if (!view || currentTimepoint || view.timepoints.length === 0) return;
    const signed = new Set(view.signoffs.map((s) => s.timepointId));
    selectTimepoint((view.timepoints.find((t) => !signed.has(t.id)) ?? view.timepoints.at(-1)!).id);
  }, [view, currentTimepoint, selectTimepoint]);

  const locked =
    !!view && !!currentTimepoint && view.signoffs.some((s) => s.timepointId === currentTimepoint.id);
  useReadingShortcuts(view ?? null, currentTimepoint?.id ?? null, locked);
  const captionOf = useSeriesCaptions(view ?? null, seriesIndex, { blinded: dates.blinded });

  return (
    <ExtraShortcutsContext.Provider value={READING_SHORTCUTS}>
      <SeriesCaptionContext.Provider value={captionOf}>
        <div className="reading">
          <CollapsiblePanel
            side="left"
            name="subject and lesions"
            storageKey="recist.panel.readingLeft"
            className="reading-left"
            toggleTestId="toggle-reading-left"
          >
            <SubjectPanel view={view ?? null} onBackToWorklist={onBackToWorklist} />
            {subjectId && read === null && (
              <StartRead subjectId={subjectId} inTrial={onBackToWorklist !== undefined} />
            )}
            {problem && (
              <div className="reading-problem" role="alert" data-testid="reading-problem">
                {/* A refusal can quote a date ("death before enrolment on ..."). */}
                {dates.redact(problem)}{' '}
                <button type="button" className="link" onClick={() => report(null)}>
                  dismiss
                </button>
              </div>
            )}
            {view && evaluation && currentTimepoint && (
              <>
                <ReadToolbar
                  view={view}
                  timepointId={currentTimepoint.id}
                  sliceThicknessMm={sliceThicknessMm}
                />
                <LesionPanel
                  view={view}
                  evaluation={evaluation}
                  timepointId={currentTimepoint.id}
                  locked={locked}
                  onGoTo={(lesionId) => useReadingStore.getState().goToLesion(lesionId)}
                />
              </>
            )}
          </CollapsiblePanel>
          <main className="reading-center">
            {view && currentTimepoint ? (
              <ReadingViewer
                view={view}
                timepointId={currentTimepoint.id}
                locked={locked}
                frameOfReferenceOf={frameOfReferenceOf}
                seriesIndex={seriesIndex}
              />
            ) : (
              <p className="viewer-message">Choose a subject, then a visit.</p>
            )}
          </main>
          <CollapsiblePanel
            side="right"
            name="RECIST results"
            storageKey="recist.panel.readingRight"
            className="reading-right"
            toggleTestId="toggle-reading-right"
          >
            {view && evaluation && <RecistPanel view={view} evaluation={evaluation} />}
          </CollapsiblePanel>
        </div>
      </SeriesCaptionContext.Provider>
    </ExtraShortcutsContext.Provider>
  );
}

function StartRead({ subjectId, inTrial }: { subjectId: string; inTrial: boolean }) {
  const mutate = useMutate();
  return (
    <form
      className="start-read"
      onSubmit={(e) => {
        e.preventDefault();
        const criteria = String(new FormData(e.currentTarget).get('criteria')) as Criteria;
        void mutate((s) => createRead(s, { subjectId, criteria }));
      }}
    >
      <p>You have not read this subject yet.</p>
      {inTrial ? (
        // The trial's protocol sets the criteria: RECIST 1.1 is primary, iRECIST is derived beside it.
        <input type="hidden" name="criteria" value="RECIST1.1" />
      ) : (
        <label className="field">
          Criteria
          <select name="criteria" defaultValue="RECIST1.1" data-testid="read-criteria">
            {criteriaValues.map((c) => (
              <option key={c} value={c}>
                {c === 'RECIST1.1' ? 'RECIST 1.1' : 'iRECIST'}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="submit" className="primary" data-testid="start-read">
        Start read
      </button>
    </form>
  );
}
