import { describe, expect, it } from 'vitest';
import { dateFormatter } from '../../../../src/core/trial/blindedText';
import { closedVisits, visitListLabel } from '../../../../src/renderer/trial/worklistLabels';

const visit = (id: string, visitName: string, studyDate: string) => ({
  id,
  visitName,
  studies: [{ studyInstanceUid: `1.2.${id.length}`, patientId: 'P', studyDate }],
});
const order = [
  visit('b', 'Baseline', '2026-01-02'),
  visit('w8', 'Visit 2026-03-01', '2026-03-01'),
  visit('w16', 'W16', '2026-04-26'),
];
const bicr = { role: 'bicr-reader' as const, readerNumber: 1 as const };

describe('visitListLabel', () => {
  it('gives a blinded reader the study day and week, never the name or date', () => {
    const blinded = dateFormatter(true, '2026-01-05');
    expect(visitListLabel(blinded, order[1]!)).toBe('Day 56 (W8)');
    expect(visitListLabel(dateFormatter(true, null), order[1]!)).toBe('Day ?');
  });

  it('gives everyone else the visit name and scan date', () => {
    expect(visitListLabel(dateFormatter(false, '2026-01-05'), order[2]!)).toBe('W16 · 2026-04-26');
  });
});

describe('closedVisits', () => {
  it("closes a BICR read's visits after the first unsigned one, naming it", () => {
    const dates = dateFormatter(false, '2026-01-05');
    const closed = closedVisits(bicr, order, new Set(), dates);
    expect([...closed]).toEqual([
      ['w8', 'Sign Baseline first: visits are read in order'],
      ['w16', 'Sign Baseline first: visits are read in order'],
    ]);
    const afterBaseline = closedVisits(bicr, order, new Set(['b']), dates);
    expect([...afterBaseline.keys()]).toEqual(['w16']);
    // The visit to sign next is named with its date blinded for a blinded reader.
    expect(afterBaseline.get('w16')).toBe('Sign Visit 2026-03-01 first: visits are read in order');
    expect(closedVisits(bicr, order, new Set(['b']), dateFormatter(true, '2026-01-05')).get('w16')).toBe(
      'Sign Visit Day 56 first: visits are read in order',
    );
    expect(closedVisits(bicr, order, new Set(['b', 'w8']), dates).size).toBe(0);
  });

  it('leaves site reads and reads outside a trial free', () => {
    const dates = dateFormatter(false, null);
    expect(closedVisits({ role: 'site-radiologist', readerNumber: null }, order, new Set(), dates).size).toBe(
      0,
    );
    expect(closedVisits({ role: null, readerNumber: null }, order, new Set(), dates).size).toBe(0);
    expect(closedVisits({ role: 'bicr-reader', readerNumber: null }, order, new Set(), dates).size).toBe(0);
  });
});
