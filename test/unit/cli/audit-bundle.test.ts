import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAuditExport } from '../../../src/core/audit/export';
import { runBuiltCli, runCli } from '../../helpers/cli';
import { makeTrail } from '../core/audit/trail';

/** `audit` in the built command line (what `npm run cli` and the `recist-ws` bin run), as bundle.test.ts does for the others. */
let outdir: string;
let bundle: string;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'recist-cli-audit-bundle-'));
  execFileSync(process.execPath, ['build/build-cli.mjs', outdir], { stdio: 'pipe' });
  bundle = join(outdir, 'index.js');
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('built CLI: audit', () => {
  it('verifies an export as the sources do: intact, altered, unreadable', async () => {
    const { events, head } = await makeTrail(5);
    const good = join(outdir, 'good.json');
    const bad = join(outdir, 'bad.json');
    const file = buildAuditExport({ events, signedHead: head, exportedAt: '2026-03-02T08:00:00.000Z' });
    writeFileSync(good, JSON.stringify(file));
    writeFileSync(bad, JSON.stringify({ ...file, events: events.filter((e) => e.seq !== 3) }));

    const intact = runBuiltCli(bundle, ['audit', 'verify', good]);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(
      /^Audit trail intact: 5 events signed up to event 5 by installation key [0-9a-f]{16}\.\n$/,
    );
    expect(intact).toEqual(runCli(['audit', 'verify', good]));

    const altered = runBuiltCli(bundle, ['audit', 'verify', bad]);
    expect(altered).toEqual({
      code: 1,
      stdout: 'bad.json: NOT INTACT: event 3 is missing (deleted).\n',
      stderr: '',
    });

    const unreadable = runBuiltCli(bundle, ['audit', 'verify', '-'], '{"format": "recist-audit-trail"}');
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toMatch(/^stdin: not an audit export: version: /);
  });

  it('is a script of its own, so zod stays out of the chunks the other commands load', () => {
    expect(existsSync(join(outdir, 'audit.cjs'))).toBe(true);
    for (const name of readdirSync(outdir).filter((n) => n.endsWith('.js')))
      expect(readFileSync(join(outdir, name), 'utf8'), name).not.toMatch(/jitless|_zod/);
  });
});
