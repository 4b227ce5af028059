/**
 * The check the app makes of its audit trail when it opens, and how a failure is put to the reader.
 */
import type { ChainVerification } from '../../core/audit/chain';
import type { AuditSigner } from '../db/commandRunner';
import { verifyStoredTrail } from '../db/auditLog';
import type { ReadDatabase } from '../db/readSchema';

export type TrailCheck =
  | { readonly state: 'checking' }
  | { readonly state: 'intact'; readonly events: number }
  /** The chain does not verify: `seq` is the first bad event (null when none can be named). */
  | { readonly state: 'altered'; readonly seq: number | null; readonly problem: string }
  /** The check itself could not run (database or signing key unreadable): treated as not intact. */
  | { readonly state: 'unchecked'; readonly problem: string };

export function fromVerification(result: ChainVerification): TrailCheck {
  return result.ok
    ? { state: 'intact', events: result.events }
    : { state: 'altered', seq: result.seq, problem: result.problem };
}

export async function checkTrail(db: ReadDatabase, signer: AuditSigner): Promise<TrailCheck> {
  try {
    return fromVerification(await verifyStoredTrail(db, signer));
  } catch (error) {
    return { state: 'unchecked', problem: error instanceof Error ? error.message : String(error) };
  }
}

/** The banner's headline: what failed, in one sentence. */
export function trailHeadline(check: TrailCheck): string | null {
  if (check.state === 'altered') return `The audit trail has been altered: ${check.problem}.`;
  if (check.state === 'unchecked') return `The audit trail could not be checked: ${check.problem}`;
  return null;
}
