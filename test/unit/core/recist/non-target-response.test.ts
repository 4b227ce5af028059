import { describe, expect, it } from 'vitest';
import type { NonTargetStatus } from '../../../../src/core/model';
import { nonTargetResponse } from '../../../../src/core/recist';
import { evaluate } from './builders';

const ids = ['NT1', 'NT2'];

describe('non-target response', () => {
  it.each<[string, Record<string, NonTargetStatus>, string | null, string]>([
    ['all gone: CR', { NT1: 'absent', NT2: 'absent' }, null, 'CR'],
    ['one persists: non-CR/non-PD', { NT1: 'absent', NT2: 'present' }, null, 'NON_CR_NON_PD'],
    ['unequivocal progression of one: PD', { NT1: 'unequivocal-progression', NT2: 'present' }, null, 'PD'],
    [
      'unequivocal progression even when another is not evaluated: PD',
      { NT1: 'unequivocal-progression', NT2: 'not-evaluated' },
      null,
      'PD',
    ],
    ['one not evaluated: NE', { NT1: 'present', NT2: 'not-evaluated' }, null, 'NE'],
    ['one without an entry: NE', { NT1: 'absent' }, null, 'NE'],
    ['after an overall CR, a non-target seen again is PD', { NT1: 'absent', NT2: 'present' }, 'W8', 'PD'],
    ['after an overall CR, still all gone: CR', { NT1: 'absent', NT2: 'absent' }, 'W8', 'CR'],
  ])('%s', (_name, statuses, afterCR, expected) => {
    expect(nonTargetResponse(ids, statuses, afterCR).code).toBe(expected);
  });

  it('is NA without non-target lesions', () => {
    expect(nonTargetResponse([], {}, null)).toEqual({ code: 'NA', text: '' });
  });

  it('unequivocal non-target progression makes the timepoint PD whatever the targets do', () => {
    const result = evaluate({
      targets: ['T1'],
      nonTargets: ['NT1'],
      timepoints: [
        { day: -3, m: { T1: 40 }, nt: { NT1: 'present' } },
        { day: 42, m: { T1: 20 }, nt: { NT1: 'unequivocal-progression' } },
      ],
    });
    expect(result.timepoints[1]).toMatchObject({ target: 'PR', nonTarget: 'PD', overall: 'PD' });
    expect(result.timepoints[1]!.explanation).toBe(
      'PD: unequivocal progression of non-target NT1; sum 20.0 mm is -50.0% from baseline 40.0 mm; no new lesion',
    );
  });

  it('a nodal non-target recorded absent (now < 10 mm) counts as gone', () => {
    const result = evaluate({
      targets: ['T1'],
      nonTargets: ['LN1:node'],
      timepoints: [
        { day: -3, m: { T1: 40 }, nt: { LN1: 'present' } },
        { day: 42, m: { T1: 'absent' }, nt: { LN1: 'absent' } },
      ],
    });
    expect(result.timepoints[1]).toMatchObject({ target: 'CR', nonTarget: 'CR', overall: 'CR' });
  });
});
