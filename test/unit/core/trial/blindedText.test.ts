import { describe, expect, it } from 'vitest';
import {
  blindedDate,
  blindedVisitDate,
  DATE_HIDDEN,
  dateFormatter,
  DAY_UNKNOWN,
  redactDates,
} from '../../../../src/core/trial/blindedText';
import { findPhi, phiValues } from '../../../../src/core/trial/blinding';

// Enrolment 2000-01-01 is day 1: 2000-02-26 is 56 days later, day 57, week 8.
const ENROLLED = '2000-01-01';

describe('blindedDate', () => {
  it.each([
    ['2000-01-01', 'Day 1'],
    ['2000-02-26', 'Day 57'],
    ['1999-12-31', 'Day -1'], // SDTM: no day 0
    ['1999-12-25', 'Day -7'],
  ])('%s is %s', (date, expected) => {
    expect(blindedDate(date, ENROLLED)).toBe(expected);
  });

  it('says the day is unknown without an enrolment date, and never gives the date', () => {
    expect(blindedDate('2000-02-26', null)).toBe(DAY_UNKNOWN);
  });

  it('hides what is not a date it can place', () => {
    expect(blindedDate('20000226', ENROLLED)).toBe(DATE_HIDDEN);
    expect(blindedDate('2000-02-30', ENROLLED)).toBe(DATE_HIDDEN);
  });
});

describe('blindedVisitDate', () => {
  it('is the schedule label, day and week', () => {
    expect(blindedVisitDate('2000-02-26', ENROLLED)).toBe('Day 57 (W8)');
    expect(blindedVisitDate('2000-01-01', ENROLLED)).toBe('Day 1 (W0)');
    expect(blindedVisitDate('2000-02-26', null)).toBe(DAY_UNKNOWN);
  });
});

describe('redactDates', () => {
  it.each([
    ['DERIVED FOLLOW-UP 20000226', 'DERIVED FOLLOW-UP Day 57'],
    ['FOLLOWUP20000226', 'FOLLOWUPDay 57'],
    ['Visit 2000-02-26', 'Visit Day 57'],
    ['Week 8 (2000-02-26) #2', 'Week 8 (Day 57) #2'],
    ['needs a scan on or after 2000-03-25', 'needs a scan on or after Day 85'],
    ['acquired 20000226103107.123 here', 'acquired Day 57 here'],
    ['at 2000-02-26T10:31:07Z.', 'at Day 57.'],
    ['at 2000-02-26 10:31, again', 'at Day 57, again'],
    ['scan of 26 Feb 2000', 'scan of Day 57'],
    ['scan of 26-FEB-2000', 'scan of Day 57'],
    ['scan of February 26, 2000', 'scan of Day 57'],
    ['from 2000-01-01 to 2000-02-26', 'from Day 1 to Day 57'],
  ])('%s -> %s', (text, expected) => {
    expect(redactDates(text, ENROLLED)).toBe(expected);
  });

  it('hides day/month/year dates whichever way round they are', () => {
    expect(redactDates('CT 02/26/2000 and 26.02.2000', ENROLLED)).toBe(
      `CT ${DATE_HIDDEN} and ${DATE_HIDDEN}`,
    );
  });

  it('hides every date without an enrolment date', () => {
    expect(redactDates('DERIVED FOLLOW-UP 20000226, baseline 2000-01-01')).toBe(
      `DERIVED FOLLOW-UP ${DATE_HIDDEN}, baseline ${DATE_HIDDEN}`,
    );
  });

  it.each([
    'Series 12345678', // not a calendar date
    'Accession 2819497684894126', // eight digits inside a longer number
    'UID 1.2.840.113654.2.55.200002261', // a date-like run inside a UID part
    'UID 1.2.3.2000.4', // a dotted run inside a UID
    'Thk 1.25 mm, 512 x 512, 30/40 mm',
    'Week 8',
    'Day 57 (W8)',
  ])('keeps %s', (text) => {
    expect(redactDates(text, ENROLLED)).toBe(text);
  });

  it('leaves nothing the end-to-end PHI scan would find', () => {
    const phi = phiValues({ studyDate: '20000226', seriesDate: '2000-03-25', patientBirthDate: '19500314' });
    const text =
      'DERIVED FOLLOW-UP 20000226 · 2000-03-25 · 03/25/2000 · 25/03/2000 · 25.03.2000 · born 1950-03-14';
    expect(findPhi(text, phi)).not.toEqual([]);
    expect(findPhi(redactDates(text, ENROLLED), phi)).toEqual([]);
  });
});

describe('dateFormatter', () => {
  it('writes dates as stored for readers who are not blinded', () => {
    const f = dateFormatter(false, ENROLLED);
    expect(f.formatDate('2000-02-26')).toBe('2000-02-26');
    expect(f.formatVisitDate('2000-02-26')).toBe('2000-02-26');
    expect(f.formatDate(null)).toBe('no date');
    expect(f.redact('FOLLOW-UP 20000226')).toBe('FOLLOW-UP 20000226');
  });

  it('writes study days for blinded readers', () => {
    const f = dateFormatter(true, ENROLLED);
    expect(f.formatDate('2000-02-26')).toBe('Day 57');
    expect(f.formatVisitDate('2000-02-26')).toBe('Day 57 (W8)');
    expect(f.formatDate(null)).toBe('no date');
    expect(f.redact('FOLLOW-UP 20000226')).toBe('FOLLOW-UP Day 57');
  });
});
