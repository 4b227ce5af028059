/**
 * Passphrases: PBKDF2-SHA-256 through WebCrypto with a random per-account salt and at least
 * MIN_PBKDF2_ITERATIONS (OWASP 2023). Only the derived key is stored; the passphrase never is, and never
 * reaches the audit trail (its events log that a passphrase was set, not its hash).
 */
import { MIN_PBKDF2_ITERATIONS, type Credential } from '../../core/policy/records';
import type { CredentialInput } from '../../core/policy/accountCommands';

const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (hex: string) => new Uint8Array(hex.match(/../g)!.map((h) => parseInt(h, 16)));

/** What a passphrase needs before it is accepted (shown to the person choosing it). */
export const MIN_PASSPHRASE_LENGTH = 10;

export function passphraseProblem(passphrase: string): string | null {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH)
    return `A passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`;
  if (passphrase.trim() !== passphrase) return 'A passphrase cannot start or end with a space';
  return null;
}

async function derive(passphrase: string, salt: Uint8Array, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    256,
  );
  return toHex(new Uint8Array(bits));
}

export async function hashPassphrase(
  passphrase: string,
  iterations = MIN_PBKDF2_ITERATIONS,
): Promise<CredentialInput> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return {
    algorithm: 'PBKDF2-SHA-256',
    iterations,
    salt: toHex(salt),
    hash: await derive(passphrase, salt, iterations),
  };
}

/** Compares in constant time: how many characters match must not show in how long it takes. */
export async function verifyPassphrase(passphrase: string, credential: Credential): Promise<boolean> {
  const derived = await derive(passphrase, fromHex(credential.salt), credential.iterations);
  let difference = derived.length ^ credential.hash.length;
  for (let i = 0; i < derived.length && i < credential.hash.length; i += 1)
    difference |= derived.charCodeAt(i) ^ credential.hash.charCodeAt(i);
  return difference === 0;
}
