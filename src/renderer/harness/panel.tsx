/**
 * Dev-only page for the reading-panel bench (served at /harness/panel.html by `npm run web`): a full
 * read stored through the real repositories in this browser's IndexedDB (12 visits, 5 targets, 10
 * non-targets, 3 new lesions, every lesion assessed at every visit), shown by the app's own lesion and
 * RECIST panels over the app's live query. `window.__panelBench.change()` stores one new T1 diameter at
 * the last visit and times the way back to the panel's DOM.
 */
import { StrictMode, useLayoutEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { proposeGrouping } from '../../core/reading/grouping';
import type { AssessmentValue } from '../../core/reading/model';
import { makeMeasurement } from '../../core/reading/size';
import type { AppServices } from '../app/services';
import { ServicesContext } from '../app/services';
import { verifyStoredTrail } from '../db/commandRunner';
import { RecistDatabase } from '../db/database';
import { addLesion, createRead, setAssessment } from '../db/readLesions';
import { applyGrouping, createAccount, getGroupingState } from '../db/readSubjects';
import type { ReadingSession } from '../db/commandRunner';
import { resolvePlatform } from '../platform/resolve';
import type { PlatformBridge } from '../../platform/bridge';
import { LesionPanel } from '../reading/LesionPanel';
import { RecistPanel } from '../reading/RecistPanel';
import { READ_VIEW_EVALUATE, READ_VIEW_QUERY, useReadView } from '../reading/useReadView';
import { useReadingStore } from '../store/readingStore';
import '../app/app.css';
import '../reading/reading.css';

const VISITS = 12;
const image = {
  studyInstanceUid: '1.2',
  seriesInstanceUid: '1.2.3',
  sopInstanceUid: '1.2.3.4',
  frameIndex: 0,
};

function measured(longMm: number): AssessmentValue {
  const shortMm = longMm / 2;
  return {
    status: 'measured',
    fragments: [
      makeMeasurement({
        image,
        tool: 'Bidirectional',
        longAxis: [
          [0, 0, 0],
          [longMm, 0, 0],
        ],
        shortAxis: [
          [longMm / 2, -shortMm / 2, 0],
          [longMm / 2, shortMm / 2, 0],
        ],
      }),
    ],
  };
}

export interface PanelChange {
  /** The repository write (Dexie transaction with its audit event). */
  readonly storeMs: number;
  /** From the stored change to the panel's DOM showing it: live query, evaluation, React. */
  readonly panelMs: number;
  /** From the stored change to the live query's re-run starting (Dexie's change notification). */
  readonly notifyMs: number;
  /** The live query's re-run: its read transaction over the read's tables. */
  readonly queryMs: number;
  /** The engine's evaluation of the re-read read. */
  readonly evaluateMs: number;
  /** React's render and commit of the panels in that update (render start to layout effect). */
  readonly reactMs: number;
}

declare global {
  interface Window {
    __panelBench?: { ready: Promise<void>; change(): Promise<PanelChange>; verify(): Promise<string> };
  }
}

async function storeFullRead(db: RecistDatabase, platform: PlatformBridge) {
  // The bench's accounts, as a workstation's first run makes them (PBKDF2, installation key).
  const signer = platform.auditKey;
  const passphrase = 'bench passphrase';
  const admin = await createAccount(
    { db, readerId: null, signer },
    { name: 'Bench Admin', role: 'admin', passphrase },
  );
  const reader = await createAccount(
    { db, readerId: admin.value.id, signer },
    { name: 'Bench Reader', role: 'site-radiologist', passphrase },
  );
  const session: ReadingSession = { db, readerId: reader.value.id, signer };
  const studies = Array.from({ length: VISITS }, (_, k) => ({
    studyInstanceUid: `1.2.826.0.1.${k + 1}`,
    patientId: 'BENCH-1',
    patientName: 'Bench^Subject',
    studyDate: new Date(Date.UTC(2026, 0, 2 + 56 * k)).toISOString().slice(0, 10),
  }));
  const grouped = await applyGrouping(session, proposeGrouping(studies, await getGroupingState(db)));
  const subjectId = grouped.value.subjectIds[0]!;
  const timepointIds = grouped.value.timepointIds;
  const read = await createRead(session, { subjectId });
  const add = (
    kind: 'target' | 'non-target' | 'new',
    locationCode: string,
    timepointId: string,
    value: AssessmentValue,
  ) => addLesion(session, { readId: read.value.id, kind, locationCode, timepointId, value });
  const targets = [];
  for (const code of ['liver.s2', 'lung.rul', 'pancreas.head', 'spleen', 'kidney.l'])
    targets.push((await add('target', code, timepointIds[0]!, measured(40))).value.lesion);
  const nonTargets = [];
  for (let i = 0; i < 10; i++)
    nonTargets.push(
      (await add('non-target', 'peritoneum', timepointIds[0]!, { status: 'present', marker: null })).value
        .lesion,
    );
  for (let i = 0; i < 3; i++)
    await add('new', 'bone.spine.lumbar', timepointIds[3]!, {
      status: 'equivocal',
      measurement: null,
      marker: null,
    });
  for (let k = 1; k < VISITS; k++) {
    for (const lesion of targets)
      await setAssessment(session, {
        lesionId: lesion.id,
        timepointId: timepointIds[k]!,
        value: measured(40 - k),
      });
    for (const lesion of nonTargets)
      await setAssessment(session, {
        lesionId: lesion.id,
        timepointId: timepointIds[k]!,
        value: { status: 'present', marker: null },
      });
  }
  return { session, readerId: reader.value.id, subjectId, t1: targets[0]!, lastVisit: timepointIds.at(-1)! };
}

let reactMs = 0;
const measures: PerformanceEntry[] = [];
new PerformanceObserver((list) => measures.push(...list.getEntries())).observe({ entryTypes: ['measure'] });

function Panels({
  subjectId,
  readerId,
  timepointId,
}: {
  subjectId: string;
  readerId: string;
  timepointId: string;
}) {
  const report = useReadingStore((s) => s.report);
  const { view, evaluation } = useReadView(subjectId, readerId, report);
  // Production React has no Profiler timings: from here (the engine has evaluated, inside useReadView)
  // to the layout effect is the panels' render and commit.
  // eslint-disable-next-line react-hooks/purity -- a timing probe: being impure is its purpose
  const renderStart = performance.now();
  useLayoutEffect(() => {
    reactMs += performance.now() - renderStart;
  });
  if (!view || !evaluation) return <p data-testid="panel-loading">loading…</p>;
  return (
    <div className="reading" style={{ gridTemplateColumns: '300px 1fr' }}>
      <aside className="reading-left">
        <LesionPanel
          view={view}
          evaluation={evaluation}
          timepointId={timepointId}
          locked={false}
          onGoTo={() => {}}
        />
      </aside>
      <aside className="reading-right">
        <RecistPanel view={view} evaluation={evaluation} />
      </aside>
    </div>
  );
}

function whenText(selector: string, text: string): Promise<number> {
  return new Promise((resolve) => {
    const check = () => {
      if (document.querySelector(selector)?.textContent !== text) return false;
      observer.disconnect();
      resolve(performance.now());
      return true;
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    check();
  });
}

async function main() {
  const db = new RecistDatabase(`recist-panel-bench-${Date.now()}`);
  const platform = await resolvePlatform();
  const stored = await storeFullRead(db, platform);
  const services = { db, platform } as unknown as AppServices;
  useReadingStore.getState().setReader(stored.session.readerId);
  useReadingStore.getState().selectSubject(stored.subjectId);
  useReadingStore.getState().selectTimepoint(stored.lastVisit);
  let serial = 0;
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ServicesContext.Provider value={services}>
        <Panels subjectId={stored.subjectId} readerId={stored.readerId} timepointId={stored.lastVisit} />
      </ServicesContext.Provider>
    </StrictMode>,
  );
  const lastVisitName = `Week ${8 * (VISITS - 1)}`;
  const cell = `[data-testid="cell-T1-${lastVisitName}"]`;
  await whenText(cell, (40 - (VISITS - 1)).toFixed(1));
  return {
    /** The whole audit chain checked against its signed head, as the app does on opening. */
    verify: async (): Promise<string> => {
      const result = await verifyStoredTrail(db, platform.auditKey);
      return result.ok ? `intact, ${result.events} events` : `NOT INTACT: ${result.problem}`;
    },
    change: async (): Promise<PanelChange> => {
      serial += 1;
      const longMm = 20 + (serial % 10) + 0.5;
      const shown = whenText(cell, longMm.toFixed(1));
      reactMs = 0;
      measures.length = 0;
      const started = performance.now();
      await setAssessment(stored.session, {
        lesionId: stored.t1.id,
        timepointId: stored.lastVisit,
        value: measured(longMm),
      });
      const storedAt = performance.now();
      const shownAt = await shown;
      // The observer is called in a task of its own: let it deliver this change's measures first.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const query = measures.filter((m) => m.name === READ_VIEW_QUERY).at(-1);
      const evaluate = measures.filter((m) => m.name === READ_VIEW_EVALUATE).at(-1);
      return {
        storeMs: storedAt - started,
        panelMs: shownAt - storedAt,
        notifyMs: query ? query.startTime - storedAt : NaN,
        queryMs: query?.duration ?? NaN,
        evaluateMs: evaluate?.duration ?? NaN,
        reactMs,
      };
    },
  };
}

const started = main();
window.__panelBench = {
  ready: started.then(() => undefined),
  change: async () => (await started).change(),
  verify: async () => (await started).verify(),
};
