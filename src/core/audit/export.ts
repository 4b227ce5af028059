/**
 * The files that carry audit evidence out of the app, and their verification (the CLI's `audit
 * verify`, and anyone's script: pure and synchronous).
 *
 * - `recist-audit-trail`: sealed events exactly as stored, the signed head, the installation's key.
 *   A full export (partial false) holds every event 1..head: any edit, deletion, insertion or
 *   reordering is found. A filtered export (partial true: one read's events, say) is checked event by
 *   event (hash, links between consecutive events, signed head); it cannot show that an event was
 *   left out, since leaving events out is what a filter does.
 * - `recist-read-export`: one read (its recist-case JSON and results), its signature records (each
 *   with the head signed at signing) and a partial audit export of that read. Version 2 adds `reader`:
 *   who read it, in which role and, for BICR, as reader 1 or 2. It is checked against the read's
 *   creation event in the trail, which recorded the role and number when the read started.
 */
import { z } from 'zod';
import { formatPath } from '../model/validation';
import { readerRoles } from '../reading/model';
import {
  keyFingerprint,
  verifyChain,
  verifyHeadSignature,
  type ChainVerification,
  type Sealed,
  type SignedHead,
} from './chain';

export const AUDIT_EXPORT_FORMAT = 'recist-audit-trail';
export const READ_EXPORT_FORMAT = 'recist-read-export';
/** The read export this program writes; it still reads version 1 (no `reader`). */
export const READ_EXPORT_VERSION = 2;

const hex = (digits: number, what: string) =>
  z
    .string(`must be ${what} in hexadecimal`)
    .regex(new RegExp(`^[0-9a-f]{${digits}}$`), `must be ${what}: ${digits} lowercase hexadecimal digits`);
const sha256 = hex(64, 'a SHA-256');
const isoDateTime = z.iso.datetime('must be an ISO date and time in UTC, such as 2026-03-01T10:00:00.000Z');
const publicKey = z
  .string('must be a public key in hexadecimal')
  .regex(/^04[0-9a-f]{128}$/, 'must be an uncompressed P-256 public key: 04 then 128 hexadecimal digits');

// zod's own z.json() reports only "Invalid input"; wrapped, it says what the field is for.
const jsonValue = z.json();

export const SignedHeadSchema = z.strictObject({
  seq: z.int('must be a whole number').nonnegative('must be 0 or more'),
  hash: sha256,
  at: isoDateTime,
  signature: hex(128, 'an ECDSA P-256 signature (r || s)'),
  publicKey,
});

/** A sealed event: its seal checked, every other field kept as it is (the hash covers them all). */
export const SealedEventSchema = z.looseObject(
  {
    seq: z.int('must be a whole number').positive('must be 1 or more'),
    prevHash: sha256,
    hash: sha256,
  },
  'must be an event (an object)',
);

export const AuditExportSchema = z.object({
  format: z.literal(AUDIT_EXPORT_FORMAT, `must be "${AUDIT_EXPORT_FORMAT}"`),
  version: z.literal(1, 'must be 1 (the only version this program reads)'),
  exportedAt: isoDateTime,
  installationKey: publicKey,
  keyFingerprint: hex(16, 'a key fingerprint'),
  filter: z.custom<z.infer<typeof jsonValue>>(
    (value) => value !== undefined && jsonValue.safeParse(value).success,
    'must describe the selection in JSON, or be null for the whole trail',
  ),
  events: z.array(SealedEventSchema, 'must be a list of events'),
  signedHead: SignedHeadSchema,
  partial: z.boolean('must be true (a selection of events) or false (the whole trail)'),
});
export type AuditExport = z.infer<typeof AuditExportSchema>;

/** A signature record as the app writes it; only its signed head is checked here, the rest is kept. */
export const SignatureRecordSchema = z.looseObject(
  { signedHead: SignedHeadSchema },
  'must be a signature record',
);

const nonEmpty = (what: string) => z.string(`must be ${what}`).min(1, `must be ${what}`);

/** Who read the exported read, as the read recorded it when it started. */
export const ReadExportReaderSchema = z.strictObject(
  {
    readId: nonEmpty("the read's id"),
    readerId: nonEmpty("the reader's account id"),
    name: nonEmpty("the reader's name"),
    /** null: a read started before reads recorded their role. */
    role: z.enum(readerRoles, `must be one of ${readerRoles.join(', ')}, or null`).nullable(),
    /** 1 or 2 for a BICR reader's read; null for every other role. */
    readerNumber: z.union([z.literal(1), z.literal(2)], 'must be 1 or 2, or null').nullable(),
  },
  'must name the reader: readId, readerId, name, role and readerNumber',
);
export type ReadExportReader = z.infer<typeof ReadExportReaderSchema>;

