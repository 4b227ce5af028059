import { useLiveQuery } from 'dexie-react-hooks';
import { useServices } from '../app/services';
import { getTrial } from '../db/readTrial';
import { AgreementView } from './AgreementView';
import { loadAgreementReport } from './agreementInput';

/** The reader agreement figures, live from the stored BICR reads; only once there is a trial. */
export function AgreementSection({ adminId }: { adminId: string }) {
  const { db } = useServices();
  const report = useLiveQuery(
    async () => ((await getTrial(db)) ? await loadAgreementReport(db, adminId) : null),
    [db, adminId],
  );
  if (report === undefined) return null;
  // AgreementView has its own heading; without a trial, this one says why there are no figures.
  if (report === null)
    return (
      <>
        <h2>Reader agreement</h2>
        <p className="muted">Create the trial first (Trial tab): the figures come from its reads.</p>
      </>
    );
  return <AgreementView report={report} />;
}
