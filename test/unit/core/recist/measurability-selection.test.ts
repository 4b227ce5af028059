import { describe, expect, it } from 'vitest';
import type { Lesion, Measurement } from '../../../../src/core/model';
import { checkLesionSelection, checkRead, organGroup } from '../../../../src/core/recist';
import { makeRead } from './builders';

const target = (id: string, organ: string, nodal = false): Lesion => ({ id, kind: 'target', organ, nodal });
const nonTarget = (id: string, organ: string): Lesion => ({ id, kind: 'non-target', organ, nodal: false });
const mm = (n: number): Measurement => ({ mm: n });

function codes(lesions: Lesion[], baseline: Record<string, Measurement>, slice?: number) {
  return checkLesionSelection(lesions, baseline, slice).map((v) => [v.code, v.lesionIds]);
}

describe('measurability at baseline', () => {
  it.each<[string, Lesion, Measurement, number | undefined, [string, string[]][]]>([
    ['non-nodal 10.0 mm is measurable', target('T1', 'liver'), mm(10), undefined, []],
    [
      'non-nodal 9.9 mm is not',
      target('T1', 'liver'),
      mm(9.9),
      undefined,
      [['TARGET_NOT_MEASURABLE', ['T1']]],
    ],
    ['5 mm slices: 10 mm is enough', target('T1', 'liver'), mm(10), 5, []],
    ['6 mm slices: needs 12 mm, 12.0 is enough', target('T1', 'liver'), mm(12), 6, []],
    ['6 mm slices: 11.9 mm is not', target('T1', 'liver'), mm(11.9), 6, [['TARGET_NOT_MEASURABLE', ['T1']]]],
    [
      'too small at baseline is not measurable',
      target('T1', 'liver'),
      { status: 'too-small' },
      undefined,
      [['TARGET_NOT_MEASURABLE', ['T1']]],
    ],
    [
      'absent at baseline is not measurable',
      target('T1', 'liver'),
      { status: 'absent' },
      undefined,
      [['TARGET_NOT_MEASURABLE', ['T1']]],
    ],
    ['node 15.0 mm short axis is a target', target('L1', 'neck', true), mm(15), undefined, []],
    [
      'node 14.9 mm is too small',
      target('L1', 'neck', true),
      mm(14.9),
      undefined,
      [['NODAL_TARGET_TOO_SMALL', ['L1']]],
    ],
    [
      'node 12 mm (pathological, non-target only)',
      target('L1', 'neck', true),
      mm(12),
      undefined,
      [['NODAL_TARGET_TOO_SMALL', ['L1']]],
    ],
    ['a node is not held to 2 x slice thickness', target('L1', 'neck', true), mm(15), 8, []],
    [
      'not evaluated at baseline',
      target('T1', 'liver'),
      { status: 'not-evaluated' },
      undefined,
      [['MISSING_BASELINE_MEASUREMENT', ['T1']]],
    ],
  ])('%s', (_name, lesion, measurement, slice, expected) => {
    expect(codes([lesion], { [lesion.id]: measurement }, slice)).toEqual(expected);
  });

  it('a target with no baseline entry is missing its measurement', () => {
    expect(codes([target('T1', 'liver')], {})).toEqual([['MISSING_BASELINE_MEASUREMENT', ['T1']]]);
  });

  it('non-targets are not held to size rules', () => {
    expect(codes([nonTarget('NT1', 'bone')], {})).toEqual([]);
  });

  it('explains the rule it applies', () => {
    const [v] = checkLesionSelection([target('T1', 'liver')], { T1: mm(11) }, 6);
    expect(v?.message).toBe(
      'target T1 measures 11.0 mm at baseline: a measurable lesion needs a longest diameter >= 12.0 mm (2 x slice thickness 6.0 mm)',
    );
  });
});

