/**
 * What an installation key agrees to sign: a chain head and the time it was signed, nothing else.
 * Both signers (WebCrypto in a browser, Electron's main process) build the signed bytes here, from a
 * checked head, so a compromised page can obtain signatures of audit heads only, never of arbitrary
 * bytes (a newline in `at`, for instance, could otherwise smuggle another message in).
 */
import { z } from 'zod';
import { headMessage } from './chain';

export const HeadToSignSchema = z.strictObject({
  seq: z.int('must be a whole number').nonnegative('must be 0 or more'),
  hash: z
    .string('must be text')
    .regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in 64 lowercase hexadecimal digits'),
  at: z.iso.datetime('must be an ISO date and time in UTC, such as 2026-03-01T10:00:00.000Z'),
});

export type HeadToSign = z.infer<typeof HeadToSignSchema>;

export class HeadToSignError extends Error {
  override readonly name = 'HeadToSignError';
}

/** The bytes to sign for `head`; throws a HeadToSignError saying what is wrong with anything else. */
export function headSigningMessage(head: unknown): Uint8Array {
  const parsed = HeadToSignSchema.safeParse(head);
  if (!parsed.success)
    throw new HeadToSignError(
      `refused to sign the audit trail head: ${parsed.error.issues
        .map((issue) => `${issue.path.map(String).join('.') || 'the head'}: ${issue.message}`)
        .join('; ')}`,
    );
  return headMessage(parsed.data, parsed.data.at);
}
