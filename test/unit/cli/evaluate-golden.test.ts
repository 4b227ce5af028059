import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli';

/**
 * Golden subjects: whole reads in test/fixtures/recist/reads, their expected results (worked out by hand
 * from the rule book, see test/fixtures/recist/README.md) in .../expected. Run through the CLI as a
 * sponsor's statistician would. Each expected file lists the fields it pins; those must match exactly.
 */
const root = join(process.cwd(), 'test/fixtures/recist');
const names = readdirSync(join(root, 'reads'))
  .filter((f) => f.endsWith('.json'))
  .sort();

/** The part of `actual` that `expected` describes (same keys, arrays element by element). */
function project(actual: unknown, expected: unknown): unknown {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length
      ? actual.map((a, i) => project(a, expected[i]))
      : actual;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return actual;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(expected)) {
      out[key] = project(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
      );
    }
    return out;
  }
  return actual;
}

let outputs: unknown[];
beforeAll(() => {
  const result = runCli(['evaluate', join(root, 'reads')]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  outputs = result.stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
});

describe('golden subjects through `evaluate <folder>`', () => {
  it('prints one line per read, in file-name order', () => {
    expect(names.length).toBeGreaterThanOrEqual(10);
    expect(outputs).toHaveLength(names.length);
  });

  it.each(names)('%s', (name) => {
    const expected = JSON.parse(readFileSync(join(root, 'expected', name), 'utf8')) as unknown;
    const actual = outputs[names.indexOf(name)];
    expect(project(actual, expected)).toEqual(expected);
    for (const row of (actual as { timepoints: { explanation: string }[] }).timepoints) {
      expect(row.explanation.length).toBeGreaterThan(10);
    }
  });
});
