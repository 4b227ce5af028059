/**
 * `recist-ws` / `npm run cli -- <command> ...`: the command line over src/core.
 * Each command lives in src/cli/commands/<name>.ts and exports `run(args): Promise<number>` (the exit code).
 * Exit codes: 0 success, 1 the work ran but failed, 2 bad arguments or bad input.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface CommandModule {
  run(args: readonly string[]): Promise<number>;
  summary: string;
}

const commandsDir = join(dirname(fileURLToPath(import.meta.url)), 'commands');

async function loadCommand(name: string): Promise<CommandModule | null> {
  if (!/^[a-z][a-z-]*$/.test(name)) return null;
  const file = join(commandsDir, `${name}.ts`);
  if (!existsSync(file)) return null;
  return (await import(file)) as CommandModule;
}

async function usage(): Promise<string> {
  const { readdirSync } = await import('node:fs');
  const names = readdirSync(commandsDir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
  const lines = await Promise.all(
    names.map(async (n) => `  ${n.padEnd(10)} ${(await loadCommand(n))?.summary ?? ''}`),
  );
  return ['usage: npm run cli -- <command> [arguments]', '', 'commands:', ...lines].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(`${await usage()}\n`);
    return name ? 0 : 2;
  }
  const command = await loadCommand(name);
  if (!command) {
    process.stderr.write(`unknown command "${name}"\n\n${await usage()}\n`);
    return 2;
  }
  return command.run(args);
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
