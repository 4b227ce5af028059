import { spawnSync } from 'node:child_process';

/** Runs the CLI from source as a user would (`npm run cli -- ...`), capturing exit code and both streams. */
export function runCli(args: readonly string[], input?: string) {
  // node with tsx's loader, not npx: npx costs a second or more per call on a loaded 2-core machine.
  return runNode(['--import', 'tsx', 'src/cli/index.ts', ...args], input);
}

/** Runs a built CLI bundle (its index.js) the way `npm run cli` and the `recist-ws` bin do. */
export function runBuiltCli(bundle: string, args: readonly string[], input?: string) {
  return runNode([bundle, ...args], input);
}

function runNode(args: readonly string[], input?: string) {
  const result = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    input,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