export const ReadExportSchema = z
  .object({
    format: z.literal(READ_EXPORT_FORMAT, `must be "${READ_EXPORT_FORMAT}"`),
    version: z.union([z.literal(1), z.literal(2)], 'must be 1 or 2 (the versions this program reads)'),
    exportedAt: isoDateTime,
    reader: ReadExportReaderSchema.optional(),
    subjectRead: z.looseObject({}, 'must be the read (recist-case JSON)'),
    results: z.looseObject({}, 'must be the results of the read'),
    signatures: z.array(SignatureRecordSchema, 'must be a list of signature records'),
    audit: AuditExportSchema,
  })
  .superRefine((file, ctx) => {
    if (file.version === 2 && file.reader === undefined)
      ctx.addIssue({ code: 'custom', path: ['reader'], message: 'must name the reader (version 2)' });
  });
export type ReadExport = z.infer<typeof ReadExportSchema>;

export interface AuditExportInput {
  readonly events: readonly Sealed[];
  readonly signedHead: SignedHead;
  readonly exportedAt: string;
  /** What was selected (free JSON), or null for the whole trail. */
  readonly filter?: z.infer<typeof AuditExportSchema>['filter'];
  /** Whether `events` is a selection; by default, when there is a filter. */
  readonly partial?: boolean;
}

/** An audit export of stored events (kept as they are, listed by seq) and the head signed over them. */
export function buildAuditExport(input: AuditExportInput): AuditExport {
  const filter = input.filter ?? null;
  return {
    format: AUDIT_EXPORT_FORMAT,
    version: 1,
    exportedAt: input.exportedAt,
    installationKey: input.signedHead.publicKey,
    keyFingerprint: keyFingerprint(input.signedHead.publicKey),
    filter,
    events: [...input.events].sort((a, b) => a.seq - b.seq) as AuditExport['events'],
    signedHead: input.signedHead,
    partial: input.partial ?? filter !== null,
  };
}

export type ExportVerification =
  | {
      readonly ok: true;
      readonly format: typeof AUDIT_EXPORT_FORMAT | typeof READ_EXPORT_FORMAT;
      /** Events in the file. */
      readonly events: number;
      /** The signed head's seq: the last event of the whole trail when it was signed. */
      readonly headSeq: number;
      readonly keyFingerprint: string;
      /** A selection of events: a left-out event cannot be detected. */
      readonly partial: boolean;
      readonly signatures: number;
      /** The reader a read export names (version 2); null otherwise. */
      readonly reader: ReadExportReader | null;
    }
  /** The file is not such an export (exit 2): `field` names where, as `events[3].hash`. */
  | { readonly ok: false; readonly unreadable: true; readonly field: string; readonly problem: string }
  /** The evidence does not hold (exit 1): `seq` is the first bad event, when there is one. */
  | { readonly ok: false; readonly unreadable: false; readonly seq: number | null; readonly problem: string };

type Failure = Extract<ExportVerification, { ok: false }>;

function unreadable(error: z.ZodError, prefix = ''): Failure {
  const issue = error.issues[0]!;
  const field = `${prefix}${formatPath(issue.path)}`;
  return { ok: false, unreadable: true, field, problem: `${field || 'the file'}: ${issue.message}` };
}

function altered(seq: number | null, problem: string): Failure {
  return { ok: false, unreadable: false, seq, problem };
}

/** Checks a parsed audit export; `events` are the file's own objects (zod's copies could differ). */
function checkAudit(audit: AuditExport, events: readonly Sealed[]): ChainVerification | Failure {
  const fingerprint = keyFingerprint(audit.installationKey);
  if (audit.keyFingerprint !== fingerprint)
    return altered(
      null,
      `the key fingerprint written in the file (${audit.keyFingerprint}) is not that of its installation key (${fingerprint})`,
    );
  // An export lists events by seq: another order means the file was edited by hand.
  for (let i = 1; i < events.length; i += 1)
    if (events[i]!.seq < events[i - 1]!.seq)
      return altered(
        events[i]!.seq,
        `event ${events[i]!.seq} is listed after event ${events[i - 1]!.seq} (moved)`,
      );
  return verifyChain(events, audit.signedHead, { publicKey: audit.installationKey, partial: audit.partial });
}

