/**
 * Real trails for the audit tests: events sealed with core's sealEvents and heads signed with a real
 * WebCrypto ECDSA P-256 key (Node's globalThis.crypto.subtle), exactly as the app's signers sign them.
 */
import { p256 } from '@noble/curves/nist.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import {
  EMPTY_HEAD,
  headMessage,
  sealEvents,
  type ChainHead,
  type Sealed,
  type SignedHead,
} from '../../../../src/core/audit/chain';

export interface TestKey {
  readonly publicKey: string;
  sign(head: ChainHead, at: string): Promise<SignedHead>;
}

export async function makeKey(): Promise<TestKey> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
    'verify',
  ]);
  const publicKey = bytesToHex(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
  return {
    publicKey,
    async sign(head, at) {
      const signature = await crypto.subtle.sign(
        { name: 'ECDSA', hash: 'SHA-256' },
        pair.privateKey,
        headMessage(head, at) as Uint8Array<ArrayBuffer>,
      );
      return {
        seq: head.seq,
        hash: head.hash,
        at,
        signature: bytesToHex(new Uint8Array(signature)),
        publicKey,
      };
    },
  };
}

/** The other valid signature of the same message: (r, n - s). WebCrypto and Node return either form. */
export function otherHalfOfS(signatureHex: string): string {
  const signature = p256.Signature.fromBytes(hexToBytes(signatureHex), 'compact');
  const flipped = new p256.Signature(signature.r, p256.Point.Fn.ORDER - signature.s);
  return bytesToHex(flipped.toBytes('compact'));
}

export function hasHighS(signatureHex: string): boolean {
  return p256.Signature.fromBytes(hexToBytes(signatureHex), 'compact').hasHighS();
}

export interface Draft {
  readonly at: string;
  readonly readerId: string;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly readId: string | null;
  readonly commandId: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly reason: string | null;
}

export type TestEvent = Draft & Sealed;

export function draft(index: number, readId: string | null = 'read-1'): Draft {
  const minute = String(index % 60).padStart(2, '0');
  return {
    at: `2026-03-01T10:${minute}:00.000Z`,
    readerId: 'reader-1',
    action: index === 1 ? 'create' : 'update',
    entity: 'assessment',
    entityId: `assessment-${index}`,
    readId,
    commandId: `command-${index}`,
    before: index === 1 ? null : { mm: 10 + index },
    after: { mm: 11 + index, note: `change ${index}` },
    reason: null,
  };
}

export const HEAD_AT = '2026-03-01T11:00:00.000Z';

/** A sealed trail of `count` events and its signed head. */
export async function makeTrail(
  count: number,
  key?: TestKey,
  drafts: readonly Draft[] = Array.from({ length: count }, (_, i) => draft(i + 1)),
): Promise<{ events: TestEvent[]; head: SignedHead; key: TestKey }> {
  const signer = key ?? (await makeKey());
  const sealed = sealEvents(EMPTY_HEAD, drafts);
  return { events: sealed.events, head: await signer.sign(sealed.head, HEAD_AT), key: signer };
}
