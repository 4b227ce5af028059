/**
 * `npm run bench [-- name...]`: runs every bench/<name>.bench.ts (or the named ones) in turn.
 * Each bench module exports `run(): Promise<void>` and prints its own figures against its targets.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const all = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length > 0) {
  process.stderr.write(`unknown bench: ${unknown.join(', ')} (have: ${all.join(', ')})\n`);
  process.exit(2);
}
for (const name of wanted.length > 0 ? wanted : all) {
  process.stdout.write(`\n=== ${name} ===\n`);
  const bench = (await import(join(benchDir, `${name}.bench.ts`))) as { run(): Promise<void> };
  await bench.run();
}
