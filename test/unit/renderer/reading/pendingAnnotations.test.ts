import { describe, expect, it } from 'vitest';
import type { Lesion } from '../../../../src/core/reading/model';
import { PENDING_ANNOTATION_ID, pendingAnnotations } from '../../../../src/renderer/reading/annotations';
import { image } from '../../core/reading/fixtures';

const lesion = (label: string, deleted = false) =>
  ({ id: label, label, kind: label.startsWith('NT') ? 'non-target' : 'target', deleted }) as Lesion;

describe('pendingAnnotations: the drawing waiting for its location', () => {
  const drawn = {
    tool: 'Bidirectional' as const,
    image,
    longAxis: [
      [0, 0, 0],
      [10, 0, 0],
    ] as [[number, number, number], [number, number, number]],
    shortAxis: null,
  };

  it('is nothing when no drawing waits', () => {
    expect(pendingAnnotations(null, [])).toEqual([]);
  });

  it('shows the drawing locked, under the label the lesion will get, tied to no lesion yet', () => {
    const [shown] = pendingAnnotations({ kind: 'target', drawn }, [
      lesion('T1'),
      lesion('T2', true),
      lesion('NT1'),
    ]);
    expect(shown).toMatchObject({
      label: 'T2',
      lesionId: '',
      kind: 'target',
      tool: 'Bidirectional',
      locked: true,
      longAxis: drawn.longAxis,
    });
    expect(shown!.id.startsWith(PENDING_ANNOTATION_ID)).toBe(true);
    expect(pendingAnnotations({ kind: 'non-target', drawn }, [lesion('NT1')])[0]!.label).toBe('NT2');
  });
});
