/**
 * Exports of the audit trail as it is stored, for an administrator or a sponsor to verify elsewhere.
 */
import type { PlatformBridge } from '../../platform/bridge';
import type { AuditEvent } from '../../core/reading/audit';
import { readTables, transactionTables, type ReadDatabase } from '../db/readSchema';
import type { SignedHead } from '../../core/audit/chain';

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

export function exportFileStamp(now: Date): string {
  return now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
}

/** Saves the whole trail, untouched even when it does not verify (that is what the administrator needs). */
export async function exportWholeTrail(
  db: ReadDatabase,
  platform: Pick<PlatformBridge, 'saveFile'>,
  now = new Date(),
): Promise<string | null> {
  const trail = await loadWholeTrail(db);
  const json = {
    format: 'recist-audit-export',
    exportedAt: now.toISOString(),
    partial: false,
    head: trail.head,
    events: trail.events,
  };
  return platform.saveFile(
    `audit-trail-${exportFileStamp(now)}.json`,
    `${JSON.stringify(json, null, 2)}\n`,
    'application/json',
  );
}
