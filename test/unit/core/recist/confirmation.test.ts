import { describe, expect, it } from 'vitest';
import { addDays, isoDateOfDay, dayNumber } from '../../../../src/core/model';
import { evaluateSubject, pendingConfirmation } from '../../../../src/core/recist';
import { day, makeRead, type ReadSpec } from './builders';

/** T1 at baseline 40 mm (day -3), then the given sizes ('NE': not evaluated) at the given days. */
function pending(follow: [number, number | 'not-evaluated'][], extra: Partial<ReadSpec> = {}) {
  const read = makeRead({
    targets: ['T1:liver'],
    timepoints: [{ day: -3, m: { T1: 40 } }, ...follow.map(([d, mm]) => ({ day: d, m: { T1: mm } }))],
    ...extra,
  });
  return pendingConfirmation(read, evaluateSubject(read));
}

describe('pendingConfirmation', () => {
  it('a first PR needs a scan at least confirmationMinDays (28) later', () => {
    expect(pending([[56, 20]])).toEqual({ response: 'PR', firstMetOn: day(56), needsScanOnOrAfter: day(84) });
  });

  it('agrees with the engine: a PR on the date given confirms, one a day earlier does not', () => {
    const withScan = (d: number) => {
      const read = makeRead({
        targets: ['T1:liver'],
        timepoints: [
          { day: -3, m: { T1: 40 } },
          { day: 56, m: { T1: 20 } },
          { day: d, m: { T1: 20 } },
        ],
      });
      return evaluateSubject(read).bestOverallResponse;
    };
    expect(withScan(84)).toBe('PR');
    expect(withScan(83)).not.toBe('PR');
  });

  it('a later PR too early to confirm leaves the first still awaiting, from the day after the last scan', () => {
    expect(
      pending([
        [56, 20],
        [70, 20],
      ]),
    ).toEqual({
      response: 'PR',
      firstMetOn: day(56),
      needsScanOnOrAfter: day(84),
    });
    // The confirming window has passed with one NE in between: the next scan can still confirm.
    expect(
      pending([
        [56, 20],
        [90, 'not-evaluated'],
      ])?.needsScanOnOrAfter,
    ).toBe(day(91));
  });

  it('nothing awaits once confirmed, after SD or PD in between, or with two NE in between', () => {
    expect(
      pending([
        [56, 20],
        [84, 20],
      ]),
    ).toBeNull();
    expect(
      pending([
        [56, 20],
        [84, 35],
      ]),
    ).toBeNull(); // SD (-12.5 %) breaks the pair
    expect(
      pending([
        [56, 20],
        [84, 'not-evaluated'],
        [98, 'not-evaluated'],
      ]),
    ).toBeNull();
    expect(
      pending([
        [56, 20],
        [70, 30],
      ]),
    ).toBeNull(); // +50 % from the 20 mm nadir: PD
  });

  it('a CR awaits its own confirmation above a confirmed PR', () => {
    expect(
      pending([
        [56, 20],
        [84, 20],
        [112, 0],
      ]),
    ).toEqual({
      response: 'CR',
      firstMetOn: day(112),
      needsScanOnOrAfter: day(140),
    });
  });

  it('none when confirmation is not required, after death, or when new therapy comes first', () => {
    expect(pending([[56, 20]], { options: { confirmationRequired: false } })).toBeNull();
    expect(pending([[56, 20]], { subject: { deathDate: day(60) } })).toBeNull();
    expect(pending([[56, 20]], { subject: { newAnticancerTherapyDate: day(80) } })).toBeNull();
    expect(pending([[56, 20]], { subject: { newAnticancerTherapyDate: day(85) } })?.response).toBe('PR');
  });

  it('speaks iRECIST in an iRECIST read', () => {
    expect(pending([[56, 20]], { criteria: 'iRECIST' })?.response).toBe('iPR');
  });
});

describe('isoDateOfDay', () => {
  it('inverts dayNumber across month, leap-day and century boundaries', () => {
    for (const date of ['1970-01-01', '2000-02-29', '2000-03-01', '1900-03-01', '2026-12-31', '1969-12-31'])
      expect(isoDateOfDay(dayNumber(date))).toBe(date);
    expect(addDays('2000-02-26', 28)).toBe('2000-03-25');
  });
});