function verifiedAudit(json: Record<string, unknown>, audit: AuditExport): ExportVerification {
  const result = checkAudit(audit, json['events'] as Sealed[]);
  if (!result.ok) return 'unreadable' in result ? result : altered(result.seq, result.problem);
  return {
    ok: true,
    format: AUDIT_EXPORT_FORMAT,
    events: result.events,
    headSeq: audit.signedHead.seq,
    keyFingerprint: audit.keyFingerprint,
    partial: audit.partial,
    signatures: 0,
    reader: null,
  };
}

export function verifyAuditExport(json: unknown): ExportVerification {
  const parsed = AuditExportSchema.safeParse(json);
  if (!parsed.success) return unreadable(parsed.error);
  return verifiedAudit(json as Record<string, unknown>, parsed.data);
}

export function verifyReadExport(json: unknown): ExportVerification {
  const parsed = ReadExportSchema.safeParse(json);
  if (!parsed.success) return unreadable(parsed.error);
  const audit = verifiedAudit((json as { audit: Record<string, unknown> }).audit, parsed.data.audit);
  if (!audit.ok) return audit;
  const { installationKey, signedHead: trailHead, events } = parsed.data.audit;
  const hashes = new Map(events.map((event) => [event.seq, event.hash]));
  for (const [index, { signedHead }] of parsed.data.signatures.entries()) {
    const name = `signature ${index + 1} (event ${signedHead.seq})`;
    if (signedHead.publicKey !== installationKey)
      return altered(
        signedHead.seq,
        `${name} was made with another key (${keyFingerprint(signedHead.publicKey)}), not this installation's (${keyFingerprint(installationKey)})`,
      );
    if (!verifyHeadSignature(signedHead)) return altered(signedHead.seq, `${name} is not valid`);
    if (signedHead.seq > trailHead.seq)
      return altered(signedHead.seq, `${name} comes after the trail's signed head (event ${trailHead.seq})`);
    const hash = hashes.get(signedHead.seq);
    if (hash !== undefined && hash !== signedHead.hash)
      return altered(signedHead.seq, `${name} does not match event ${signedHead.seq} of the trail`);
  }
  const reader = parsed.data.reader ?? null;
  if (reader) {
    const mismatch = readerMismatch(reader, json as { audit: { events: Record<string, unknown>[] } });
    if (mismatch) return mismatch;
  }
  return { ...audit, format: READ_EXPORT_FORMAT, signatures: parsed.data.signatures.length, reader };
}

const roleWords = (role: unknown, readerNumber: unknown) =>
  `${typeof role === 'string' ? role : 'no role'}${typeof readerNumber === 'number' ? ` ${readerNumber}` : ''}`;

/**
 * The `reader` block is not sealed itself: it must say what the read's sealed creation event says
 * (the account, and the role and number the read started with; an event written before reads had a
 * role does not record them, so they are not compared).
 */
function readerMismatch(
  reader: ReadExportReader,
  file: { audit: { events: Record<string, unknown>[] } },
): Failure | null {
  const created = file.audit.events.find(
    (e) => e['entity'] === 'read' && e['action'] === 'create' && e['entityId'] === reader.readId,
  );
  if (!created)
    return altered(null, `the file names read ${reader.readId} as its read, but holds no event creating it`);
  const seq = created['seq'] as number;
  const after = (created['after'] ?? {}) as Record<string, unknown>;
  if (after['readerId'] !== reader.readerId)
    return altered(
      seq,
      `the reader named in the file (${reader.name}, account ${reader.readerId}) did not start the read: event ${seq} says account ${String(after['readerId'])}`,
    );
  const recorded = (field: 'role' | 'readerNumber') =>
    field in after ? (after[field] ?? null) : reader[field];
  if (recorded('role') !== reader.role || recorded('readerNumber') !== reader.readerNumber)
    return altered(
      seq,
      `the file says the read was made as ${roleWords(reader.role, reader.readerNumber)}, but event ${seq} recorded ${roleWords(recorded('role'), recorded('readerNumber'))}`,
    );
  return null;
}

/** Either export, told apart by its `format`. */
export function verifyExport(json: unknown): ExportVerification {
  const format = (json as { format?: unknown } | null)?.format;
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
    if (format === AUDIT_EXPORT_FORMAT) return verifyAuditExport(json);
    if (format === READ_EXPORT_FORMAT) return verifyReadExport(json);
  }
  return {
    ok: false,
    unreadable: true,
    field: 'format',
    problem: `format: must be "${AUDIT_EXPORT_FORMAT}" or "${READ_EXPORT_FORMAT}"`,
  };
}
