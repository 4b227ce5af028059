import { describe, expect, it } from 'vitest';
import { readingActionForKey, stepThrough } from '../../../../src/renderer/reading/readingShortcuts';
import { actionForKey } from '../../../../src/renderer/viewer/keyboard';

describe('readingActionForKey', () => {
  it.each([
    ['t', { kind: 'add-lesion', tool: 'Bidirectional', lesionKind: 'target' }],
    ['T', { kind: 'add-lesion', tool: 'Length', lesionKind: 'target' }],
    ['n', { kind: 'add-lesion', tool: 'ArrowAnnotate', lesionKind: 'non-target' }],
    ['l', { kind: 'add-lesion', tool: 'ArrowAnnotate', lesionKind: 'new' }],
    ['L', { kind: 'add-lesion', tool: 'Bidirectional', lesionKind: 'new' }],
    [']', { kind: 'lesion', step: 1 }],
    ['[', { kind: 'lesion', step: -1 }],
    ['.', { kind: 'visit', step: 1 }],
    [',', { kind: 'visit', step: -1 }],
  ] as const)('%s', (key, action) => {
    expect(readingActionForKey({ key })).toEqual(action);
  });

  it('signs only with Ctrl or Cmd + Enter', () => {
    expect(readingActionForKey({ key: 'Enter', ctrlKey: true })).toEqual({ kind: 'sign' });
    expect(readingActionForKey({ key: 'Enter', metaKey: true })).toEqual({ kind: 'sign' });
    expect(readingActionForKey({ key: 'Enter' })).toBeNull();
    expect(readingActionForKey({ key: 't', ctrlKey: true })).toBeNull();
  });

  it('uses no key the viewer uses', () => {
    for (const key of ['t', 'T', 'n', 'N', 'l', 'L', '[', ']', ',', '.'])
      expect(actionForKey({ key }), key).toBeNull();
  });
});

describe('stepThrough', () => {
  const order = ['T1', 'T2', 'NT1'];
  it('steps forward and back, wrapping around', () => {
    expect(stepThrough(order, 'T1', 1)).toBe('T2');
    expect(stepThrough(order, 'NT1', 1)).toBe('T1');
    expect(stepThrough(order, 'T1', -1)).toBe('NT1');
  });
  it('starts at the first (or last) without a selection, and has nothing to step through when empty', () => {
    expect(stepThrough(order, null, 1)).toBe('T1');
    expect(stepThrough(order, 'gone', -1)).toBe('NT1');
    expect(stepThrough([], null, 1)).toBeNull();
  });
});
