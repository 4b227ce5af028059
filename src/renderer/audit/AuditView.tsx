import { keyFingerprint } from '../../core/audit/chain';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { auditActions, type AuditAction, type AuditEvent } from '../../core/reading/audit';
import type { Reader } from '../../core/reading/model';
import { useServices } from '../app/services';
import { roleNames } from '../auth/roles';
import { readTables } from '../db/readSchema';
import { auditCsv } from './auditCsv';
import {
  actionLabels,
  changedFields,
  describeWhat,
  isEmptyFilter,
  queryAudit,
  readerLabel,
  signaturesOf,
  type AuditViewFilter,
} from './auditQuery';
import { auditExportJson, currentHead, exportFileStamp } from './trailExport';
import './auditView.css';

const PAGE_SIZE = 100;

/** The header's "Audit trail" button and the screen it opens over the app. */
export function AuditTrailButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} data-testid="open-audit">
        Audit trail
      </button>
      {open && <AuditView onClose={() => setOpen(false)} />}
    </>
  );
}

/** The fingerprint a sponsor checks exports against (`audit verify --key`). */
function InstallationKey() {
  const { platform } = useServices();
  const [fingerprint, setFingerprint] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    platform.auditKey.publicKey().then(
      (key) => current && setFingerprint(keyFingerprint(key)),
      () => current && setFingerprint(null),
    );
    return () => {
      current = false;
    };
  }, [platform]);
  if (fingerprint === null) return null;
  return (
    <span
      className="muted"
      data-testid="installation-key"
      title="Give this to whoever checks an export: npm run cli -- audit verify --key <this> <file>"
    >
      Installation key {fingerprint}
    </span>
  );
}

function useNames() {
  const { db } = useServices();
  return useLiveQuery(async () => {
    const t = readTables(db);
    const [readers, subjects, timepoints] = await Promise.all([
      t.readers.toArray(),
      t.subjects.toArray(),
      t.timepoints.toArray(),
    ]);
    return {
      readers: new Map(readers.map((r) => [r.id, r])),
      subjects: new Map(subjects.map((s) => [s.id, s])),
      timepoints: new Map(timepoints.map((tp) => [tp.id, tp])),
    };
  }, [db]);
}

