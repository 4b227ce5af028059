/**
 * A read export as the app writes it: a trail of two reads, two sign-offs of read-1 (each signing the
 * head of the trail at that moment), the partial audit export of read-1, and its reader (BICR reader 1,
 * as read-1's creation event records).
 */
import { EMPTY_HEAD, sealEvents, type SignedHead } from '../../../../src/core/audit/chain';
import { buildAuditExport, type AuditExport } from '../../../../src/core/audit/export';
import { draft, HEAD_AT, makeKey, type Draft, type TestEvent, type TestKey } from './trail';

export interface ReadExportFile {
  format: 'recist-read-export';
  version: 1 | 2;
  exportedAt: string;
  reader?: {
    readId: string;
    readerId: string;
    name: string;
    role: string | null;
    readerNumber: number | null;
  };
  subjectRead: Record<string, unknown>;
  results: Record<string, unknown>;
  signatures: { id: string; readerId: string; meaning: string; signedHead: SignedHead }[];
  audit: AuditExport;
}

export async function makeReadExport(
  key?: TestKey,
): Promise<{ file: ReadExportFile; key: TestKey; events: TestEvent[] }> {
  const signer = key ?? (await makeKey());
  const readOf = (i: number) => (i % 3 === 0 ? 'read-2' : 'read-1');
  const created = (d: Draft): Draft => ({
    ...d,
    entity: 'read',
    entityId: 'read-1',
    after: { id: 'read-1', readerId: 'reader-1', role: 'bicr-reader', readerNumber: 1 },
  });
  const first = sealEvents(
    EMPTY_HEAD,
    Array.from({ length: 5 }, (_, i) => (i === 0 ? created : (d: Draft) => d)(draft(i + 1, readOf(i + 1)))),
  );
  const baselineSigned = await signer.sign(first.head, '2026-03-01T10:30:00.000Z');
  const second = sealEvents(
    first.head,
    Array.from({ length: 4 }, (_, i) => draft(i + 6, readOf(i + 6))),
  );
  const followUpSigned = await signer.sign(second.head, '2026-03-01T10:45:00.000Z');
  const events = [...first.events, ...second.events];
  const head = await signer.sign(second.head, HEAD_AT);
  const audit = buildAuditExport({
    events: events.filter((e) => e.readId === 'read-1'),
    signedHead: head,
    exportedAt: '2026-03-02T08:00:00.000Z',
    filter: { readId: 'read-1' },
  });
  return {
    key: signer,
    events,
    file: {
      format: 'recist-read-export',
      version: 2,
      exportedAt: '2026-03-02T08:00:00.000Z',
      reader: {
        readId: 'read-1',
        readerId: 'reader-1',
        name: 'Dr One',
        role: 'bicr-reader',
        readerNumber: 1,
      },
      subjectRead: { criteria: 'RECIST1.1', subject: { id: 'S001' }, lesions: [], timepoints: [] },
      results: { subjectId: 'S001', timepoints: [] },
      signatures: [
        { id: 'sig-1', readerId: 'reader-1', meaning: 'baseline', signedHead: baselineSigned },
        { id: 'sig-2', readerId: 'reader-1', meaning: 'follow-up', signedHead: followUpSigned },
      ],
      audit,
    },
  };
}
