import { describe, expect, it } from 'vitest';
import {
  afterRedo,
  afterUndo,
  emptyHistory,
  inverseCommand,
  nextRedo,
  nextUndo,
  pushCommand,
  type Command,
} from '../../../../src/core/reading/undo';
import { canonicalJson } from '../../../../src/core/reading/audit';
import { uidFromUuid } from '../../../../src/core/reading/ids';

const command = (label: string): Command => ({
  label,
  changes: [
    { table: 'lesions', key: `${label}-a`, before: null, after: { v: 1 } },
    { table: 'assessments', key: [label, 'tp'], before: { v: 1 }, after: { v: 2 } },
  ],
});

describe('undo history', () => {
  it('merges a command that completes the last step into it (a key image after its measurement)', () => {
    const keyImage: Command = {
      label: 'save key image',
      changes: [{ table: 'keyImages', key: 'k1', before: null, after: { png: 1 } }],
      completes: { table: 'assessments', key: ['a', 'tp'] },
    };
    let h = pushCommand(afterUndo(pushCommand(emptyHistory(), command('z'))), command('a'));
    h = pushCommand(h, keyImage);
    expect(h.undo).toHaveLength(1);
    expect(nextUndo(h)?.label).toBe('a');
    expect(nextUndo(h)?.changes.map((c) => c.table)).toEqual(['lesions', 'assessments', 'keyImages']);
    expect(nextRedo(h)).toBeNull();
    // Undone as one: the key image goes first, the lesion last.
    expect(inverseCommand(nextUndo(h)!).changes.map((c) => c.table)).toEqual([
      'keyImages',
      'assessments',
      'lesions',
    ]);
  });

  it('keeps a completing command as its own step when the last step did not touch its record', () => {
    const keyImage: Command = {
      label: 'save key image',
      changes: [{ table: 'keyImages', key: 'k1', before: null, after: { png: 1 } }],
      completes: { table: 'assessments', key: ['b', 'tp'] },
    };
    const h = pushCommand(pushCommand(emptyHistory(), command('a')), keyImage);
    expect(h.undo.map((c) => c.label)).toEqual(['a', 'save key image']);
    expect(nextUndo(h)).not.toHaveProperty('completes');
    expect(pushCommand(emptyHistory(), keyImage).undo).toHaveLength(1);
  });

  it('undoes the latest edit first and redoes it', () => {
    let h = pushCommand(pushCommand(emptyHistory(), command('a')), command('b'));
    expect(nextUndo(h)?.label).toBe('b');
    h = afterUndo(h);
    expect(nextUndo(h)?.label).toBe('a');
    expect(nextRedo(h)?.label).toBe('b');
    h = afterRedo(h);
    expect(nextUndo(h)?.label).toBe('b');
    expect(nextRedo(h)).toBeNull();
  });

  it('drops the redo stack on a new edit, ignores empty commands, keeps at most `limit`', () => {
    let h = afterUndo(pushCommand(emptyHistory(2), command('a')));
    h = pushCommand(h, command('b'));
    expect(nextRedo(h)).toBeNull();
    expect(pushCommand(h, null)).toBe(h);
    expect(pushCommand(h, { label: 'x', changes: [] })).toBe(h);
    h = pushCommand(pushCommand(h, command('c')), command('d'));
    expect(h.undo.map((c) => c.label)).toEqual(['c', 'd']);
    expect(afterUndo(emptyHistory())).toEqual(emptyHistory());
  });

  it('inverts a command: reversed order, before and after swapped', () => {
    const inverse = inverseCommand(command('a'));
    expect(inverse.label).toBe('undo a');
    expect(inverse.changes.map((c) => [c.key, c.before, c.after])).toEqual([
      [['a', 'tp'], { v: 2 }, { v: 1 }],
      ['a-a', { v: 1 }, null],
    ]);
  });
});

describe('audit serialisation and UIDs', () => {
  it('serialises canonically whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: [true, null, { d: 'x', c: 2 }], u: undefined })).toBe(
      '{"a":[true,null,{"c":2,"d":"x"}],"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/non-finite/);
  });

  it('derives a 2.25 UID from a UUID (PS3.5 B.2)', () => {
    expect(uidFromUuid('00000000-0000-0000-0000-000000000001')).toBe('2.25.1');
    // the example of PS3.5 B.2
    expect(uidFromUuid('f81d4fae-7dec-11d0-a765-00a0c91e6bf6')).toBe(
      '2.25.329800735698586629295641978511506172918',
    );
    expect(() => uidFromUuid('not-a-uuid')).toThrow(/not a UUID/);
  });
});