export function AuditView({ onClose }: { onClose: () => void }) {
  const { db, platform } = useServices();
  const [filter, setFilter] = useState<AuditViewFilter>({});
  const [page, setPage] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const names = useNames();
  const events = useLiveQuery(() => queryAudit(db, filter), [db, filter]);
  const shown = useMemo(() => events?.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE) ?? [], [events, page]);
  const signatures = useLiveQuery(() => signaturesOf(db, shown), [db, shown]);
  const pages = Math.max(1, Math.ceil((events?.length ?? 0) / PAGE_SIZE));
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const change = (patch: Partial<AuditViewFilter>) => {
    const next: Record<string, string | undefined> = { ...filter, ...patch };
    // A visit belongs to one subject: choosing another subject drops it.
    if ('subjectId' in patch) delete next['timepointId'];
    setFilter(Object.fromEntries(Object.entries(next).filter(([, v]) => v)) as AuditViewFilter);
    setPage(0);
  };

  const save = async (kind: 'json' | 'csv') => {
    if (!events || !names) return;
    const now = new Date();
    const oldestFirst = [...events].reverse();
    const selection = isEmptyFilter(filter) ? null : (filter as Record<string, string>);
    const name = `audit-trail-${exportFileStamp(now)}${selection ? '-filtered' : ''}.${kind}`;
    const meanings = await signaturesOf(db, oldestFirst);
    const text =
      kind === 'json'
        ? `${JSON.stringify(auditExportJson(oldestFirst, await currentHead(db), now, selection), null, 2)}\n`
        : auditCsv(oldestFirst, {
            reader: (id) => readerLabel(names.readers, id, roleNames),
            subject: (id) => (id ? (names.subjects.get(id)?.label ?? id) : ''),
            visit: (id) => (id ? (names.timepoints.get(id)?.visitName ?? id) : ''),
            meaning: (id) => (id ? (meanings.get(id)?.meaning ?? '') : ''),
          });
    try {
      const saved = await platform.saveFile(name, text, kind === 'json' ? 'application/json' : 'text/csv');
      setMessage(saved ? `Saved ${events.length} events as ${saved}.` : null);
    } catch (error) {
      setMessage(`The export failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const visits = names ? [...names.timepoints.values()].filter((t) => t.subjectId === filter.subjectId) : [];
  return (
    <div
      className="audit-view"
      role="dialog"
      aria-modal="true"
      aria-labelledby="audit-view-title"
      data-testid="audit-view"
    >
      <div className="audit-view-bar">
        <h2 id="audit-view-title">Audit trail</h2>
        <span className="muted" data-testid="audit-count">
          {events ? `${events.length} event${events.length === 1 ? '' : 's'}` : 'Loading…'}
        </span>
        <InstallationKey />
        <span className="audit-view-spacer" />
        <button
          type="button"
          onClick={() => void save('csv')}
          disabled={!events}
          data-testid="audit-export-csv"
        >
          Export CSV…
        </button>
        <button
          type="button"
          onClick={() => void save('json')}
          disabled={!events}
          data-testid="audit-export-json"
        >
          Export JSON…
        </button>
        <button type="button" onClick={onClose} data-testid="audit-close">
          Close
        </button>
      </div>
      <form className="audit-filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter events">
        <label>
          Subject
          <select
            value={filter.subjectId ?? ''}
            onChange={(e) => change({ subjectId: e.target.value })}
            data-testid="audit-filter-subject"
          >
            <option value="">All</option>
            {names &&
              [...names.subjects.values()].map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
          </select>
        </label>
        <label>
          Visit
          <select
            value={filter.timepointId ?? ''}
            onChange={(e) => change({ timepointId: e.target.value })}
            disabled={!filter.subjectId}
            title={filter.subjectId ? undefined : 'Choose a subject first'}
            data-testid="audit-filter-visit"
          >
            <option value="">All</option>
            {visits.map((t) => (
              <option key={t.id} value={t.id}>
                {t.visitName}
              </option>
            ))}
          </select>
        </label>
        <label>
          Reader
          <select
            value={filter.readerId ?? ''}
            onChange={(e) => change({ readerId: e.target.value })}
            data-testid="audit-filter-reader"
          >
            <option value="">All</option>
            {names &&
              [...names.readers.values()].map((r: Reader) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
          </select>
        </label>
        <label>
          Action
          <select
            value={filter.action ?? ''}
            onChange={(e) => change({ action: e.target.value as AuditAction })}
            data-testid="audit-filter-action"
          >
            <option value="">All</option>
            {auditActions.map((a) => (
              <option key={a} value={a}>
                {actionLabels[a]}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input
            type="date"
            value={filter.from ?? ''}
            onChange={(e) => change({ from: e.target.value })}
            data-testid="audit-filter-from"
          />
        </label>
        <label>
          To
          <input
            type="date"
            value={filter.to ?? ''}
            onChange={(e) => change({ to: e.target.value })}
            data-testid="audit-filter-to"
          />
        </label>
        <button
          type="button"
          className="link"
          onClick={() => {
            setFilter({});
            setPage(0);
          }}
          disabled={isEmptyFilter(filter)}
        >
          Clear filters
        </button>
      </form>
      {message && (
        <p className="audit-view-message" role="status">
          {message}
        </p>
      )}
      <div className="audit-table-wrap">
        <table className="audit-table" data-testid="audit-table">
          <thead>
            <tr>
              <th>#</th>
              <th>When</th>
              <th>Who</th>
              <th>What</th>
              <th>Subject · visit</th>
              <th>Old → new</th>
              <th>Reason · signature</th>
            </tr>
          </thead>
          <tbody>
            {names &&
              shown.map((e) => (
                <AuditRow
                  key={e.seq}
                  event={e}
                  names={names}
                  meaning={e.signatureId ? signatures?.get(e.signatureId)?.meaning : undefined}
                />
              ))}
          </tbody>
        </table>
        {events?.length === 0 && <p className="muted audit-empty">No events match these filters.</p>}
      </div>
      <div className="audit-pager">
        <button
          type="button"
          onClick={() => setPage(page - 1)}
          disabled={page === 0}
          data-testid="audit-page-prev"
        >
          Newer
        </button>
        <span data-testid="audit-page">
          Page {page + 1} of {pages}
        </span>
        <button
          type="button"
          onClick={() => setPage(page + 1)}
          disabled={page + 1 >= pages}
          data-testid="audit-page-next"
        >
          Older
        </button>
      </div>
    </div>
  );
}

type Names = NonNullable<ReturnType<typeof useNames>>;

function AuditRow({
  event,
  names,
  meaning,
}: {
  event: AuditEvent;
  names: Names;
  meaning: string | undefined;
}) {
  const who = readerLabel(names.readers, event.readerId, roleNames);
  const changes = changedFields(event.before, event.after);
  const subject = event.subjectId ? (names.subjects.get(event.subjectId)?.label ?? '') : '';
  const visit = event.timepointId ? (names.timepoints.get(event.timepointId)?.visitName ?? '') : '';
  return (
    <tr data-testid={`audit-row-${event.seq}`}>
      <td className="audit-seq">{event.seq}</td>
      <td className="audit-when" title={event.at}>
        {new Date(event.at).toLocaleString()}
      </td>
      <td>
        {who.name}
        {who.role && <div className="muted">{who.role}</div>}
      </td>
      <td>{describeWhat(event)}</td>
      <td>{[subject, visit].filter(Boolean).join(' · ')}</td>
      <td className="audit-diff">
        {changes.length === 0 && <span className="muted">no change</span>}
        {changes.map((c) => (
          <div key={c.field}>
            {c.field && <span className="audit-field">{c.field}: </span>}
            <span className="audit-old">{c.before}</span> → <span className="audit-new">{c.after}</span>
          </div>
        ))}
      </td>
      <td>
        {event.reason && <div data-testid="audit-reason">{event.reason}</div>}
        {meaning && (
          <div className="audit-meaning" data-testid="audit-meaning">
            ✍ {meaning}
          </div>
        )}
      </td>
    </tr>
  );
}
