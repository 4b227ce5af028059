import { describe, expect, it } from 'vitest';
import {
  overallResponse,
  overallWithTargets,
  type NonTargetCode,
  type TargetCode,
} from '../../../../src/core/recist';
import { evaluate } from './builders';

// RECIST 1.1 Table 1, row by row ("NA" non-target: no non-target disease, read like CR).
describe('Table 1: target disease, with or without non-target disease', () => {
  it.each<[TargetCode, NonTargetCode, 'NO' | 'EQUIVOCAL' | 'YES', string]>([
    ['CR', 'CR', 'NO', 'CR'],
    ['CR', 'NA', 'NO', 'CR'],
    ['CR', 'NON_CR_NON_PD', 'NO', 'PR'],
    ['CR', 'NE', 'NO', 'PR'],
    ['PR', 'NON_CR_NON_PD', 'NO', 'PR'],
    ['PR', 'CR', 'NO', 'PR'],
    ['PR', 'NE', 'NO', 'PR'],
    ['PR', 'NA', 'NO', 'PR'],
    ['SD', 'NON_CR_NON_PD', 'NO', 'SD'],
    ['SD', 'CR', 'NO', 'SD'],
    ['SD', 'NE', 'NO', 'SD'],
    ['NE', 'NON_CR_NON_PD', 'NO', 'NE'],
    ['NE', 'CR', 'NO', 'NE'],
    ['NE', 'NE', 'NO', 'NE'],
    ['PD', 'CR', 'NO', 'PD'],
    ['PD', 'NE', 'NO', 'PD'],
    ['CR', 'PD', 'NO', 'PD'],
    ['NE', 'PD', 'NO', 'PD'],
    ['CR', 'CR', 'YES', 'PD'],
    ['NE', 'NE', 'YES', 'PD'],
    // An equivocal new lesion does not change the response until confirmed.
    ['CR', 'CR', 'EQUIVOCAL', 'CR'],
    ['PR', 'NON_CR_NON_PD', 'EQUIVOCAL', 'PR'],
  ])('target %s, non-target %s, new lesions %s: %s', (target, nonTarget, newLesions, expected) => {
    expect(overallWithTargets(target, nonTarget, newLesions)).toBe(expected);
    expect(overallResponse(target, nonTarget, newLesions)).toBe(expected);
  });

  it('target CR with a non-target not evaluated gives PR through the whole engine', () => {
    const result = evaluate({
      targets: ['T1'],
      nonTargets: ['NT1'],
      timepoints: [
        { day: -3, m: { T1: 40 }, nt: { NT1: 'present' } },
        { day: 42, m: { T1: 'absent' }, nt: { NT1: 'not-evaluated' } },
      ],
    });
    expect(result.timepoints[1]).toMatchObject({ target: 'CR', nonTarget: 'NE', overall: 'PR' });
  });
});