describe('selection limits: at most 5 targets, at most 2 per organ', () => {
  const many = (n: number, organ: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => target(`T${i + 1}`, organ(i)));
  const sized = (lesions: Lesion[]) => Object.fromEntries(lesions.map((l) => [l.id, mm(20)]));

  it.each<[string, Lesion[], [string, string[]][]]>([
    ['5 targets in 5 organs: fine', many(5, (i) => `organ${i}`), []],
    ['6 targets: the 6th is over the limit', many(6, (i) => `organ${i}`), [['TOO_MANY_TARGETS', ['T6']]]],
    ['2 in the liver: fine', many(2, () => 'liver'), []],
    ['3 in the liver: the 3rd is over', many(3, () => 'liver'), [['TOO_MANY_TARGETS_IN_ORGAN', ['T3']]]],
    [
      'left and right lung are one organ',
      [target('T1', 'left lung'), target('T2', 'Right lung'), target('T3', 'lungs')],
      [['TOO_MANY_TARGETS_IN_ORGAN', ['T3']]],
    ],
    [
      'both kidneys are one organ',
      [target('T1', 'left kidney'), target('T2', 'right kidney'), target('T3', 'kidney')],
      [['TOO_MANY_TARGETS_IN_ORGAN', ['T3']]],
    ],
    [
      'all lymph nodes count as one organ, whatever their region',
      [target('L1', 'neck', true), target('L2', 'axilla', true), target('L3', 'mediastinum', true)],
      [['TOO_MANY_TARGETS_IN_ORGAN', ['L3']]],
    ],
    [
      '7 targets, 4 in the liver: both limits',
      [...many(4, () => 'liver'), target('T5', 'lung'), target('T6', 'bone'), target('T7', 'spleen')],
      [
        ['TOO_MANY_TARGETS', ['T6', 'T7']],
        ['TOO_MANY_TARGETS_IN_ORGAN', ['T3', 'T4']],
      ],
    ],
    [
      'non-targets do not count against the limits',
      [...many(5, (i) => `organ${i}`), nonTarget('NT1', 'organ0'), nonTarget('NT2', 'organ0')],
      [],
    ],
  ])('%s', (_name, lesions, expected) => {
    expect(codes(lesions, sized(lesions))).toEqual(expected);
  });

  it('groups organs as the committee does', () => {
    expect(organGroup('Left Lung', false)).toBe('lung');
    expect(organGroup('adrenal glands', false)).toBe('adrenal');
    expect(organGroup('Liver', false)).toBe('liver');
    expect(organGroup('liver', true)).toBe('lymph node');
  });
});

describe('record checks over the whole read', () => {
  it('flags dates out of order, unknown ids, wrong kinds, bad merges and new lesions at baseline', () => {
    const read = makeRead({
      targets: ['T1:liver'],
      nonTargets: ['NT1:bone'],
      timepoints: [
        { day: -3, m: { T1: 20 }, nt: { NT1: 'present' }, nl: [{ id: 'N0' }] },
        {
          id: 'W12',
          day: 84,
          m: { T1: 20, T9: 4, NT1: 3 },
          nt: { NT1: 'present', T1: 'present', NT9: 'absent' },
        },
        { id: 'W6', day: 42, m: { T1: { merged: 'T7' } }, nt: { NT1: 'present' } },
      ],
    });
    expect(checkRead(read).map((v) => [v.code, v.lesionIds, v.timepointId])).toEqual([
      ['NEW_LESION_AT_BASELINE', ['N0'], 'BL'],
      ['UNKNOWN_LESION', ['T9'], 'W12'],
      ['WRONG_LESION_KIND', ['NT1'], 'W12'],
      ['WRONG_LESION_KIND', ['T1'], 'W12'],
      ['UNKNOWN_LESION', ['NT9'], 'W12'],
      ['DATES_OUT_OF_ORDER', [], 'W6'],
      ['UNKNOWN_LESION', ['T7'], 'W6'],
    ]);
  });

  it('flags a non-target not assessed at baseline', () => {
    const read = makeRead({ nonTargets: ['NT1'], timepoints: [{ day: 0 }] });
    expect(checkRead(read).map((v) => v.code)).toEqual(['MISSING_BASELINE_MEASUREMENT']);
  });

  it('does not flag a target that shrinks below the size rules at follow-up', () => {
    const read = makeRead({
      targets: ['T1:liver', 'L1:node'],
      timepoints: [
        { day: 0, m: { T1: 20, L1: 16 } },
        { day: 42, m: { T1: 4, L1: 8 } },
      ],
    });
    expect(checkRead(read)).toEqual([]);
  });
});
