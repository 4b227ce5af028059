import { describe, expect, it } from 'vitest';
import { actionForKey, PAGE_SLICES } from '../../../../src/renderer/viewer/keyboard';

describe('actionForKey', () => {
  it.each([
    ['ArrowDown', { kind: 'scroll', delta: 1 }],
    ['ArrowRight', { kind: 'scroll', delta: 1 }],
    ['ArrowUp', { kind: 'scroll', delta: -1 }],
    ['ArrowLeft', { kind: 'scroll', delta: -1 }],
    ['PageDown', { kind: 'scroll', delta: PAGE_SLICES }],
    ['PageUp', { kind: 'scroll', delta: -PAGE_SLICES }],
    ['Home', { kind: 'first' }],
    ['End', { kind: 'last' }],
    ['2', { kind: 'preset', key: '2' }],
    ['0', { kind: 'file-window' }],
    ['a', { kind: 'auto-window' }],
    ['i', { kind: 'invert' }],
    ['I', { kind: 'invert' }],
    ['f', { kind: 'fit' }],
    ['r', { kind: 'reset' }],
    ['w', { kind: 'tool', tool: 'WindowLevel' }],
    ['P', { kind: 'tool', tool: 'Pan' }],
    ['z', { kind: 'tool', tool: 'Zoom' }],
  ] as const)('%s', (key, action) => {
    expect(actionForKey({ key })).toEqual(action);
  });

  it('zooms in and out by reciprocal steps', () => {
    const zoomIn = actionForKey({ key: '+' });
    const zoomOut = actionForKey({ key: '-' });
    expect(zoomIn?.kind).toBe('zoom');
    expect(zoomOut?.kind).toBe('zoom');
    if (zoomIn?.kind === 'zoom' && zoomOut?.kind === 'zoom') {
      expect(zoomIn.factor * zoomOut.factor).toBeCloseTo(1);
      expect(zoomIn.factor).toBeGreaterThan(1);
    }
  });

  it('leaves shortcuts with modifiers and unknown keys to the browser', () => {
    expect(actionForKey({ key: 'r', ctrlKey: true })).toBeNull();
    expect(actionForKey({ key: '1', metaKey: true })).toBeNull();
    expect(actionForKey({ key: 'ArrowDown', altKey: true })).toBeNull();
    expect(actionForKey({ key: 'x' })).toBeNull();
    expect(actionForKey({ key: 'Tab' })).toBeNull();
  });
});
