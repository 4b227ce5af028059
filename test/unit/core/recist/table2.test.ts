import { describe, expect, it } from 'vitest';
import { overallNonTargetOnly, overallResponse, type NonTargetCode } from '../../../../src/core/recist';
import { evaluate, overalls } from './builders';

describe('Table 2: non-target disease only', () => {
  it.each<[NonTargetCode, 'NO' | 'EQUIVOCAL' | 'YES', string]>([
    ['CR', 'NO', 'CR'],
    ['NON_CR_NON_PD', 'NO', 'NON_CR_NON_PD'],
    ['NE', 'NO', 'NE'],
    ['PD', 'NO', 'PD'],
    ['CR', 'YES', 'PD'],
    ['NON_CR_NON_PD', 'YES', 'PD'],
    ['NE', 'YES', 'PD'],
    ['CR', 'EQUIVOCAL', 'CR'],
    ['NON_CR_NON_PD', 'EQUIVOCAL', 'NON_CR_NON_PD'],
  ])('non-target %s, new lesions %s: %s', (nonTarget, newLesions, expected) => {
    expect(overallNonTargetOnly(nonTarget, newLesions)).toBe(expected);
    expect(overallResponse('NA', nonTarget, newLesions)).toBe(expected);
  });

  it('a subject with non-target disease only gets target NA and Table 2 responses', () => {
    const result = evaluate({
      nonTargets: ['NT1', 'NT2'],
      timepoints: [
        { day: -3, nt: { NT1: 'present', NT2: 'present' } },
        { day: 42, nt: { NT1: 'absent', NT2: 'present' } },
        { day: 84, nt: { NT1: 'absent', NT2: 'absent' } },
        { day: 126, nt: { NT1: 'absent', NT2: 'absent' } },
      ],
    });
    expect(result.timepoints.map((t) => t.target)).toEqual(['NA', 'NA', 'NA', 'NA']);
    expect(result.timepoints.map((t) => t.sumMm)).toEqual([null, null, null, null]);
    expect(overalls(result)).toEqual(['NON_CR_NON_PD', 'CR', 'CR']);
    expect(result.bestOverallResponse).toBe('CR');
  });

  it('without any baseline disease only a new lesion changes the response', () => {
    const result = evaluate({
      timepoints: [{ day: -3 }, { day: 42 }, { day: 84, nl: [{ id: 'N1' }] }],
    });
    expect(overalls(result)).toEqual(['NA', 'PD']);
    expect(result.bestOverallResponse).toBe('PD');
  });
});
