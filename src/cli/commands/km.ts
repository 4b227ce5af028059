/**
 * `recist-ws km <file.csv> [--conf-type log-log|log|plain] [--times 0,90,180] [--rmst 360] [--json]`:
 * the Kaplan-Meier estimate of one time-to-event CSV (header subject,time_days,event), computed as R
 * survival does (../shared/contracts/endpoints.md). Bad input or options: exit 2 with one line on stderr
 * naming the file, the line and the problem, nothing on stdout.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  kaplanMeier,
  KM_DEFAULT_TIMES,
  type KmConfType,
  type KmResult,
  type KmRow,
} from '../../core/endpoints/km';

const CONF_TYPES: readonly KmConfType[] = ['log-log', 'log', 'plain'];
const COLUMNS = ['subject', 'time_days', 'event'] as const;

interface Arguments {
  readonly file: string;
  readonly confType: KmConfType;
  readonly times: readonly number[];
  readonly rmstTau: number | null;
  readonly json: boolean;
}

class BadInput extends Error {}

function parseArguments(args: readonly string[]): Arguments {
  let file: string | null = null;
  let confType: KmConfType = 'log-log';
  let times: readonly number[] = KM_DEFAULT_TIMES;
  let rmstTau: number | null = null;
  let json = false;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const value = args[i + 1];
    if (arg === '--json') json = true;
    else if (arg === '--conf-type') {
      if (!CONF_TYPES.includes(value as KmConfType))
        throw new BadInput(`km: --conf-type must be one of ${CONF_TYPES.join(', ')}`);
      confType = value as KmConfType;
      i += 1;
    } else if (arg === '--times') {
      const parsed = (value ?? '').split(',').map((t) => (t.trim() === '' ? Number.NaN : Number(t)));
      if (value === undefined || parsed.some((t) => !Number.isFinite(t) || t < 0))
        throw new BadInput('km: --times needs days separated by commas, none negative (e.g. 0,90,180)');
      times = parsed;
      i += 1;
    } else if (arg === '--rmst') {
      const tau = value === undefined || value.trim() === '' ? Number.NaN : Number(value);
      if (!Number.isFinite(tau) || tau <= 0) throw new BadInput('km: --rmst needs a number of days above 0');
      rmstTau = tau;
      i += 1;
    } else if (arg.startsWith('-')) throw new BadInput(`km: unknown option "${arg}"`);
    else if (file !== null) throw new BadInput(`km: give one CSV file, not "${file}" and "${arg}"`);
    else file = arg;
  }
  if (file === null)
    throw new BadInput(
      'km: give a CSV file: recist-ws km <file.csv> [--conf-type ...] [--times ...] [--rmst N] --json',
    );
  return { file, confType, times, rmstTau, json };
}

/** Splits one CSV line; double quotes may wrap a field ("" inside is one quote). */
function splitCsvLine(line: string): string[] | null {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field.trim());
      field = '';
    } else field += c;
  }
  if (quoted) return null;
  fields.push(field.trim());
  return fields;
}

/** The rows of the CSV text; problems are thrown as `line N: ...`. */
export function parseKmCsv(text: string): KmRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerIndex = lines.findIndex((line) => line.trim() !== '');
  if (headerIndex < 0)
    throw new BadInput('line 1: the file is empty; expected the header subject,time_days,event');
  const header = splitCsvLine(lines[headerIndex]!)?.map((h) => h.toLowerCase()) ?? [];
  const position = new Map(COLUMNS.map((column) => [column, header.indexOf(column)]));
  const missing = COLUMNS.filter((column) => position.get(column)! < 0);
  if (missing.length > 0)
    throw new BadInput(
      `line ${headerIndex + 1}: missing column ${missing.map((m) => `"${m}"`).join(', ')}; the header must be subject,time_days,event`,
    );
  const rows: KmRow[] = [];
  const firstLine = new Map<string, number>();
  for (let i = headerIndex + 1; i < lines.length; i += 1) {
    if (lines[i]!.trim() === '') continue;
    const where = `line ${i + 1}`;
    const fields = splitCsvLine(lines[i]!);
    if (fields === null) throw new BadInput(`${where}: a quote is not closed`);
    if (fields.length !== header.length)
      throw new BadInput(`${where}: ${fields.length} fields, the header has ${header.length}`);
    const subject = fields[position.get('subject')!]!;
    const time = fields[position.get('time_days')!]!;
    const event = fields[position.get('event')!]!;
    if (subject === '') throw new BadInput(`${where}: the subject is empty`);
    const earlier = firstLine.get(subject);
    if (earlier !== undefined)
      throw new BadInput(`${where}: subject ${subject} is already on line ${earlier}`);
    firstLine.set(subject, i + 1);
    const days = time === '' ? Number.NaN : Number(time);
    if (!Number.isFinite(days)) throw new BadInput(`${where}: time_days "${time}" is not a number of days`);
    if (days < 0) throw new BadInput(`${where}: time_days ${time} is negative`);
    if (event !== '0' && event !== '1')
      throw new BadInput(`${where}: event "${event}" must be 1 (progression or death) or 0 (censored)`);
    rows.push({ subject, timeDays: days, event: event === '1' });
  }
  if (rows.length === 0) throw new BadInput(`line ${headerIndex + 2}: no subjects after the header`);
  return rows;
}

function days(value: number | null): string {
  return value === null ? 'not reached' : `${Number(value.toFixed(1))}`;
}

function readable(file: string, km: KmResult): string {
  const percent = (value: number | null) => (value === null ? '-' : `${(value * 100).toFixed(1)}%`);
  const lines = [
    `${file}: ${km.n} subjects, ${km.events} events, ${km.censored} censored (95% CI ${km.confType})`,
    `Median: ${days(km.median.estimate)} days (95% CI ${days(km.median.lower)} to ${days(km.median.upper)})`,
    'Day     At risk  Survival  95% CI',
    ...km.atRisk.map(
      (r) =>
        `${String(r.time).padEnd(8)}${String(r.nRisk).padEnd(9)}${percent(r.surv).padEnd(10)}${percent(r.lower)} to ${percent(r.upper)}`,
    ),
  ];
  if (km.rmst)
    lines.push(
      `Restricted mean to day ${km.rmst.tau}: ${km.rmst.estimate.toFixed(1)} days (SE ${km.rmst.stdErr.toFixed(1)})`,
    );
  return `${lines.join('\n')}\n`;
}

export function run(args: readonly string[]): Promise<number> {
  let parsed: Arguments;
  try {
    parsed = parseArguments(args);
  } catch (e) {
    if (!(e instanceof BadInput)) throw e;
    process.stderr.write(`${e.message}\n`);
    return Promise.resolve(2);
  }
  const name = basename(parsed.file);
  let rows: KmRow[];
  try {
    rows = parseKmCsv(readFileSync(parsed.file, 'utf8'));
  } catch (e) {
    const message =
      e instanceof BadInput
        ? e.message
        : `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
    process.stderr.write(`${name}: ${message}\n`);
    return Promise.resolve(2);
  }
  const km = kaplanMeier(rows, { confType: parsed.confType, times: parsed.times, rmstTau: parsed.rmstTau });
  process.stdout.write(parsed.json ? `${JSON.stringify(km, null, 2)}\n` : readable(name, km));
  return Promise.resolve(0);
}
