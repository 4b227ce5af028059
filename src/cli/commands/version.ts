// A JSON import, not a read relative to this file: bundled, this module no longer sits in src/cli.
import { version } from '../../../package.json';

export function run(): Promise<number> {
  process.stdout.write(`recist-ws ${version}\n`);
  return Promise.resolve(0);
}
