/**
 * `recist-ws` / `npm run cli -- <command> ...`: the command line over src/core.
 * Each command lives in src/cli/commands/<name>.ts and exports `run(args): Promise<number>` (the exit code).
 * Exit codes: 0 success, 1 the work ran but failed, 2 bad arguments or bad input.
 */

import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadCachedScript } from './cachedScript';

/**
 * Set by build/build-cli.mjs: the file name of the V8 code cache of `evaluate.cjs`, the `evaluate`
 * command bundled as a script beside this one (see cachedScript.ts). Undefined when run from source.
 */
declare const RECIST_EVALUATE_CODE_CACHE: string | undefined;

/**
 * Set by build/build-cli.mjs: the file name of the `audit` command bundled as a CommonJS script beside
 * this one, so that zod (which it needs) stays out of the other commands' chunks. Undefined from source.
 */
declare const RECIST_AUDIT_SCRIPT: string | undefined;

/** Set by build/build-cli.mjs: the `endpoints` command as a CommonJS script (zod, like `audit`). */
declare const RECIST_ENDPOINTS_SCRIPT: string | undefined;

interface CommandModule {
  run(args: readonly string[]): Promise<number>;
}

interface Command {
  readonly summary: string;
  readonly load: () => Promise<CommandModule>;
}

/**
 * Written out (not found by listing a folder) so the bundler sees every command, and imported only
 * when chosen: start-up then costs only the chosen command's modules (no zod for `index`).
 */
const commands: Readonly<Record<string, Command>> = {
  audit: {
    summary: 'verify an exported audit trail or read export: audit verify <export.json>',
    load: () =>
      typeof RECIST_AUDIT_SCRIPT === 'string'
        ? Promise.resolve(
            createRequire(import.meta.url)(
              fileURLToPath(new URL(RECIST_AUDIT_SCRIPT, import.meta.url)),
            ) as CommandModule,
          )
        : import('./commands/audit'),
  },
  endpoints: {
    summary: 'cohort ORR, DCR (exact CIs), Kaplan-Meier PFS and DOR of a folder of subject reads',
    load: () =>
      typeof RECIST_ENDPOINTS_SCRIPT === 'string'
        ? Promise.resolve(
            createRequire(import.meta.url)(
              fileURLToPath(new URL(RECIST_ENDPOINTS_SCRIPT, import.meta.url)),
            ) as CommandModule,
          )
        : import('./commands/endpoints'),
  },
  evaluate: {
    summary: 'RECIST 1.1 / iRECIST responses of subject reads (file, folder or - for stdin)',
    load: () =>
      typeof RECIST_EVALUATE_CODE_CACHE === 'string'
        ? Promise.resolve(
            loadCachedScript<CommandModule>(
              fileURLToPath(new URL('evaluate.cjs', import.meta.url)),
              fileURLToPath(new URL(RECIST_EVALUATE_CODE_CACHE, import.meta.url)),
            ),
          )
        : import('./commands/evaluate'),
  },
  km: {
    summary: 'Kaplan-Meier estimate of a CSV subject,time_days,event (as R survival computes it)',
    load: () => import('./commands/km'),
  },
  index: {
    summary: 'index DICOM files and folders: studies, series, geometry warnings, rejected files',
    load: () => import('./commands/index'),
  },
  version: { summary: 'print the version', load: () => import('./commands/version') },
};

function usage(): string {
  const lines = Object.entries(commands)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, command]) => `  ${name.padEnd(10)} ${command.summary}`);
  return ['usage: recist-ws <command> [arguments]', '', 'commands:', ...lines].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(`unknown command "${name}"\n\n${usage()}\n`);
    return 2;
  }
  return (await command.load()).run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
