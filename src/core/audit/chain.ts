/**
 * The audit trail's tamper evidence (21 CFR Part 11): a hash chain over the events, sealed in the same
 * transaction that writes them, whose head is signed with the installation's ECDSA P-256 key.
 *
 * - Each event carries its `seq` (1, 2, 3... with no gap), the previous event's hash and its own:
 *   hash = SHA-256("recist-audit-v1\n" + prevHash + "\n" + canonicalJson(event without prevHash/hash)).
 *   SHA-256 is computed synchronously (@noble/hashes) so sealing fits inside an IndexedDB transaction,
 *   where awaiting WebCrypto would commit the transaction early.
 * - The head (last seq and hash) is signed; the signature covers "recist-audit-head-v1\n" + seq + "\n" +
 *   hash + "\n" + at. Editing an event breaks its hash; deleting, inserting or reordering breaks the seq
 *   run or the prevHash links; dropping the newest events with their hashes no longer matches the signed
 *   head; re-signing a forged head needs the private key, which never leaves WebCrypto or safeStorage.
 * - Verification is pure and synchronous (@noble/curves), so the app, the CLI and a sponsor's script
 *   check an export the same way.
 */
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from './canonicalJson';

export const GENESIS_HASH = '0'.repeat(64);
const EVENT_DOMAIN = 'recist-audit-v1';
const HEAD_DOMAIN = 'recist-audit-head-v1';

/** Where the chain stands: the last event's seq and hash (seq 0 and GENESIS_HASH when empty). */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

export const EMPTY_HEAD: ChainHead = { seq: 0, hash: GENESIS_HASH };

