/**
 * `recist-ws audit verify <export.json | ->`: checks an exported audit trail (`recist-audit-trail`)
 * or read export (`recist-read-export`) with the same code as the app (core/audit/export.ts).
 * Exit codes: 0 intact (one line: events, head, key fingerprint), 1 altered (the first bad event named),
 * 2 unreadable input (no such file, not JSON, not an export: the field named) or bad arguments.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
// First: zod's settings must be in place before the export schemas are built (and first parsed).
import '../zodJitless';
import { verifyExport, type ExportVerification } from '../../core/audit/export';

const USAGE = `usage: recist-ws audit verify [--key <fingerprint>] <export.json | ->
  Checks an exported audit trail or read export: every event's seal, their sequence, the signed head
  and, in a read export, each signature, against the installation key named in the file.
  --key: the fingerprint of the installation key the export must be signed with (the app's audit
  trail screen shows it); without it, a trail re-sealed and re-signed with another key would pass.
  Exit code 0 intact, 1 altered or signed by another key (names the first bad event), 2 unreadable
  (names the field).`;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const roleWords: Record<string, string> = {
  'site-radiologist': 'site radiologist',
  'bicr-reader': 'BICR reader',
  adjudicator: 'adjudicator',
};

/** " (read by Dr Two, BICR reader 2)": whose read the sponsor holds, as the export names it. */
function readBy(reader: Extract<ExportVerification, { ok: true }>['reader']): string {
  if (!reader) return '';
  const role = reader.role === null ? 'role not recorded' : (roleWords[reader.role] ?? reader.role);
  const number = reader.readerNumber === null ? '' : ` ${reader.readerNumber}`;
  return ` (read by ${reader.name}, ${role}${number})`;
}

function intact(result: Extract<ExportVerification, { ok: true }>): string {
  const what =
    result.format === 'recist-read-export'
      ? `Read export intact${readBy(result.reader)}: ${plural(result.signatures, 'signature')}, `
      : `Audit trail ${result.partial ? 'extract ' : ''}intact: `;
  const events = result.partial
    ? `${plural(result.events, 'event')} selected from a trail`
    : plural(result.events, 'event');
  const line = `${what}${events} signed up to event ${result.headSeq} by installation key ${result.keyFingerprint}.`;
  // A selection verifies event by event: nothing in it can show an event that was left out.
  return result.partial ? `${line} As an extract, it cannot show whether other events were deleted.` : line;
}

function readInput(path: string): { label: string; text: string } | { error: string } {
  const label = path === '-' ? 'stdin' : basename(path);
  try {
    return { label, text: readFileSync(path === '-' ? 0 : path, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { error: `${path}: no such file` };
    if (code === 'EISDIR') return { error: `${path}: is a folder, not an export file` };
    return { error: `${path}: cannot read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function verify(path: string, expectedKey: string | null): number {
  const input = readInput(path);
  if ('error' in input) {
    process.stderr.write(`${input.error}\n`);
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(input.text);
  } catch (error) {
    process.stderr.write(
      `${input.label}: not valid JSON: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
  const result = verifyExport(json);
  if (result.ok && expectedKey !== null && result.keyFingerprint !== expectedKey) {
    process.stdout.write(
      `${input.label}: NOT INTACT: signed by installation key ${result.keyFingerprint}, not ${expectedKey}.\n`,
    );
    return 1;
  }
  if (result.ok) {
    process.stdout.write(`${intact(result)}\n`);
    return 0;
  }
  if (result.unreadable) {
    process.stderr.write(`${input.label}: not an audit export: ${result.problem}\n`);
    return 2;
  }
  process.stdout.write(`${input.label}: NOT INTACT: ${result.problem}.\n`);
  return 1;
}

export function run(args: readonly string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return Promise.resolve(0);
  }
  const [subcommand, ...afterSubcommand] = args;
  let expectedKey: string | null = null;
  const rest = [...afterSubcommand];
  const keyAt = rest.indexOf('--key');
  if (keyAt >= 0) {
    const value = rest[keyAt + 1];
    if (value === undefined || !/^[0-9a-f]{16}$/.test(value)) {
      process.stderr.write(`--key needs a key fingerprint (16 hex digits)\n${USAGE}\n`);
      return Promise.resolve(2);
    }
    expectedKey = value;
    rest.splice(keyAt, 2);
  }
  if (subcommand !== 'verify' || rest.length !== 1 || (rest[0]!.startsWith('-') && rest[0] !== '-')) {
    const why =
      subcommand === undefined
        ? ''
        : subcommand !== 'verify'
          ? `unknown audit command "${subcommand}"\n`
          : rest.length === 0
            ? 'give the export file to verify\n'
            : rest.length > 1
              ? 'give one export file\n'
              : `unknown option "${rest[0]}"\n`;
    process.stderr.write(`${why}${USAGE}\n`);
    return Promise.resolve(2);
  }
  return Promise.resolve(verify(rest[0]!, expectedKey));
}
