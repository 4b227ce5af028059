/**
 * Exports of the audit trail as it is stored (core's recist-audit-trail format, with the signed head),
 * for an administrator or a sponsor to verify elsewhere with `recist-ws audit verify`.
 */
import { buildAuditExport } from '../../core/audit/export';
import type { SignedHead } from '../../core/audit/chain';
import type { AuditEvent } from '../../core/reading/audit';
import type { PlatformBridge } from '../../platform/bridge';
import { readTables, transactionTables, type ReadDatabase } from '../db/readSchema';

export interface StoredTrail {
  readonly events: AuditEvent[];
  readonly head: SignedHead | null;
}

/** Every stored event and the signed head, read in one transaction so they belong together. */
export function loadWholeTrail(db: ReadDatabase): Promise<StoredTrail> {
  const t = readTables(db);
  return Promise.resolve(
    db.transaction('r', transactionTables(db, ['auditTrail', 'auditHead']), async () => ({
      events: await t.auditTrail.orderBy('seq').toArray(),
      head: (await t.auditHead.get('head'))?.head ?? null,
    })),
  );
}

/** The signed head now, for exporting a selection of events made a moment before. */
export async function currentHead(db: ReadDatabase): Promise<SignedHead | null> {
  return (await readTables(db).auditHead.get('head'))?.head ?? null;
}

export function exportFileStamp(now: Date): string {
  return now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
}

/**
 * The export file's JSON. Without a signed head (a trail whose head row was removed) the events are
 * still written as they are, in the same layout, for the administrator to examine: verification then
 * says the file is not a valid export, which is the truth.
 */
export function auditExportJson(
  events: readonly AuditEvent[],
  head: SignedHead | null,
  now: Date,
  filter: Record<string, string> | null,
): unknown {
  const exportedAt = now.toISOString();
  if (head)
    return buildAuditExport({ events, signedHead: head, exportedAt, filter, partial: filter !== null });
  return {
    format: 'recist-audit-trail',
    version: 1,
    exportedAt,
    filter,
    events,
    signedHead: null,
    partial: filter !== null,
  };
}

/** Saves the whole trail, untouched even when it does not verify (that is what the administrator needs). */
export async function exportWholeTrail(
  db: ReadDatabase,
  platform: Pick<PlatformBridge, 'saveFile'>,
  now = new Date(),
): Promise<string | null> {
  const trail = await loadWholeTrail(db);
  return platform.saveFile(
    `audit-trail-${exportFileStamp(now)}.json`,
    `${JSON.stringify(auditExportJson(trail.events, trail.head, now, null), null, 2)}\n`,
    'application/json',
  );
}
