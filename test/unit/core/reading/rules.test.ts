import { describe, expect, it } from 'vitest';
import { assertAssessmentValid, type AssessmentContext } from '../../../../src/core/reading/rules';
import type { AssessmentValue, Lesion } from '../../../../src/core/reading/model';
import { measure } from './fixtures';

const lesion = (kind: Lesion['kind'], label: string) => ({ id: label, label, kind });
const context = (over: Partial<AssessmentContext> = {}): AssessmentContext => ({
  timepointIndex: 1,
  firstSeenIndex: null,
  nodal: false,
  liveTargets: [
    { id: 'T1', label: 'T1' },
    { id: 'T2', label: 'T2' },
  ],
  ...over,
});
const check =
  (l: ReturnType<typeof lesion>, value: AssessmentValue, c = context()) =>
  () =>
    assertAssessmentValid(l, value, c);

describe('reading rules for assessments', () => {
  it('accepts each kind its own statuses at follow-up', () => {
    expect(check(lesion('target', 'T1'), { status: 'merged', intoLesionId: 'T2' })).not.toThrow();
    expect(
      check(lesion('non-target', 'NT1'), { status: 'unequivocal-progression', marker: null }),
    ).not.toThrow();
    expect(
      check(
        lesion('new', 'N1'),
        { status: 'absent', marker: null },
        context({ timepointIndex: 3, firstSeenIndex: 2 }),
      ),
    ).not.toThrow();
  });

  it('refuses a new lesion before the timepoint where it was first seen', () => {
    expect(
      check(
        lesion('new', 'N1'),
        { status: 'equivocal', measurement: null, marker: null },
        context({ timepointIndex: 1, firstSeenIndex: 2 }),
      ),
    ).toThrow('N1: a new lesion cannot be assessed before the timepoint where it was first seen');
  });

  it('refuses merging into a lesion that is not a live target of the read', () => {
    expect(check(lesion('target', 'T1'), { status: 'merged', intoLesionId: 'NT1' })).toThrow(
      'T1: merged lesions are merged into another target lesion of this read',
    );
  });

  it('needs a baseline measurement of a target, "present" for a non-target', () => {
    const baseline = context({ timepointIndex: 0 });
    expect(check(lesion('target', 'T1'), { status: 'too-small', marker: null }, baseline)).toThrow(
      /defined by its baseline/,
    );
    expect(check(lesion('non-target', 'NT1'), { status: 'absent', marker: null }, baseline)).toThrow(
      /present at baseline/,
    );
    expect(
      check(lesion('target', 'T1'), { status: 'measured', fragments: [measure(12, 8)] }, baseline),
    ).not.toThrow();
  });

  it('needs short axes for every fragment of a nodal lesion', () => {
    const nodal = context({ nodal: true });
    expect(
      check(lesion('target', 'T1'), { status: 'measured', fragments: [measure(20, 16), measure(9)] }, nodal),
    ).toThrow('T1: a lymph node is measured by its short axis: use the Bidirectional tool');
  });

  describe('new lesions: "absent", "not evaluable" and "increased" only after the visit where it was first seen', () => {
    const n1 = lesion('new', 'N1');
    const later: AssessmentValue[] = [
      { status: 'absent', marker: null },
      { status: 'not-evaluated', note: '' },
      { status: 'increased', measurement: null, marker: null },
      { status: 'increased', measurement: measure(14), marker: null },
    ];
    it.each(later)('accepts $status at a later visit', (value) => {
      expect(check(n1, value, context({ timepointIndex: 3, firstSeenIndex: 2 }))).not.toThrow();
    });
    it.each<[AssessmentValue, string]>([
      [{ status: 'absent', marker: null }, 'Absent'],
      [{ status: 'not-evaluated', note: '' }, 'Not evaluable'],
      [{ status: 'increased', measurement: null, marker: null }, 'Increased'],
    ])('refuses $status where it is first seen', (value, word) => {
      expect(check(n1, value, context({ timepointIndex: 2, firstSeenIndex: 2 }))).toThrow(
        `N1: "${word}" describes a new lesion at a visit after the one where it was first seen: here, where it is first seen, record it as equivocal or unequivocal`,
      );
    });
    it('refuses "increased" for a new lesion with no first sighting yet', () => {
      expect(
        check(
          n1,
          { status: 'increased', measurement: null, marker: null },
          context({ firstSeenIndex: null }),
        ),
      ).toThrow(/"Increased" describes a new lesion at a visit after the one where it was first seen/);
    });
    it('refuses "increased" for a baseline lesion', () => {
      expect(
        check(lesion('non-target', 'NT1'), { status: 'increased', measurement: null, marker: null }),
      ).toThrow('NT1: "increased" is not an assessment of a non-target lesion');
    });
  });
});