/** The fields every sealed event has; the rest of the event is hashed as it is. */
export interface Sealed {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

/** A signed head: what an export and every signature record carry. */
export interface SignedHead extends ChainHead {
  /** When the head was signed (ISO). */
  readonly at: string;
  /** ECDSA P-256 / SHA-256 signature, IEEE P1363 (r || s, 64 bytes), hex. */
  readonly signature: string;
  /** The installation's public key, uncompressed SEC1 point (65 bytes), hex. */
  readonly publicKey: string;
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

function eventHash(prevHash: string, body: object): string {
  return sha256Hex(`${EVENT_DOMAIN}\n${prevHash}\n${canonicalJson(body)}`);
}

function withoutSeal<E extends Sealed>(event: E): Omit<E, 'prevHash' | 'hash'> {
  const { prevHash: _prev, hash: _hash, ...body } = event;
  return body;
}

/**
 * Seals events to append after `head`: numbers them and chains their hashes. The drafts must be plain
 * JSON data (canonicalJson refuses anything else).
 */
export function sealEvents<D extends object>(
  head: ChainHead,
  drafts: readonly D[],
): { events: (D & Sealed)[]; head: ChainHead } {
  let previous = head;
  const events = drafts.map((draft) => {
    const body = { ...draft, seq: previous.seq + 1 };
    const hash = eventHash(previous.hash, body);
    const sealed = { ...body, prevHash: previous.hash, hash } as D & Sealed;
    previous = { seq: body.seq, hash };
    return sealed;
  });
  return { events, head: previous };
}

/** The bytes the head signature covers. */
export function headMessage(head: ChainHead, at: string): Uint8Array {
  return utf8ToBytes(`${HEAD_DOMAIN}\n${head.seq}\n${head.hash}\n${at}`);
}

export function verifyHeadSignature(head: SignedHead): boolean {
  try {
    // lowS: false: WebCrypto and Node sign with either of the two valid s values (noble's default would
    // refuse half of their signatures); malleability does not matter for a head's authenticity.
    return p256.verify(hexToBytes(head.signature), headMessage(head, head.at), hexToBytes(head.publicKey), {
      lowS: false,
    });
  } catch {
    return false;
  }
}

/** A short, stable name of a public key (first 16 hex digits of its SHA-256), for people to compare. */
export function keyFingerprint(publicKeyHex: string): string {
  return bytesToHex(sha256(hexToBytes(publicKeyHex))).slice(0, 16);
}

export type ChainVerification =
  | { readonly ok: true; readonly head: ChainHead; readonly events: number }
  | { readonly ok: false; readonly seq: number | null; readonly problem: string };

export interface VerifyOptions {
  /** The key the head must be signed with (the installation's); any valid key when absent. */
  readonly publicKey?: string;
  /**
   * Verify a part of the chain (a read's events in an export): seq gaps are allowed, but each event's
   * hash must still match its own prevHash and body, and the signed head is checked on its own.
   */
  readonly partial?: boolean;
}

/**
 * Checks a whole trail (events in any order; they are sorted by seq) against its signed head. Names the
 * first bad event. An empty trail is intact only with no head or a head at seq 0.
 */
export function verifyChain<E extends Sealed>(
  events: readonly E[],
  signedHead: SignedHead | null,
  options: VerifyOptions = {},
): ChainVerification {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  let previous: ChainHead = EMPTY_HEAD;
  for (const event of sorted) {
    if (!Number.isInteger(event.seq) || event.seq < 1)
      return {
        ok: false,
        seq: null,
        problem: `an event has no valid sequence number (${String(event.seq)})`,
      };
    if (event.seq === previous.seq)
      return { ok: false, seq: event.seq, problem: `event ${event.seq} appears twice (inserted)` };
    // In a part of the trail, two consecutive events that are both present must still link.
    if (options.partial && event.seq === previous.seq + 1 && event.prevHash !== previous.hash)
      return {
        ok: false,
        seq: event.seq,
        problem: `event ${event.seq} does not follow event ${previous.seq} (inserted or reordered)`,
      };
    if (!options.partial) {
      if (event.seq !== previous.seq + 1)
        return {
          ok: false,
          seq: previous.seq + 1,
          problem: `event ${previous.seq + 1} is missing (deleted)`,
        };
      if (event.prevHash !== previous.hash)
        return {
          ok: false,
          seq: event.seq,
          problem: `event ${event.seq} does not follow event ${previous.seq} (inserted or reordered)`,
        };
    }
    let recomputed: string;
    try {
      recomputed = eventHash(event.prevHash, withoutSeal(event));
    } catch (error) {
      return { ok: false, seq: event.seq, problem: `event ${event.seq} is not plain data: ${String(error)}` };
    }
    if (recomputed !== event.hash)
      return { ok: false, seq: event.seq, problem: `event ${event.seq} was changed after it was written` };
    previous = { seq: event.seq, hash: event.hash };
  }
  if (signedHead === null) {
    if (sorted.length === 0) return { ok: true, head: EMPTY_HEAD, events: 0 };
    return { ok: false, seq: previous.seq, problem: 'the trail has no signed head' };
  }
  if (options.publicKey !== undefined && signedHead.publicKey !== options.publicKey)
    return {
      ok: false,
      seq: signedHead.seq,
      problem: `the head is signed with another key (${keyFingerprint(signedHead.publicKey)}, expected ${keyFingerprint(options.publicKey)})`,
    };
  if (!verifyHeadSignature(signedHead))
    return { ok: false, seq: signedHead.seq, problem: 'the signature of the trail head is not valid' };
  // An event after the signed head was added later (or the head is not the latest): neither is intact.
  const afterHead = sorted.find((e) => e.seq > signedHead.seq);
  if (afterHead)
    return {
      ok: false,
      seq: afterHead.seq,
      problem: `event ${afterHead.seq} comes after the signed head (event ${signedHead.seq})`,
    };
  if (!options.partial && (signedHead.seq !== previous.seq || signedHead.hash !== previous.hash)) {
    if (signedHead.seq > previous.seq)
      return {
        ok: false,
        seq: previous.seq + 1,
        problem: `event ${previous.seq + 1} is missing (the signed head is event ${signedHead.seq})`,
      };
    return {
      ok: false,
      seq: signedHead.seq,
      problem: `the trail does not end where its signed head says (event ${signedHead.seq})`,
    };
  }
  if (options.partial) {
    const headEvent = sorted.find((e) => e.seq === signedHead.seq);
    if (headEvent && headEvent.hash !== signedHead.hash)
      return {
        ok: false,
        seq: headEvent.seq,
        problem: `event ${headEvent.seq} differs from the signed head`,
      };
  }
  return { ok: true, head: previous, events: sorted.length };
}
