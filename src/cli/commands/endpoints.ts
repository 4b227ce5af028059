/**
 * `recist-ws endpoints <folder-of-subject-reads> [--conf-type log-log|log|plain] [--times 0,90,180]
 * [--rmst 360] --json` (../shared/contracts/endpoints.md): evaluates every *.json subject read in the
 * folder and prints the cohort's endpoints as one JSON object. The output is JSON whether or not --json
 * is given (the contract's spelling includes it).
 * Bad input (an unreadable or invalid read, an empty folder, an unknown option) exits 2 with one line on
 * stderr naming the file and the problem, and nothing on stdout: a partial cohort would give wrong rates.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
// First: zod's settings must be in place before the model's schemas are built (and first parsed).
import '../zodJitless';
import { cohortEndpoints, type KmConfType, type KmOptions } from '../../core/endpoints';
import { formatValidationError, type SubjectResult } from '../../core/model';
import { evaluateInput } from '../../core/recist';

const USAGE =
  'usage: recist-ws endpoints <folder-of-subject-reads> [--conf-type log-log|log|plain] [--times 0,90,180] [--rmst 360] --json';

class InputError extends Error {}

interface Arguments {
  readonly folder: string;
  readonly km: KmOptions;
}

const CONF_TYPES: readonly KmConfType[] = ['log-log', 'log', 'plain'];

function days(text: string, what: string): number {
  const value = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value) || value < 0) throw new InputError(`${what} needs days >= 0, got "${text}"`);
  return value;
}

function parseArguments(args: readonly string[]): Arguments {
  const folders: string[] = [];
  let confType: KmConfType = 'log-log';
  let times: number[] | undefined;
  let rmstTau: number | null = null;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const value = () => {
      const next = args[i + 1];
      if (next === undefined) throw new InputError(`${arg} needs a value`);
      i += 1;
      return next;
    };
    if (arg === '--json') continue;
    if (arg === '--conf-type') {
      const type = value();
      if (!CONF_TYPES.includes(type as KmConfType))
        throw new InputError(`--conf-type is one of ${CONF_TYPES.join(', ')}, got "${type}"`);
      confType = type as KmConfType;
    } else if (arg === '--times')
      times = value()
        .split(',')
        .map((t) => days(t, '--times'));
    else if (arg === '--rmst') rmstTau = days(value(), '--rmst');
    else if (arg.startsWith('-')) throw new InputError(`unknown option ${arg}`);
    else folders.push(arg);
  }
  if (folders.length !== 1) throw new InputError(`give one folder of subject reads (${USAGE})`);
  return { folder: folders[0]!, km: { confType, rmstTau, ...(times ? { times } : {}) } };
}

function readFolder(folder: string): SubjectResult[] {
  let names: string[];
  try {
    if (!statSync(folder).isDirectory()) throw new InputError(`${folder}: not a folder`);
    names = readdirSync(folder, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.json'))
      .map((e) => e.name)
      .sort();
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${folder}: no such folder`);
  }
  if (names.length === 0) throw new InputError(`${folder}: no .json subject reads in this folder`);
  return names.map((name) => {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(join(folder, name), 'utf8'));
    } catch (e) {
      throw new InputError(`${name}: not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
    const outcome = evaluateInput(json);
    if (!outcome.ok) {
      const first = outcome.errors[0];
      throw new InputError(`${name}: ${first ? formatValidationError(first) : 'invalid subject read'}`);
    }
    return outcome.result;
  });
}

export function run(args: readonly string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return Promise.resolve(0);
  }
  try {
    const { folder, km } = parseArguments(args);
    let output;
    try {
      output = cohortEndpoints(readFolder(folder), km);
    } catch (e) {
      // The cohort refuses mixed criteria with a RangeError whose message names the subjects.
      if (e instanceof RangeError) throw new InputError(`${folder}: ${e.message}`);
      throw e;
    }
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return Promise.resolve(0);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    process.stderr.write(`endpoints: ${e.message.replace(/\s*\n\s*/g, ' ')}\n`);
    return Promise.resolve(2);
  }
}
