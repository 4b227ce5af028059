import { describe, expect, it } from 'vitest';
import type { Subject, Timepoint } from '../../../../src/core/reading/model';
import { moveDestinations } from '../../../../src/renderer/reading/moveDestinations';

const subject = (id: string, label: string): Subject => ({
  id,
  label,
  patientIds: [label],
  enrollmentDate: null,
  deathDate: null,
  newAnticancerTherapyDate: null,
  site: null,
  treatmentStartDate: null,
  createdAt: '2026-01-01T00:00:00.000Z',
});
const visit = (id: string, subjectId: string, visitName: string, dates: string[]): Timepoint => ({
  id,
  subjectId,
  visitName,
  studies: dates.map((studyDate, i) => ({ studyInstanceUid: `${id}.${i}`, patientId: subjectId, studyDate })),
  createdAt: '2026-01-01T00:00:00.000Z',
});

const subjects = [subject('s-b', 'BBB-0002'), subject('s-a', 'AAA-0001')];
const timepoints = [
  visit('b1', 's-b', 'Week 8', ['2000-02-26']),
  visit('b0', 's-b', 'Baseline', ['2000-01-01']),
  visit('a0', 's-a', 'Baseline', ['2000-03-10']),
];
const names: Record<string, string> = { 'a0.0': 'DOE^JANE', 'b0.0': '' };

describe('moveDestinations', () => {
  it("offers the subject's own other visits first, then the other patients with a new visit each", () => {
    const groups = moveDestinations(timepoints[0]!, subjects, timepoints, (uid) => names[uid]);
    expect(groups.map((g) => [g.own, g.patient, g.options.map((o) => o.label)])).toEqual([
      [true, 'BBB-0002', ['Baseline (2000-01-01)']],
      [false, 'AAA-0001 (DOE, JANE)', ['Baseline (2000-03-10)', 'a new visit of AAA-0001']],
    ]);
    expect(groups[1]!.options.map((o) => o.value)).toEqual(['timepoint:a0', 'subject:s-a']);
  });

  it('offers a visit of its own only when the visit holds more than one study', () => {
    const shared = visit('b1', 's-b', 'Week 8', ['2000-02-26', '2000-02-27']);
    const own = (tp: Timepoint) =>
      moveDestinations(tp, subjects, [shared, ...timepoints.slice(1)], () => undefined)[0]!;
    expect(own(shared).options.map((o) => o.label)).toEqual(['Baseline (2000-01-01)', 'a visit of its own']);
    expect(own(timepoints[0]!).options.map((o) => o.label)).toEqual(['Baseline (2000-01-01)']);
  });
});
