/**
 * Dev-only page for the administrator's queue of unmatched studies (served at /harness/unmatched.html
 * by `npm run web`): a trial with two subjects and five indexed studies, grouped the trial's way through
 * the real repositories in this browser's IndexedDB, shown by the app's own UnmatchedStudiesPanel.
 * `?as=reader` signs in a site radiologist instead of the administrator (who may not decide the queue).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { proposeTrialGrouping } from '../../core/trial/trialGrouping';
import type { AppServices } from '../app/services';
import { ServicesContext } from '../app/services';
import type { ReadingSession } from '../db/commandRunner';
import { RecistDatabase } from '../db/database';
import { createAccount, listSubjects, listTimepoints } from '../db/readSubjects';
import { importTrialSubjects, saveTrial } from '../db/readTrial';
import { applyTrialGrouping, getTrialGroupingState } from '../db/readTrialStudies';
import { resolvePlatform } from '../platform/resolve';
import { useReadingStore } from '../store/readingStore';
import { UnmatchedStudiesPanel } from '../trial/UnmatchedStudiesPanel';
import '../app/app.css';

declare global {
  interface Window {
    __unmatched?: {
      ready: Promise<void>;
      /** Each subject's visits as "Baseline: 1.2.3" lines, for the spec to check where studies went. */
      visits(): Promise<string[]>;
    };
  }
}

const row = (subjectId: string, site: string) => ({
  subjectId,
  site,
  enrollmentDate: '2026-01-05',
  treatmentStartDate: '2026-01-06',
  deathDate: null,
  newAnticancerTherapyDate: null,
});

const indexed = (uid: string, patientId: string, date: string, trialId: string) => ({
  studyInstanceUid: uid,
  patientId,
  clinicalTrialSubjectId: trialId,
  patientName: `DOE^${patientId}`,
  studyDate: date,
  studyDescription: 'CT chest abdomen',
  accessionNumber: '',
  modalities: ['CT'],
  seriesCount: 1,
  instanceCount: 1,
});

async function main() {
  const db = new RecistDatabase(`recist-unmatched-harness-${Date.now()}`);
  const platform = await resolvePlatform();
  const signer = platform.auditKey;
  const passphrase = 'harness passphrase';
  const admin = await createAccount(
    { db, readerId: null, signer },
    { name: 'Harness Admin', role: 'admin', passphrase },
  );
  const adminSession: ReadingSession = { db, readerId: admin.value.id, signer };
  const reader = await createAccount(adminSession, {
    name: 'Harness Reader',
    role: 'site-radiologist',
    passphrase,
  });
  const trial = await saveTrial(adminSession, {
    protocolId: 'TIL-PANC-01',
    sponsor: 'Example Oncology',
    criteria: 'RECIST1.1',
    schedule: { everyWeeks: 8, windowDays: 7 },
  });
  await importTrialSubjects(adminSession, [row('PANC-001', 'SITE-01'), row('PANC-002', 'SITE-02')]);
  // Treatment starts 2026-01-06: W8 is due 2026-03-03 (+- 7 days); a baseline may be 28 days before.
  await db.studies.bulkPut([
    indexed('1.2.826.0.7.1', 'P001', '2026-01-02', 'PANC-001'),
    indexed('1.2.826.0.7.3', 'P404', '2026-01-04', 'PANC-404'),
    indexed('1.2.826.0.7.4', 'P999', '2026-03-05', ''),
    indexed('1.2.826.0.7.5', 'P002', '2025-10-01', 'PANC-002'),
  ]);
  const proposal = proposeTrialGrouping(
    trial.value.protocol,
    await db.studies.toArray(),
    await getTrialGroupingState(db),
  );
  await applyTrialGrouping(adminSession, proposal);

  const asReader = new URLSearchParams(location.search).get('as') === 'reader';
  useReadingStore.getState().setReader(asReader ? reader.value.id : admin.value.id);
  const services = { db, platform } as unknown as AppServices;
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ServicesContext.Provider value={services}>
        <UnmatchedStudiesPanel />
      </ServicesContext.Provider>
    </StrictMode>,
  );
  return {
    visits: async () => {
      const lines: string[] = [];
      for (const subject of await listSubjects(db))
        for (const visit of await listTimepoints(db, subject.id))
          lines.push(
            `${subject.label} ${visit.visitName}: ${visit.studies.map((s) => s.studyInstanceUid).join(', ')}`,
          );
      return lines;
    },
  };
}

const started = main();
window.__unmatched = {
  ready: started.then(() => undefined),
  visits: async () => (await started).visits(),
};
