import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { ChangeNotice, ReadOutcome } from '../../core/policy/records';
import { useServices } from '../app/services';
import type { ReadView } from '../db/readQueries';
import { reSignRead } from '../db/readSignoff';
import { ESignatureDialog } from '../auth/ESignatureDialog';
import { useBlinding } from '../auth/blinding';
import { useSignedInAccount } from './ChangeNoticeSigner';
import { openChangeNotices, readerNames, subjectDateNames } from './NewImagesQueries';
import { useReadingSession } from './useReadingSession';
import './changeNotice.css';

const fieldName = (field: string) => subjectDateNames[field as keyof typeof subjectDateNames] ?? field;

/**
 * A signed read whose subject data an administrator corrected: what changed, and what it did to the
 * responses and endpoints, stays in view until the read's own reader re-signs.
 */
export function ChangeNoticePanel({ view }: { view: ReadView }) {
  const { db } = useServices();
  const notices = useLiveQuery(() => openChangeNotices(db, view.read.id), [db, view.read.id]);
  const names = useLiveQuery(() => readerNames(db), [db]);
  const account = useSignedInAccount();
  const [signing, setSigning] = useState(false);
  const dates = useBlinding(view.subject.id);
  if (!notices || notices.length === 0) return null;
  const ownRead = account?.id === view.read.readerId;
  // The outcome names visits as the engine's case does (by visit name, as they were when it was worked
  // out); a timepoint id is accepted too.
  const visitName = (key: string) =>
    dates.redact(view.timepoints.find((t) => t.id === key)?.visitName ?? key);
  return (
    <section className="change-notice" role="status" data-testid="change-notice">
      <h3>
        <span aria-hidden="true">⚠ </span>Changed after signature
      </h3>
      {notices.map((notice) => (
        <div key={notice.id} className="change-notice-item" data-testid="change-notice-item">
          <p>
            {/* Blinded, both dates count from the enrolment date as it is now. */}
            <strong>{capitalised(fieldName(notice.field))}</strong>: {dates.formatDate(notice.from)} →{' '}
            {dates.formatDate(notice.to)}
            <span className="muted">
              {' '}
              · by {names?.get(notice.changedBy) ?? 'an administrator'},{' '}
              {notice.at.slice(0, 16).replace('T', ' ')}
            </span>
          </p>
          <p className="change-notice-reason">Reason: {dates.redact(notice.reason)}</p>
          <OutcomeChange notice={notice} visitName={visitName} />
        </div>
      ))}
      {ownRead ? (
        <>
          <p className="muted">Review the change, then re-sign your read.</p>
          <button type="button" className="primary" data-testid="re-sign" onClick={() => setSigning(true)}>
            Re-sign…
          </button>
        </>
      ) : (
        <p className="muted">Waiting for the read&apos;s reader to re-sign.</p>
      )}
      {signing && account && (
        <ReSignDialog view={view} signerName={account.name} onClose={() => setSigning(false)} />
      )}
    </section>
  );
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function daysText(days: number | null, event: boolean | null): string {
  if (days === null) return 'not evaluable';
  return `${days} ${days === 1 ? 'day' : 'days'}${event === null ? '' : event ? ' (event)' : ' (censored)'}`;
}

function OutcomeChange({ notice, visitName }: { notice: ChangeNotice; visitName: (id: string) => string }) {
  const before = notice.before;
  const after = notice.after;
  if (!before && !after)
    return <p className="muted">The responses could not be worked out before or after.</p>;
  const visitIds = [
    ...new Set([...Object.keys(before?.overall ?? {}), ...Object.keys(after?.overall ?? {})]),
  ];
  const rows: [string, string, string][] = [
    ...visitIds.map((id): [string, string, string] => [
      visitName(id),
      before?.overall[id] ?? '–',
      after?.overall[id] ?? '–',
    ]),
    ['Best response', before?.bestOverallResponse ?? '–', after?.bestOverallResponse ?? '–'],
    ['PFS', endpoint(before, 'pfs'), endpoint(after, 'pfs')],
    ['DOR', endpoint(before, 'dor'), endpoint(after, 'dor')],
  ];
  return (
    <table className="change-notice-table" data-testid="change-notice-outcome">
      <thead>
        <tr>
          <th scope="col" />
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, from, to]) => (
          <tr key={label} className={from === to ? undefined : 'changed'}>
            <th scope="row">{label}</th>
            <td>{from}</td>
            <td>{to}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function endpoint(outcome: ReadOutcome | null, which: 'pfs' | 'dor'): string {
  if (!outcome) return '–';
  return which === 'pfs'
    ? daysText(outcome.pfsDays, outcome.pfsEvent)
    : daysText(outcome.dorDays, outcome.dorEvent);
}

function ReSignDialog({
  view,
  signerName,
  onClose,
}: {
  view: ReadView;
  signerName: string;
  onClose: () => void;
}) {
  const session = useReadingSession();
  if (!session) return null;
  return (
    <ESignatureDialog
      title={`Re-sign the read of ${view.subject.label}`}
      signerName={signerName}
      meaning={{ kind: 're-sign', subject: view.subject.label }}
      confirmLabel="Re-sign"
      onCancel={onClose}
      onConfirm={async (passphrase) => {
        await reSignRead(session, { readId: view.read.id, passphrase });
        onClose();
      }}
    />
  );
}
