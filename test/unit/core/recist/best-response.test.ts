import { describe, expect, it } from 'vitest';
import {
  bestOverallResponse,
  type AssessmentPoint,
  type BestResponseRules,
  type ResponseKind,
} from '../../../../src/core/recist';
import { day, evaluate } from './builders';

const rules: BestResponseRules = {
  confirmationRequired: true,
  confirmationMinDays: 28,
  sdMinDays: 42,
  enrollmentDay: 0,
  hasTargets: true,
  criteria: 'RECIST1.1',
};

/** Assessments as [response, day after enrolment]; a PD ends the list (what comes after never counts). */
function best(
  sequence: [ResponseKind, number][],
  withConfirmation = true,
  extra: Partial<BestResponseRules> = {},
) {
  const firstPd = sequence.findIndex(([kind]) => kind === 'PD');
  const eligible: AssessmentPoint[] = (firstPd >= 0 ? sequence.slice(0, firstPd) : sequence).map(
    ([kind, d]) => ({
      kind,
      day: d,
      date: day(d),
    }),
  );
  return bestOverallResponse(
    { eligible, progression: firstPd >= 0, unconfirmedProgression: false },
    { ...rules, ...extra },
    withConfirmation,
  );
}

// RECIST 1.1 Table 3 with the contract's reading: the SD minimum (42 days after enrolment) applies to any
// CR/PR/SD assessment that is not part of a confirmed response; when nothing qualifies the order goes on
// to PD, then NE (so CR-then-SD, both too early, with no PD, is NE, not the table's "otherwise PD").
describe('Table 3: best overall response when confirmation is required', () => {
  it.each<[string, [ResponseKind, number][], string]>([
    [
      'CR then CR (4 weeks later)',
      [
        ['CR', 42],
        ['CR', 70],
      ],
      'CR',
    ],
    [
      'CR then PR: the CR is re-labelled PR and confirms PR',
      [
        ['CR', 42],
        ['PR', 84],
      ],
      'PR',
    ],
    [
      'CR then SD, SD minimum met',
      [
        ['CR', 42],
        ['SD', 84],
      ],
      'SD',
    ],
    [
      'CR then SD, both before the SD minimum, no PD',
      [
        ['CR', 21],
        ['SD', 35],
      ],
      'NE',
    ],
    [
      'CR then PD, SD minimum met',
      [
        ['CR', 42],
        ['PD', 84],
      ],
      'SD',
    ],
    [
      'CR then PD, SD minimum not met',
      [
        ['CR', 35],
        ['PD', 63],
      ],
      'PD',
    ],
    [
      'CR then NE, SD minimum met',
      [
        ['CR', 42],
        ['NE', 84],
      ],
      'SD',
    ],
    [
      'CR then NE, SD minimum not met',
      [
        ['CR', 35],
        ['NE', 63],
      ],
      'NE',
    ],
    [
      'PR then CR',
      [
        ['PR', 42],
        ['CR', 84],
      ],
      'PR',
    ],
    [
      'PR then PR',
      [
        ['PR', 42],
        ['PR', 84],
      ],
      'PR',
    ],
    [
      'PR then SD',
      [
        ['PR', 42],
        ['SD', 84],
      ],
      'SD',
    ],
    [
      'PR then PD, SD minimum met',
      [
        ['PR', 42],
        ['PD', 84],
      ],
      'SD',
    ],
    [
      'PR then PD, SD minimum not met',
      [
        ['PR', 41],
        ['PD', 84],
      ],
      'PD',
    ],
    [
      'PR then NE, SD minimum met',
      [
        ['PR', 42],
        ['NE', 84],
      ],
      'SD',
    ],
    [
      'PR then NE, SD minimum not met',
      [
        ['PR', 41],
        ['NE', 84],
      ],
      'NE',
    ],
    [
      'NE then NE',
      [
        ['NE', 42],
        ['NE', 84],
      ],
      'NE',
    ],
    ['SD at exactly the minimum (42 days)', [['SD', 42]], 'SD'],
    ['SD one day short of the minimum (41 days)', [['SD', 41]], 'NE'],
    [
      'SD one day short, then PD',
      [
        ['SD', 41],
        ['PD', 84],
      ],
      'PD',
    ],
    ['nothing after baseline', [], 'NE'],
  ])('%s: %s', (_name, sequence, expected) => {
    expect(best(sequence).code).toBe(expected);
  });
});

