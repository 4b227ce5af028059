import { describe, expect, it } from 'vitest';
import { chronologyProblems, parseSubjectRead, type SubjectDates } from '../../../../src/core/model';

const scans = ['2026-01-02', '2026-03-01', '2026-04-26'];
const dates = (over: Partial<SubjectDates>): SubjectDates => ({
  enrollmentDate: '2026-01-05',
  deathDate: null,
  newAnticancerTherapyDate: null,
  ...over,
});

describe('chronologyProblems', () => {
  it.each([
    ['a screening baseline before enrolment', dates({})],
    ['enrolment on the day of the last scan', dates({ enrollmentDate: '2026-04-26' })],
    ['death on the day of the last scan', dates({ deathDate: '2026-04-26' })],
    ['new therapy on the day of the baseline scan', dates({ newAnticancerTherapyDate: '2026-01-02' })],
    ['new therapy between scans', dates({ newAnticancerTherapyDate: '2026-02-01' })],
    ['no enrolment date yet (the app)', dates({ enrollmentDate: null, deathDate: '2026-05-01' })],
  ])('accepts %s', (_, subject) => {
    expect(chronologyProblems(subject, scans)).toEqual([]);
  });

  it.each([
    [
      dates({ deathDate: '2025-12-31' }),
      ['DEATH_BEFORE_ENROLMENT', 'DEATH_BEFORE_LAST_SCAN'],
      'Death (2025-12-31) is before enrolment (2026-01-05): death must be on or after enrolment',
    ],
    [
      dates({ deathDate: '2026-04-25' }),
      ['DEATH_BEFORE_LAST_SCAN'],
      'Death (2026-04-25) is before the last scan (2026-04-26): death must be on or after the last scan',
    ],
    [
      dates({ enrollmentDate: '2026-04-27' }),
      ['ENROLMENT_AFTER_LAST_SCAN'],
      'Enrolment (2026-04-27) is after the last scan (2026-04-26): enrolment must be on or before the ' +
        'last scan (a baseline scan may come before enrolment, not every scan)',
    ],
    [
      dates({ newAnticancerTherapyDate: '2026-01-01' }),
      ['THERAPY_BEFORE_BASELINE'],
      'New anticancer therapy (2026-01-01) starts before the baseline scan (2026-01-02): it must start on ' +
        'or after the baseline scan',
    ],
  ])('refuses %o', (subject, rules, firstMessage) => {
    const problems = chronologyProblems(subject, scans);
    expect(problems.map((p) => p.rule)).toEqual(rules);
    expect(problems[0]!.message).toBe(firstMessage);
  });

  it('accepts enrolment after the baseline when there is no follow-up yet (the read is signed visit by visit)', () => {
    expect(chronologyProblems(dates({ enrollmentDate: '2026-01-10' }), ['2026-01-02'])).toEqual([]);
    expect(
      chronologyProblems(dates({ enrollmentDate: '2026-01-10' }), ['2026-01-02', '2026-01-09']).map(
        (p) => p.rule,
      ),
    ).toEqual(['ENROLMENT_AFTER_LAST_SCAN']);
  });

  it('takes the latest scan as the last one, whatever the order (out of order is a violation, not this)', () => {
    const problems = chronologyProblems(dates({ deathDate: '2026-03-02' }), [
      '2026-01-02',
      '2026-04-26',
      '2026-03-01',
    ]);
    expect(problems.map((p) => p.rule)).toEqual(['DEATH_BEFORE_LAST_SCAN']);
  });

  it('leaves dates that are not dates to the schema', () => {
    expect(chronologyProblems(dates({ deathDate: '2026-02-30' }), scans)).toEqual([]);
  });
});

describe('the engine input refuses impossible dates at the subject field', () => {
  it('death before enrolment (a PFS of -104 days is not a result)', () => {
    const input = {
      criteria: 'RECIST1.1',
      subject: { id: 'S1', enrollmentDate: '2026-01-05', deathDate: '2025-09-23' },
      lesions: [{ id: 'T1', kind: 'target', organ: 'liver', nodal: false }],
      timepoints: [{ id: 'BL', date: '2026-01-02', measurements: { T1: { mm: 20 } } }],
    };
    const parsed = parseSubjectRead(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.errors).toContainEqual({
        path: 'subject.deathDate',
        message: 'Death (2025-09-23) is before enrolment (2026-01-05): death must be on or after enrolment',
      });
  });
});
