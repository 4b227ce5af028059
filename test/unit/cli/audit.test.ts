import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { keyFingerprint, sealEvents, type SignedHead } from '../../../src/core/audit/chain';
import { buildAuditExport, type AuditExport } from '../../../src/core/audit/export';
import { run } from '../../../src/cli/commands/audit';
import { runCli } from '../../helpers/cli';
import { makeReadExport, type ReadExportFile } from '../core/audit/exports';
import { draft, HEAD_AT, makeKey, makeTrail, type TestEvent, type TestKey } from '../core/audit/trail';

/**
 * Real exports: events sealed with core's sealEvents, heads signed with a WebCrypto P-256 key, written
 * to files and checked by the command as a person would run it (in this process for the many tamper
 * cases, through the real command line for the exit codes).
 */
const folder = mkdtempSync(join(tmpdir(), 'recist-audit-cli-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let key: TestKey;
let events: TestEvent[];
let head: SignedHead;
let full: AuditExport;
let read: ReadExportFile;
let fingerprint: string;

beforeAll(async () => {
  ({ key, events, head } = await makeTrail(8));
  full = buildAuditExport({ events, signedHead: head, exportedAt: '2026-03-02T08:00:00.000Z' });
  read = (await makeReadExport(key)).file;
  fingerprint = keyFingerprint(key.publicKey);
});

let files = 0;
function write(content: unknown): string {
  const path = join(folder, `export-${(files += 1)}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

async function verify(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const out = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const code = await run(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const withEvents = (changed: readonly object[]) => ({ ...full, events: changed });

describe('audit verify', () => {
  it('an intact full export: exit 0, one line with the events, the head and the key fingerprint', async () => {
    const result = await verify('verify', write(full));
    expect(result).toEqual({
      code: 0,
      stdout: `Audit trail intact: 8 events signed up to event 8 by installation key ${fingerprint}.\n`,
      stderr: '',
    });
  });

  it('--key: the installation key must be the expected one', async () => {
    const file = write(full);
    expect((await verify('verify', '--key', fingerprint, file)).code).toBe(0);
    const other = fingerprint.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect(await verify('verify', '--key', other, file)).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(
        new RegExp(`NOT INTACT: signed by installation key ${fingerprint}, not ${other}\\.\\n$`),
      ),
    });
    expect((await verify('verify', '--key', 'nope', file)).code).toBe(2);
  });

  it('an intact extract says that it cannot show a deleted event', async () => {
    const selected = events.filter((e) => e.seq % 2 === 0);
    const extract = buildAuditExport({
      events: selected,
      signedHead: head,
      exportedAt: '2026-03-02T08:00:00.000Z',
      filter: { readId: 'read-1', entity: 'assessment' },
    });
    const result = await verify('verify', write(extract));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `Audit trail extract intact: 4 events selected from a trail signed up to event 8 by installation key ${fingerprint}. As an extract, it cannot show whether other events were deleted.\n`,
    );
    // And indeed: one more event left out still verifies.
    const fewer = { ...extract, events: extract.events.filter((e) => e.seq !== 4) };
    expect((await verify('verify', write(fewer))).code).toBe(0);
  });

  it('an intact read export: its reader named, its signatures counted, and it is an extract', async () => {
    const result = await verify('verify', write(read));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(
        `^Read export intact \\(read by Dr One, BICR reader 1\\): 2 signatures, 6 events selected from a trail signed up to event 9 by installation key ${fingerprint}\\. As an extract, it cannot show whether other events were deleted\\.\\n$`,
      ),
    );
  });

  const tampered: [string, () => object, RegExp][] = [
    [
      "an event's `after` edited",
      () => withEvents(events.map((e) => (e.seq === 5 ? { ...e, after: { mm: 3, note: 'change 5' } } : e))),
      /: NOT INTACT: event 5 was changed after it was written\.\n$/,
    ],
    [
      'a middle event deleted',
      () => withEvents(events.filter((e) => e.seq !== 4)),
      /: NOT INTACT: event 4 is missing \(deleted\)\.\n$/,
    ],
    [
      'the last event deleted',
      () => withEvents(events.slice(0, -1)),
      /: NOT INTACT: event 8 is missing \(the signed head is event 8\)\.\n$/,
    ],
    [
      'a copy of an event inserted',
      () => withEvents([...events.slice(0, 3), events[2]!, ...events.slice(3)]),
      /: NOT INTACT: event 3 appears twice \(inserted\)\.\n$/,
    ],
    [
      'a new event inserted in the middle',
      () =>
        withEvents([
          ...events.slice(0, 5),
          sealEvents(events[4]!, [draft(90)]).events[0]!,
          ...events.slice(6),
        ]),
      /: NOT INTACT: event 7 does not follow event 6 \(inserted or reordered\)\.\n$/,
    ],
    [
      'two events swapped in the list',
      () => withEvents([...events.slice(0, 2), events[3]!, events[2]!, ...events.slice(4)]),
      /: NOT INTACT: event 3 is listed after event 4 \(moved\)\.\n$/,
    ],
    [
      'two events swapped in the history (their numbers exchanged)',
      () =>
        withEvents(
          events
            .map((e) => (e.seq === 3 ? { ...e, seq: 6 } : e.seq === 6 ? { ...e, seq: 3 } : e))
            .sort((a, b) => a.seq - b.seq),
        ),
      /: NOT INTACT: event 3 does not follow event 2 \(inserted or reordered\)\.\n$/,
    ],
    [
      'the head forged to hide the deleted last event',
      () => ({ ...withEvents(events.slice(0, -1)), signedHead: { ...head, seq: 7, hash: events[6]!.hash } }),
      /: NOT INTACT: the signature of the trail head is not valid\.\n$/,
    ],
    [
      'the head re-signed with another key',
      () => ({ ...full, signedHead: { ...head, publicKey: `04${'1'.repeat(128)}` } }),
      /: NOT INTACT: the head is signed with another key \(/,
    ],
    [
      'an event appended after the signed head',
      () => withEvents([...events, ...sealEvents(events[7]!, [draft(91)]).events]),
      /: NOT INTACT: event 9 comes after the signed head \(event 8\)\.\n$/,
    ],
  ];

  it.each(tampered)('%s: exit 1, naming the event', async (_name, change, message) => {
    const result = await verify('verify', write(change()));
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^export-\d+\.json: NOT INTACT: /);
    expect(result.stdout).toMatch(message);
    expect(result.code).toBe(1);
  });

  it('a read export with an event edited or a signature from another installation: exit 1', async () => {
    const edited = {
      ...read,
      audit: {
        ...read.audit,
        events: read.audit.events.map((e, i) => (i === 2 ? { ...e, reason: 'oops' } : e)),
      },
    };
    const editedResult = await verify('verify', write(edited));
    expect(editedResult.code).toBe(1);
    expect(editedResult.stdout).toMatch(
      new RegExp(`NOT INTACT: event ${read.audit.events[2]!.seq} was changed after it was written`),
    );
    const other = await makeKey();
    const foreign = {
      ...read,
      signatures: [
        read.signatures[0],
        { ...read.signatures[1], signedHead: await other.sign(head, HEAD_AT) },
      ],
    };
    const foreignResult = await verify('verify', write(foreign));
    expect(foreignResult.code).toBe(1);
    expect(foreignResult.stdout).toMatch(/NOT INTACT: signature 2 \(event 8\) was made with another key/);
  });

  it('unreadable input: exit 2 with the file and the field on stderr', async () => {
    const cases: [string, RegExp][] = [
      [join(folder, 'missing.json'), /missing\.json: no such file\n$/],
      [folder, /is a folder, not an export file\n$/],
      [write('{"format": "recist-audit-trail", '), /^export-\d+\.json: not valid JSON: /],
      [
        write('[1, 2]'),
        /^export-\d+\.json: not an audit export: format: must be "recist-audit-trail" or "recist-read-export"\n$/,
      ],
      [
        write({ ...full, signedHead: { ...head, signature: 'abc' } }),
        /not an audit export: signedHead\.signature: must be an ECDSA P-256 signature/,
      ],
      [
        write({ ...full, events: [{ ...events[0], prevHash: undefined }] }),
        /not an audit export: events\[0\]\.prevHash: /,
      ],
      [
        write({ ...read, audit: { ...read.audit, keyFingerprint: 12 } }),
        /not an audit export: audit\.keyFingerprint: /,
      ],
    ];
    for (const [path, message] of cases) {
      const result = await verify('verify', path);
      expect(result.stdout, path).toBe('');
      expect(result.stderr, path).toMatch(message);
      expect(result.code, path).toBe(2);
    }
  });

  it('bad arguments: exit 2 with the usage', async () => {
    for (const args of [
      [],
      ['check', 'x.json'],
      ['verify'],
      ['verify', 'a.json', 'b.json'],
      ['verify', '--json'],
    ]) {
      const result = await verify(...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(
        /usage: recist-ws audit verify \[--key <fingerprint>\] <export\.json \| ->/,
      );
    }
    expect(await verify('--help')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^usage: /) });
  });
});

describe('audit verify from the command line', () => {
  it('exit 0 intact, 1 altered, 2 unreadable; stdin too', () => {
    const good = runCli(['audit', 'verify', write(full)]);
    expect(good).toEqual({
      code: 0,
      stdout: `Audit trail intact: 8 events signed up to event 8 by installation key ${fingerprint}.\n`,
      stderr: '',
    });
    const deleted = runCli(
      ['audit', 'verify', '-'],
      JSON.stringify(withEvents(events.filter((e) => e.seq !== 2))),
    );
    expect(deleted).toEqual({
      code: 1,
      stdout: 'stdin: NOT INTACT: event 2 is missing (deleted).\n',
      stderr: '',
    });
    const garbage = runCli(['audit', 'verify', write('not json at all')]);
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).toMatch(/not valid JSON/);
  });
});
