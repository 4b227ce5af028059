import { describe, expect, it } from 'vitest';
import type { NonTargetStatus } from '../../../../src/core/model';
import { day, evaluate, overalls, type TpSpec } from './builders';

/** One liver target (40 mm at baseline); follow-ups at the given days with T1 sizes. */
function course(
  followUps: { day: number; t1: number | 'not-evaluated'; nt?: NonTargetStatus; nl?: TpSpec['nl'] }[],
) {
  return evaluate({
    criteria: 'iRECIST',
    targets: ['T1:liver'],
    nonTargets: ['NT1:bone'],
    timepoints: [
      { day: -3, m: { T1: 40 }, nt: { NT1: 'present' } },
      ...followUps.map((f) => ({
        day: f.day,
        m: { T1: f.t1 },
        nt: { NT1: f.nt ?? 'present' },
        nl: f.nl ?? [],
      })),
    ],
  });
}

describe('iRECIST: iUPD and its confirmation (iCPD)', () => {
  it('a RECIST 1.1 PD is iUPD; >= 5 mm more target growth at the next assessment confirms it', () => {
    const result = course([
      { day: 42, t1: 30 }, // -25%: iSD, nadir 30
      { day: 84, t1: 37 }, // +7 mm, +23% over 30: iUPD
      { day: 126, t1: 42 }, // +5 mm over 37 at the iUPD: iCPD
    ]);
    expect(overalls(result)).toEqual(['iSD', 'iUPD', 'iCPD']);
    expect(result.timepoints.slice(1).map((t) => t.target)).toEqual(['iSD', 'iUPD', 'iCPD']);
    expect(result.progressionDate).toBe(day(84));
    expect(result.bestOverallResponse).toBe('iSD');
    expect(result.pfs).toEqual({ days: 85, event: true, date: day(84) });
  });

  it('4.9 mm more is not enough', () => {
    const result = course([
      { day: 42, t1: 30 },
      { day: 84, t1: 37 },
      { day: 126, t1: 41.9 },
    ]);
    expect(overalls(result)).toEqual(['iSD', 'iUPD', 'iUPD']);
    expect(result.progressionDate).toBeNull();
    expect(result.bestOverallResponse).toBe('iSD');
  });

  it('growth adds up across assessments after the iUPD (4 mm, then 2 mm more: iCPD)', () => {
    const result = course([
      { day: 42, t1: 30 },
      { day: 84, t1: 37 },
      { day: 126, t1: 41 },
      { day: 168, t1: 43 },
    ]);
    expect(overalls(result)).toEqual(['iSD', 'iUPD', 'iUPD', 'iCPD']);
    expect(result.timepoints[4]!.explanation).toContain('+6.0 mm over 37.0 mm at the iUPD (D84)');
    expect(result.progressionDate).toBe(day(84));
  });

  it('an assessment < 4 weeks after the iUPD cannot confirm it by growth', () => {
    const result = course([
      { day: 42, t1: 30 },
      { day: 84, t1: 37 },
      { day: 100, t1: 45 },
      { day: 126, t1: 45 },
    ]);
    expect(overalls(result)).toEqual(['iSD', 'iUPD', 'iUPD', 'iCPD']);
    expect(result.timepoints[3]!.explanation).toContain('only 16 days after the iUPD at D84');
  });

  it('... but another new lesion confirms it even early', () => {
    const result = course([
      { day: 42, t1: 30 },
      { day: 84, t1: 37 },
      { day: 100, t1: 37, nl: [{ id: 'N1', mm: 8 }] },
    ]);
    expect(overalls(result)).toEqual(['iSD', 'iUPD', 'iCPD']);
    expect(result.progressionDate).toBe(day(84));
  });

  it('iUPD followed only by NE assessments: best response iUPD, no progression date', () => {
    const result = course([
      { day: 42, t1: 60 },
      { day: 84, t1: 'not-evaluated' },
      { day: 126, t1: 'not-evaluated' },
    ]);
    expect(overalls(result)).toEqual(['iUPD', 'NE', 'NE']);
    expect(result.bestOverallResponse).toBe('iUPD');
    expect(result.progressionDate).toBeNull();
    // Censored at the last evaluable assessment: the iUPD itself.
    expect(result.pfs).toEqual({ days: 43, event: false, date: day(42) });
  });

  it('once confirmed, later assessments stay iCPD', () => {
    const result = course([
      { day: 42, t1: 60 },
      { day: 84, t1: 66 },
      { day: 126, t1: 30 },
    ]);
    expect(overalls(result)).toEqual(['iUPD', 'iCPD', 'iCPD']);
    expect(result.bestOverallResponse).toBe('iCPD');
    expect(result.progressionDate).toBe(day(42));
  });
});

describe('iRECIST: growth since an iUPD counts only targets measured at both assessments', () => {
  it('a target missing at the iUPD does not count as growth when it is measured again', () => {
    const result = evaluate({
      criteria: 'iRECIST',
      targets: ['T1', 'T2'],
      timepoints: [
        { day: -3, m: { T1: 30, T2: 20 } },
        { day: 42, m: { T1: 20, T2: 10 } }, // 30 mm: iPR
        { day: 84, m: { T1: 36, T2: 'not-evaluated' } }, // T1 alone +6 mm, +20% over 30: iUPD
        { day: 126, m: { T1: 37, T2: 10 } }, // T1 +1 mm since the iUPD; T2 was simply not seen there
        { day: 168, m: { T1: 41, T2: 10 } }, // T1 +5 mm since the iUPD: iCPD
      ],
    });
    expect(overalls(result)).toEqual(['iPR', 'iUPD', 'iUPD', 'iCPD']);
    expect(result.timepoints[4]!.explanation).toContain(
      'targets evaluated at both 41.0 mm is +5.0 mm over 36.0 mm at the iUPD (D84)',
    );
  });
});

