import { spawnSync } from 'node:child_process';

/** Runs the CLI from source as a user would (`npm run cli -- ...`), capturing exit code and both streams. */
export function runCli(args: readonly string[], input?: string) {
  // node with tsx's loader, not npx: npx costs a second or more per call on a loaded 2-core machine.
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
    encoding: 'utf8',
    input,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
