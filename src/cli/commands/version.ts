import { readFileSync } from 'node:fs';

export const summary = 'print the version';

export function run(): Promise<number> {
  const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  process.stdout.write(`recist-ws ${manifest.version}\n`);
  return Promise.resolve(0);
}
