import { describe, expect, it } from 'vitest';
import { toSubjectRead } from '../../../../src/core/reading/subjectRead';
import { loadReadView } from '../../../../src/renderer/db/readQueries';
import { storedScenario } from './readTestDb';

describe('stored read -> subject-read JSON', () => {
  it('gives the contract JSON from what the repositories stored', async () => {
    const f = await storedScenario();
    const conversion = toSubjectRead(await loadReadView(f.db, f.read.id), { sliceThicknessMm: () => 1 });
    expect(conversion.problems).toEqual([]);
    expect(conversion.subjectRead).toEqual({
      criteria: 'RECIST1.1',
      options: { confirmationRequired: true, confirmationMinDays: 28, sdMinDays: 42, tooSmallMm: 5 },
      subject: { id: 'P001', enrollmentDate: '2026-01-05', deathDate: null, newAnticancerTherapyDate: null },
      lesions: [
        { id: 'T1', kind: 'target', organ: 'lung', nodal: false, location: 'lung.rul' },
        { id: 'NT1', kind: 'non-target', organ: 'lymph node', nodal: true, location: 'ln.hilar.10r' },
      ],
      timepoints: [
        {
          id: 'Baseline',
          date: '2026-01-02',
          sliceThicknessMm: 1,
          measurements: { T1: { mm: 24.6, sliceThicknessMm: 1 } },
          nonTarget: { NT1: 'present' },
          newLesions: [],
        },
        {
          id: 'Week 8',
          date: '2026-03-01',
          sliceThicknessMm: 1,
          measurements: { T1: { mm: 15.2 } },
          nonTarget: { NT1: 'present' },
          newLesions: [],
        },
        {
          id: 'Week 16',
          date: '2026-04-26',
          sliceThicknessMm: 1,
          measurements: { T1: { mm: 14.8 } },
          nonTarget: { NT1: 'present' },
          newLesions: [
            {
              id: 'N1',
              organ: 'liver',
              status: 'unequivocal',
              nodal: false,
              mm: 12.3,
              sliceThicknessMm: 1,
              location: 'liver.s6',
            },
          ],
        },
      ],
    });
  });
});
