import { describe, expect, it } from 'vitest';
import { evaluate } from './builders';

function explanations(spec: Parameters<typeof evaluate>[0]) {
  return evaluate(spec).timepoints.map((t) => t.explanation);
}

describe('every timepoint explains itself in words a radiologist reads', () => {
  it('RECIST 1.1: baseline, SD, PD over the nadir, NE, PD from a new lesion', () => {
    expect(
      explanations({
        targets: ['T1:liver', 'T2:lung'],
        nonTargets: ['NT1:bone'],
        timepoints: [
          { id: 'BL', day: -3, m: { T1: 40, T2: 20 }, nt: { NT1: 'present' } },
          { id: 'W8', day: 56, m: { T1: 30, T2: 20 }, nt: { NT1: 'present' } },
          { id: 'W16', day: 112, m: { T1: 38, T2: 23 }, nt: { NT1: 'present' } },
          { id: 'W24', day: 168, m: { T1: 45, T2: 'not-evaluated' }, nt: { NT1: 'present' } },
          { id: 'W32', day: 224, m: { T1: 30 }, nt: { NT1: 'not-evaluated' }, nl: [{ id: 'N1', mm: 7 }] },
        ],
      }),
    ).toEqual([
      'Baseline: sum 60.0 mm over 2 targets (T1 40.0, T2 20.0); 1 non-target lesion',
      'SD: sum 50.0 mm is -16.7% from baseline 60.0 mm; non-target NT1 present; no new lesion',
      'PD: sum 61.0 mm is +22.0% and +11.0 mm over the nadir 50.0 mm (W8); non-target NT1 present; no new lesion',
      'NE: T2 not evaluated (the measured 45.0 mm do not reach PD); non-target NT1 present; no new lesion',
      'PD: new lesion N1 (liver, 7.0 mm); T2 not evaluated (the measured 30.0 mm do not reach PD); non-target NT1 not evaluated',
    ]);
  });

  it('RECIST 1.1: PR, kept PR, CR, reappearance', () => {
    expect(
      explanations({
        targets: ['T1:liver'],
        timepoints: [
          { id: 'BL', day: -3, m: { T1: 100 } },
          { id: 'W8', day: 56, m: { T1: 65 } },
          { id: 'W16', day: 112, m: { T1: 65 } },
          { id: 'W24', day: 168, m: { T1: 75 } },
          { id: 'W32', day: 224, m: { T1: 'absent' } },
          { id: 'W40', day: 280, m: { T1: 4 } },
        ],
      }).slice(1),
    ).toEqual([
      'PR: sum 65.0 mm is -35.0% from baseline 100.0 mm; no new lesion',
      'PR: sum 65.0 mm is -35.0% from baseline 100.0 mm; no new lesion',
      'PR: sum 75.0 mm is -25.0% from baseline 100.0 mm, +15.4% and +10.0 mm over the nadir 65.0 mm (W8): no PD, so the response confirmed at W16 stays PR; no new lesion',
      'CR: every target gone; no new lesion',
      'PD: reappeared after the CR at W32: T1 4.0 mm (if W32 was not a true CR, re-read it); no new lesion',
    ]);
  });

  it('PD from the measured targets names the missing one', () => {
    const [, , pd] = explanations({
      targets: ['T1', 'T2'],
      timepoints: [
        { id: 'BL', day: -3, m: { T1: 30, T2: 20 } },
        { id: 'W8', day: 56, m: { T1: 20, T2: 10 } },
        { id: 'W16', day: 112, m: { T1: 36 } },
      ],
    });
    expect(pd).toBe(
      'PD: the measured targets alone sum 36.0 mm (T2 not evaluated): +20.0% and +6.0 mm over the nadir 30.0 mm (W8); no new lesion',
    );
  });

  it('an SD a hair short of -30% does not print -30.0%', () => {
    const [, sd] = explanations({
      targets: ['T1'],
      timepoints: [
        { id: 'BL', day: -3, m: { T1: 50 } },
        { id: 'W8', day: 56, m: { T1: 35.01 } },
      ],
    });
    expect(sd).toBe('SD: sum 35.01 mm is -29.98% from baseline 50.0 mm; no new lesion');
  });

  it('iRECIST: iUPD, not yet confirmed, reset, new iUPD, iCPD, after iCPD', () => {
    expect(
      explanations({
        criteria: 'iRECIST',
        targets: ['T1:liver'],
        timepoints: [
          { id: 'BL', day: -3, m: { T1: 40 } },
          { id: 'W8', day: 56, m: { T1: 50 } },
          { id: 'W12', day: 84, m: { T1: 52 } },
          { id: 'W16', day: 112, m: { T1: 38 } },
          { id: 'W20', day: 140, m: { T1: 50 } },
          { id: 'W26', day: 182, m: { T1: 56 } },
          { id: 'W30', day: 210, m: { T1: 56 } },
        ],
      }).slice(1),
    ).toEqual([
      'iUPD: sum 50.0 mm is +25.0% and +10.0 mm over the nadir 40.0 mm (BL); no new lesion; RECIST 1.1 progression, unconfirmed: needs confirmation >= 28 days later',
      'iUPD: sum 52.0 mm is +30.0% and +12.0 mm over the nadir 40.0 mm (BL); no new lesion; target sum +2.0 mm since the iUPD (iCPD needs +5.0 mm in total); the iUPD at W8 is not confirmed yet',
      'iSD: sum 38.0 mm is -5.0% from baseline 40.0 mm; no new lesion; the iUPD at W8 is not confirmed and the bar is reset: a later progression is a new iUPD',
      'iUPD: sum 50.0 mm is +31.6% and +12.0 mm over the nadir 38.0 mm (W16); no new lesion; RECIST 1.1 progression, unconfirmed: needs confirmation >= 28 days later',
      'iCPD: target sum 56.0 mm is +6.0 mm over 50.0 mm at the iUPD (W20); increases since the iUPD add up: progression confirmed, dated to the iUPD at W20',
      'iCPD: progression confirmed at W26 (dated W20); sum 56.0 mm is +47.4% and +18.0 mm over the nadir 38.0 mm (W16); no new lesion',
    ]);
  });
});