describe('confirmation of CR and PR', () => {
  it.each<[string, [ResponseKind, number][], string, string | null]>([
    [
      'confirmed exactly 28 days later',
      [
        ['PR', 42],
        ['PR', 70],
      ],
      'PR',
      day(42),
    ],
    [
      '27 days later is too early',
      [
        ['PR', 42],
        ['PR', 69],
      ],
      'SD',
      null,
    ],
    [
      'a third assessment can confirm when the second was too early',
      [
        ['PR', 42],
        ['PR', 56],
        ['PR', 84],
      ],
      'PR',
      day(42),
    ],
    [
      'one NE between is allowed',
      [
        ['PR', 42],
        ['NE', 84],
        ['PR', 126],
      ],
      'PR',
      day(42),
    ],
    [
      'two NE between are not',
      [
        ['PR', 42],
        ['NE', 84],
        ['NE', 126],
        ['PR', 168],
      ],
      'SD',
      null,
    ],
    [
      'an SD between breaks it',
      [
        ['PR', 42],
        ['SD', 84],
        ['PR', 126],
      ],
      'SD',
      null,
    ],
    [
      'the response starts at the first of the confirmed pair',
      [
        ['PR', 42],
        ['SD', 84],
        ['PR', 126],
        ['PR', 168],
      ],
      'PR',
      day(126),
    ],
    [
      'a CR between PRs does not break a PR confirmation',
      [
        ['PR', 42],
        ['CR', 56],
        ['PR', 84],
      ],
      'PR',
      day(42),
    ],
    [
      'CR confirmed after an earlier confirmed PR: response starts at the PR',
      [
        ['PR', 42],
        ['PR', 84],
        ['CR', 126],
        ['CR', 168],
      ],
      'CR',
      day(42),
    ],
    [
      'a CR needs a later CR: CR, PR, PR gives PR',
      [
        ['CR', 42],
        ['PR', 84],
        ['PR', 126],
      ],
      'PR',
      day(42),
    ],
    [
      'a PD ends the search: PR, PD, PR, PR',
      [
        ['PR', 42],
        ['PD', 84],
        ['PR', 126],
        ['PR', 168],
      ],
      'SD',
      null,
    ],
  ])('%s', (_name, sequence, expected, start) => {
    const result = best(sequence);
    expect(result.code).toBe(expected);
    expect(result.responseStartDate).toBe(start);
  });
});

describe('best overall response without confirmation', () => {
  it.each<[string, [ResponseKind, number][], string, string | null]>([
    [
      'a single CR counts',
      [
        ['SD', 42],
        ['CR', 84],
        ['PD', 126],
      ],
      'CR',
      day(84),
    ],
    [
      'a single early PR counts',
      [
        ['PR', 14],
        ['PD', 56],
      ],
      'PR',
      day(14),
    ],
    [
      'the first CR/PR dates the response',
      [
        ['PR', 42],
        ['CR', 84],
      ],
      'CR',
      day(42),
    ],
    [
      'SD still needs its minimum',
      [
        ['SD', 30],
        ['PD', 60],
      ],
      'PD',
      null,
    ],
  ])('%s', (_name, sequence, expected, start) => {
    const result = best(sequence, false);
    expect(result.code).toBe(expected);
    expect(result.responseStartDate).toBe(start);
  });
});

describe('non-target-only disease', () => {
  it.each<[string, [ResponseKind, number][], string]>([
    [
      'CR confirmed',
      [
        ['CR', 42],
        ['CR', 84],
      ],
      'CR',
    ],
    ['non-CR/non-PD after the minimum', [['NON_CR_NON_PD', 42]], 'NON_CR_NON_PD'],
    [
      'an unconfirmed CR counts as non-CR/non-PD',
      [
        ['CR', 42],
        ['NE', 84],
      ],
      'NON_CR_NON_PD',
    ],
    [
      'too early, then PD',
      [
        ['NON_CR_NON_PD', 28],
        ['PD', 56],
      ],
      'PD',
    ],
  ])('%s', (_name, sequence, expected) => {
    expect(best(sequence, true, { hasTargets: false }).code).toBe(expected);
  });
});

describe('best response through the engine', () => {
  const read = (options = {}, subject = {}) =>
    evaluate({
      options,
      subject,
      targets: ['T1'],
      timepoints: [
        { day: -3, m: { T1: 40 } },
        { day: 42, m: { T1: 20 } },
        { day: 84, m: { T1: 20 } },
        { day: 126, m: { T1: 30 } },
      ],
    });

  it('reports both readings and follows options.confirmationRequired', () => {
    const confirmed = read();
    expect(confirmed.bestOverallResponse).toBe('PR');
    expect(confirmed.bestOverallResponseWithConfirmation).toBe('PR');
    expect(confirmed.bestOverallResponseWithoutConfirmation).toBe('PR');
    expect(confirmed.responseStartDate).toBe(day(42));
  });

  it('ignores assessments on or after the start of new anticancer therapy', () => {
    const result = read({}, { newAnticancerTherapyDate: day(84) });
    expect(result.bestOverallResponseWithConfirmation).toBe('SD');
    expect(result.bestOverallResponseWithoutConfirmation).toBe('PR');
  });

  it('honours a longer confirmation interval', () => {
    expect(read({ confirmationMinDays: 43 }).bestOverallResponse).toBe('SD');
    expect(read({ confirmationMinDays: 43, confirmationRequired: false }).bestOverallResponse).toBe('PR');
  });

  it('honours a longer SD minimum', () => {
    const result = evaluate({
      options: { sdMinDays: 56 },
      targets: ['T1'],
      timepoints: [
        { day: -3, m: { T1: 40 } },
        { day: 42, m: { T1: 38 } },
        { day: 84, m: { T1: 60 } },
      ],
    });
    expect(result.bestOverallResponse).toBe('PD');
  });
});