describe('iRECIST: reset', () => {
  it('iSD after an iUPD resets the bar; a later PD is a new iUPD needing its own confirmation', () => {
    const result = course([
      { day: 42, t1: 30 }, // iSD, nadir 30
      { day: 84, t1: 37 }, // iUPD
      { day: 126, t1: 33 }, // +3 mm over the nadir: iSD, reset
      { day: 168, t1: 40 }, // +10 mm, +33% over 30: iUPD again
      { day: 210, t1: 46 }, // +6 mm over 40: iCPD
    ]);
    expect(overalls(result)).toEqual(['iSD', 'iUPD', 'iSD', 'iUPD', 'iCPD']);
    expect(result.timepoints[3]!.explanation).toContain(
      'the iUPD at D84 is not confirmed and the bar is reset',
    );
    expect(result.progressionDate).toBe(day(168));
    expect(result.bestOverallResponse).toBe('iSD');
  });

  it('iUPD then iPR: responses after a reset count for the best response', () => {
    const result = course([
      { day: 42, t1: 60 }, // iUPD (+50%)
      { day: 84, t1: 26 }, // -35%: iPR, reset
      { day: 126, t1: 26 }, // iPR, confirms
    ]);
    expect(overalls(result)).toEqual(['iUPD', 'iPR', 'iPR']);
    expect(result.bestOverallResponse).toBe('iPR');
    expect(result.responseStartDate).toBe(day(84));
  });
});

describe('iRECIST: non-target disease', () => {
  it('a non-target-driven iUPD stays open while the non-targets are unchanged, and is confirmed by further increase', () => {
    const result = course([
      { day: 42, t1: 38, nt: 'unequivocal-progression' },
      { day: 84, t1: 38, nt: 'present' },
      { day: 126, t1: 38, nt: 'unequivocal-progression' },
    ]);
    expect(overalls(result)).toEqual(['iUPD', 'iUPD', 'iCPD']);
    expect(result.timepoints.slice(1).map((t) => t.nonTarget)).toEqual(['iUPD', 'NON_CR_NON_PD', 'iCPD']);
    expect(result.progressionDate).toBe(day(42));
  });

  it('non-target progression at the next assessment confirms a target-driven iUPD (a new category)', () => {
    const result = course([
      { day: 42, t1: 50 },
      { day: 84, t1: 50, nt: 'unequivocal-progression' },
    ]);
    expect(overalls(result)).toEqual(['iUPD', 'iCPD']);
  });

  it('a non-target-driven iUPD resets only when the non-targets are gone', () => {
    const result = course([
      { day: 42, t1: 38, nt: 'unequivocal-progression' },
      { day: 84, t1: 38, nt: 'absent' },
    ]);
    expect(overalls(result)).toEqual(['iUPD', 'iSD']);
  });

  it('non-target-only disease uses NON_CR_NON_PD', () => {
    const result = evaluate({
      criteria: 'iRECIST',
      nonTargets: ['NT1'],
      timepoints: [
        { day: -3, nt: { NT1: 'present' } },
        { day: 42, nt: { NT1: 'present' } },
        { day: 84, nt: { NT1: 'absent' } },
      ],
    });
    expect(overalls(result)).toEqual(['NON_CR_NON_PD', 'iCR']);
    expect(result.bestOverallResponse).toBe('NON_CR_NON_PD');
  });
});

describe('iRECIST best response', () => {
  it.each<[string, { day: number; t1: number | 'not-evaluated' }[], string]>([
    [
      'confirmed iCR',
      [
        { day: 42, t1: 0 },
        { day: 84, t1: 0 },
      ],
      'iCR',
    ],
    [
      'an unconfirmed iPR before the SD minimum, then iUPD',
      [
        { day: 28, t1: 20 },
        { day: 56, t1: 30 },
      ],
      'iUPD',
    ],
    [
      'iUPD, then iCPD',
      [
        { day: 42, t1: 60 },
        { day: 84, t1: 70 },
      ],
      'iCPD',
    ],
  ])('%s', (_name, followUps, expected) => {
    const result = course(followUps.map((f) => ({ ...f, t1: f.t1, nt: f.t1 === 0 ? 'absent' : 'present' })));
    expect(result.bestOverallResponse).toBe(expected);
  });

  it('does not count an iCPD established on or after new anticancer therapy: iUPD', () => {
    const result = evaluate({
      criteria: 'iRECIST',
      subject: { newAnticancerTherapyDate: day(70) },
      targets: ['T1'],
      timepoints: [
        { day: -3, m: { T1: 40 } },
        { day: 42, m: { T1: 60 } },
        { day: 84, m: { T1: 70 } },
      ],
    });
    expect(overalls(result)).toEqual(['iUPD', 'iCPD']);
    expect(result.bestOverallResponse).toBe('iUPD');
    expect(result.pfs).toEqual({ days: 43, event: false, date: day(42) });
  });
});
