/**
 * `recist-ws evaluate <file.json | folder | -> ...`
 * One file (or stdin): its result as indented JSON. A folder or several inputs: one JSON object per line
 * (JSON Lines) in file-name order. A bad input prints one line on stderr, `<file name>: <field>: <problem>`
 * (no prefix for stdin), nothing on stdout for it; the others still print, and the exit code is 2.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
// First: zod's settings must be in place before the model's schemas are built (and first parsed).
import '../zodJitless';
import { formatValidationError } from '../../core/model';
import { evaluateInput } from '../../core/recist';

const USAGE = `usage: recist-ws evaluate <file.json | folder | -> [more...]
  One file or - (stdin): prints its result as JSON.
  A folder (its *.json files) or several inputs: one JSON object per line, in file-name order.
  Exit code 2 when any input is unreadable or invalid (each named on stderr).`;

interface Source {
  /** Shown before an error message; null for stdin. */
  readonly label: string | null;
  /** Sort key: the file name. */
  readonly name: string;
  read(): string;
}

class InputError extends Error {}

function byName(a: Source, b: Source): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function expand(arg: string, readStdin: () => string): Source[] {
  if (arg === '-') return [{ label: null, name: '-', read: readStdin }];
  let isDirectory: boolean;
  try {
    isDirectory = statSync(arg).isDirectory();
  } catch {
    throw new InputError(`${arg}: no such file or folder`);
  }
  if (!isDirectory)
    return [{ label: basename(arg), name: basename(arg), read: () => readFileSync(arg, 'utf8') }];
  const files = readdirSync(arg, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.json'))
    .map((e) => e.name);
  if (files.length === 0) throw new InputError(`${arg}: no .json files in this folder`);
  return files.map((name) => ({ label: name, name, read: () => readFileSync(join(arg, name), 'utf8') }));
}

function readAllStdin(): string {
  return readFileSync(0, 'utf8');
}

/** Evaluates one source: its JSON text for stdout, or the message for stderr. */
function evaluateSource(source: Source, indent: number | undefined): { out?: string; error?: string } {
  const prefix = source.label === null ? '' : `${source.label}: `;
  let text: string;
  try {
    text = source.read();
  } catch (e) {
    return { error: `${prefix}cannot read: ${e instanceof Error ? e.message : String(e)}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { error: `${prefix}not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const outcome = evaluateInput(json);
  if (!outcome.ok) {
    const first = outcome.errors[0];
    return { error: `${prefix}${first ? formatValidationError(first) : 'invalid input'}` };
  }
  return { out: JSON.stringify(outcome.result, null, indent) };
}

export function run(args: readonly string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return Promise.resolve(0);
  }
  const unknownFlag = args.find((a) => a.startsWith('-') && a !== '-');
  if (args.length === 0 || unknownFlag !== undefined) {
    process.stderr.write(`${unknownFlag ? `unknown option "${unknownFlag}"\n` : ''}${USAGE}\n`);
    return Promise.resolve(2);
  }
  if (args.filter((a) => a === '-').length > 1) {
    process.stderr.write('stdin (-) can be read only once\n');
    return Promise.resolve(2);
  }

  let stdinText: string | null = null;
  const readStdin = () => (stdinText ??= readAllStdin());
  let failed = false;
  const sources: Source[] = [];
  for (const arg of args) {
    try {
      sources.push(...expand(arg, readStdin));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      process.stderr.write(`${e.message}\n`);
      failed = true;
    }
  }
  const single = args.length === 1 && sources.length === 1 && !statIsDirectory(args[0]!);
  if (!single) sources.sort(byName);

  for (const source of sources) {
    const { out, error } = evaluateSource(source, single ? 2 : undefined);
    if (error !== undefined) {
      process.stderr.write(`${error}\n`);
      failed = true;
    } else if (out !== undefined) {
      process.stdout.write(`${out}\n`);
    }
  }
  return Promise.resolve(failed ? 2 : 0);
}

function statIsDirectory(arg: string): boolean {
  if (arg === '-') return false;
  try {
    return statSync(arg).isDirectory();
  } catch {
    return false;
  }
}
