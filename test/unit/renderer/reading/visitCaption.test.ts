import { describe, expect, it } from 'vitest';
import { visitCaption, visitCaptionDetail } from '../../../../src/renderer/reading/visitCaption';

const week8 = { visitName: 'Week 8', studyDate: '2000-02-26', enrollmentDate: '2000-01-03' };

describe('visitCaption', () => {
  it('names the visit, the study date and the study day (enrolment is day 1)', () => {
    expect(visitCaption(week8, { blinded: false })).toBe('Week 8 · 2000-02-26 · day 55');
  });

  it('blinded: the study day without the calendar date', () => {
    expect(visitCaption(week8, { blinded: true })).toBe('Week 8 · day 55');
    const detail = visitCaptionDetail(
      { ...week8, seriesDescription: 'CHEST 1mm', studyDescription: 'CT CHEST' },
      { blinded: true },
    );
    expect(detail).not.toContain('2000-');
    expect(detail).toContain('CHEST 1mm');
    expect(detail).toContain('CT CHEST');
  });

  it('a scan before enrolment has a negative day, with no day 0; no enrolment, no day', () => {
    expect(visitCaption({ ...week8, studyDate: '2000-01-01' }, { blinded: false })).toBe(
      'Week 8 · 2000-01-01 · day -2',
    );
    expect(visitCaption({ ...week8, studyDate: '2000-01-03' }, { blinded: false })).toBe(
      'Week 8 · 2000-01-03 · day 1',
    );
    expect(visitCaption({ ...week8, studyDate: '2000-01-02' }, { blinded: false })).toBe(
      'Week 8 · 2000-01-02 · day -1',
    );
    expect(visitCaption({ ...week8, enrollmentDate: null }, { blinded: false })).toBe('Week 8 · 2000-02-26');
    expect(visitCaption({ ...week8, enrollmentDate: null }, { blinded: true })).toBe('Week 8');
  });

  it('a study without a date shows the visit alone', () => {
    expect(visitCaption({ ...week8, studyDate: null }, { blinded: false })).toBe('Week 8');
  });
});
