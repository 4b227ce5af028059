/**
 * What "Export read" writes: one read as the engine reads it (recist-case JSON), the engine's results,
 * the read's e-signatures, the audit events behind it and the signed head of the trail, in core's
 * read-export format, so a sponsor can check with `recist-ws audit verify` that nothing changed since
 * signing. The reader is named at the top with the role and BICR number the read started with.
 */
import {
  buildAuditExport,
  READ_EXPORT_FORMAT,
  READ_EXPORT_VERSION,
  type ReadExport,
} from '../../core/audit/export';
import type { AuditEvent } from '../../core/reading/audit';
import { ReadingError } from '../../core/reading/errors';
import { exportSubjectRead, type ConversionOptions } from '../../core/reading/subjectRead';
import { evaluateInput } from '../../core/recist/evaluate';
import type { ESignature } from '../../core/policy/records';
import { loadSnapshotIn } from '../db/readQueries';
import { readTables, transactionTables, type ReadDatabase, type WritableReadTables } from '../db/readSchema';

const TABLES: readonly (keyof WritableReadTables)[] = [
  'readers',
  'subjects',
  'timepoints',
  'reads',
  'lesions',
  'assessments',
  'signoffs',
  'overrides',
  'keyImages',
  'eSignatures',
  'auditTrail',
  'auditHead',
];

function bySeq(events: readonly AuditEvent[]): AuditEvent[] {
  const unique = new Map(events.map((e) => [e.seq, e]));
  return [...unique.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * The read's events, and those of its subject that belong to no read (dates, visits, new images):
 * they change the read's endpoints too. Other readers' reads of the subject are left out.
 */
export function readEventsFilter(readId: string, subjectId: string) {
  return { readId, subjectId, subjectEventsWithoutRead: true } as const;
}

/**
 * Builds the bundle from one consistent moment of the database (one read transaction), so the events,
 * the signatures and the head all belong to the read that is exported.
 */
export async function buildReadBundle(
  db: ReadDatabase,
  readId: string,
  options: ConversionOptions & { readonly now?: Date } = {},
): Promise<ReadExport> {
  const t = readTables(db);
  const stored = await db.transaction('r', transactionTables(db, TABLES), async () => {
    const view = await loadSnapshotIn(t, readId);
    const subjectId = view.read.subjectId;
    const [ofRead, ofSubject, readSignatures, subjectSignatures, head, reader] = await Promise.all([
      t.auditTrail.where('readId').equals(readId).toArray(),
      t.auditTrail.where('subjectId').equals(subjectId).toArray(),
      t.eSignatures.where('readId').equals(readId).toArray(),
      t.eSignatures.where('subjectId').equals(subjectId).toArray(),
      t.auditHead.get('head'),
      t.readers.get(view.read.readerId),
    ]);
    return {
      view,
      readerName: reader?.name ?? null,
      events: bySeq([...ofRead, ...ofSubject.filter((e) => e.readId === null)]),
      signatures: [...readSignatures, ...subjectSignatures.filter((s) => s.readId === null)],
      head: head?.head ?? null,
    };
  });
  if (stored.readerName === null)
    throw new ReadingError('NOT_FOUND', 'the account that made this read is not on this workstation');
  if (stored.head === null)
    throw new ReadingError('INCOMPLETE', 'the audit trail is not signed yet: reopen the app and try again');
  const subjectRead = exportSubjectRead(stored.view, options);
  const evaluation = evaluateInput(subjectRead);
  if (!evaluation.ok)
    throw new ReadingError('INCOMPLETE', 'the read cannot be evaluated yet, so it cannot be exported');
  const exportedAt = (options.now ?? new Date()).toISOString();
  return {
    format: READ_EXPORT_FORMAT,
    version: READ_EXPORT_VERSION,
    exportedAt,
    reader: {
      readId,
      readerId: stored.view.read.readerId,
      name: stored.readerName,
      role: stored.view.read.role,
      readerNumber: stored.view.read.readerNumber,
    },
    subjectRead: subjectRead as unknown as ReadExport['subjectRead'],
    results: evaluation.result as unknown as ReadExport['results'],
    signatures: bySignedAt(stored.signatures) as unknown as ReadExport['signatures'],
    audit: buildAuditExport({
      events: stored.events,
      signedHead: stored.head,
      exportedAt,
      filter: readEventsFilter(readId, stored.view.read.subjectId),
      partial: true,
    }),
  };
}

function bySignedAt(signatures: readonly ESignature[]): ESignature[] {
  return [...signatures].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}
