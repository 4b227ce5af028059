import type { z } from 'zod';

export type ReadingErrorCode =
  /** The input is malformed or breaks a reading rule (wrong status for the lesion kind...). */
  | 'INVALID'
  /** A referenced record does not exist (or is deleted). */
  | 'NOT_FOUND'
  /** The change touches a signed (locked) timepoint. */
  | 'LOCKED'
  /** Signing or unlocking out of order, or signing an incomplete timepoint. */
  | 'SIGN_ORDER'
  | 'INCOMPLETE'
  /** Signing with unresolved violations needs an override reason; unlocking needs a reason. */
  | 'REASON_REQUIRED'
  /** The stored data changed since the command being undone/redone (or a unique value is taken). */
  | 'CONFLICT'
  /** The signed-in account may not do this (another reader's read, a role without the right). */
  | 'FORBIDDEN'
  /** An e-signature is needed (or its passphrase was wrong). */
  | 'SIGNATURE'
  /** Subject data frozen by a signature: only an admin's signed, reasoned correction changes it. */
  | 'FROZEN'
  /** The audit trail does not verify: nothing is written onto it. */
  | 'TAMPERED';

const readerMessages = new Set<string>();

/** Marks a schema message as written for the reader ("Enter your name"), to be shown at the field. */
export function readerMessage(message: string): string {
  readerMessages.add(message);
  return message;
}

/** The one error type of the reading workflow: `code` for the UI's logic, `message` for the reader. */
export class ReadingError extends Error {
  override readonly name = 'ReadingError';
  constructor(
    readonly code: ReadingErrorCode,
    message: string,
    /** The field the reader typed into, when the refusal is about one: the UI shows it there. */
    readonly field: string | null = null,
    /** What the UI needs to act on the refusal (the codes an override must name), never parsed from the message. */
    readonly details: { readonly violationCodes?: readonly string[] } = {},
  ) {
    super(message);
  }

  /**
   * From a zod error. A problem with a field the reader types into carries a message written for the
   * reader (readerMessage): it is shown as it is, and names that field. Any other problem is a caller's
   * bug and reads "what: path.to.field: problem".
   */
  static fromZod(what: string, error: z.ZodError): ReadingError {
    const forReader = error.issues.find((issue) => readerMessages.has(issue.message));
    if (forReader)
      return new ReadingError('INVALID', forReader.message, forReader.path.map(String).join('.'));
    const parts = error.issues.map((issue) => {
      const path = issue.path.map(String).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    });
    return new ReadingError('INVALID', `${what}: ${parts.join('; ')}`);
  }
}

/** Parses with a zod schema, throwing a ReadingError naming the field on failure. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw ReadingError.fromZod(what, result.error);
  return result.data;
}
