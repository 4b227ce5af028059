import { describe, expect, it } from 'vitest';
import { newLesionFinding } from '../../../../src/core/recist';
import { evaluate, overalls, day } from './builders';

describe('new lesions', () => {
  it.each<[string, ('equivocal' | 'unequivocal')[], string]>([
    ['none', [], 'NO'],
    ['an equivocal one', ['equivocal'], 'EQUIVOCAL'],
    ['an unequivocal one', ['unequivocal'], 'YES'],
    ['equivocal and unequivocal', ['equivocal', 'unequivocal'], 'YES'],
  ])('%s: %s', (_name, statuses, expected) => {
    const lesions = statuses.map((status, i) => ({ id: `N${i}`, organ: 'liver', status, nodal: false }));
    expect(newLesionFinding(lesions).code).toBe(expected);
  });

  const course = (newLesions: ('equivocal' | 'unequivocal' | 'absent' | null)[]) =>
    evaluate({
      targets: ['T1'],
      timepoints: [
        { day: -3, m: { T1: 40 } },
        ...newLesions.map((status, i) => ({
          day: 42 * (i + 1),
          m: { T1: 38 },
          nl: status === null ? [] : [{ id: 'N1', status }],
        })),
      ],
    });

  it('an unequivocal new lesion is PD at once', () => {
    const result = course(['unequivocal']);
    expect(overalls(result)).toEqual(['PD']);
    expect(result.progressionDate).toBe(day(42));
  });

  it('an equivocal new lesion is not PD; the reader is told to follow it', () => {
    const result = course(['equivocal']);
    expect(overalls(result)).toEqual(['SD']);
    expect(result.timepoints[1]!.explanation).toContain(
      'equivocal new lesion N1 (liver): not PD unless a later scan confirms it',
    );
    expect(result.progressionDate).toBeNull();
  });

  it('an equivocal lesion confirmed later dates PD back to its first sighting; that row is not rewritten', () => {
    const result = course(['equivocal', 'equivocal', 'unequivocal']);
    expect(overalls(result)).toEqual(['SD', 'SD', 'PD']);
    expect(result.progressionDate).toBe(day(42));
    expect(result.timepoints[1]!.explanation).toContain('progression is dated to this assessment');
    // Progression dated to day 42: the SD there is part of the progression, nothing earlier counts.
    expect(result.bestOverallResponse).toBe('PD');
    expect(result.pfs).toEqual({ days: 43, event: true, date: day(42) });
  });

  it('an equivocal lesion that goes away is never PD', () => {
    const result = course(['equivocal', 'absent']);
    expect(overalls(result)).toEqual(['SD', 'SD']);
    expect(result.progressionDate).toBeNull();
  });

  it('back-dating uses the first sighting of that lesion only', () => {
    const result = evaluate({
      targets: ['T1'],
      timepoints: [
        { day: -3, m: { T1: 40 } },
        { day: 42, m: { T1: 38 }, nl: [{ id: 'N1', status: 'equivocal' }] },
        { day: 84, m: { T1: 38 }, nl: [{ id: 'N2', status: 'equivocal' }] },
        { day: 126, m: { T1: 38 }, nl: [{ id: 'N2', status: 'unequivocal' }] },
      ],
    });
    expect(result.progressionDate).toBe(day(84));
    expect(result.bestOverallResponse).toBe('SD');
  });

  it('a lesion equivocal at first and confirmed after a target PD still dates the progression back', () => {
    const result = evaluate({
      targets: ['T1'],
      timepoints: [
        { day: -3, m: { T1: 40 } },
        { day: 42, m: { T1: 38 }, nl: [{ id: 'N1', status: 'equivocal' }] },
        { day: 84, m: { T1: 50 }, nl: [{ id: 'N1', status: 'equivocal' }] },
        { day: 126, m: { T1: 55 }, nl: [{ id: 'N1', status: 'unequivocal' }] },
      ],
    });
    expect(overalls(result)).toEqual(['SD', 'PD', 'PD']);
    expect(result.progressionDate).toBe(day(42));
  });
});
