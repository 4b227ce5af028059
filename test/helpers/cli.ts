import { spawnSync } from 'node:child_process';

/** Runs the CLI from source as a user would (`npm run cli -- ...`), capturing exit code and both streams. */
export function runCli(args: readonly string[], input?: string) {
  const result = spawnSync('npx', ['tsx', 'src/cli/index.ts', ...args], {
    encoding: 'utf8',
    input,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
