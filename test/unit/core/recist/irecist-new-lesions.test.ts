import { describe, expect, it } from 'vitest';
import type { NewLesion } from '../../../../src/core/model';
import { NewLesionTargets, newLesionCourse } from '../../../../src/core/recist';
import { day, evaluate, overalls, type TpSpec } from './builders';

const lesion = (id: string, organ: string, mm?: number, nodal = false): NewLesion => ({
  id,
  organ,
  status: 'unequivocal',
  nodal,
  ...(mm === undefined ? {} : { mm }),
});

/** The new-lesion targets' state at each follow-up (slice thickness per follow-up, null by default). */
function states(followUps: NewLesion[][], slices: (number | null)[] = []) {
  const course = newLesionCourse([
    { id: 'BL', newLesions: [] },
    ...followUps.map((newLesions, i) => ({ id: `F${i + 1}`, newLesions })),
  ]);
  const targets = new NewLesionTargets();
  return followUps.map((_, i) => targets.update(course[i + 1]!, slices[i] ?? null));
}

describe('iRECIST new lesion targets: at most 5, at most 2 per organ, measurable only', () => {
  it('chooses the largest measurable new lesions within the limits', () => {
    const [state] = states([
      [
        lesion('N1', 'liver', 20),
        lesion('N2', 'liver', 15),
        lesion('N3', 'liver', 25),
        lesion('N4', 'left lung', 12),
        lesion('N5', 'neck', 16, true),
        lesion('N6', 'axilla', 14, true), // node < 15 mm short axis: new non-target
        lesion('N7', 'bone', 9), // < 10 mm: new non-target
        lesion('N8', 'spleen', 30),
        lesion('N9', 'kidney', 11), // measurable, but 5 are already chosen
        lesion('N10', 'peritoneum'), // no size: new non-target
      ],
    ]);
    // By size: N8 30, N3 25, N1 20, N5 16 (node), N2 15 (liver full), N4 12: five chosen.
    expect(state!.targetIds).toEqual(['N8', 'N3', 'N1', 'N5', 'N4']);
    expect(state!.sum).toBe(10300);
    expect(state!.complete).toBe(true);
    expect(state!.evaluable).toBe(true);
  });

  it('applies 2 x slice thickness to non-nodal new lesions: the series of the lesion, else the timepoint', () => {
    expect(states([[lesion('N1', 'liver', 11), lesion('N2', 'lung', 12)]], [6])[0]!.targetIds).toEqual([
      'N2',
    ]);
    const ownSeries = { ...lesion('N1', 'liver', 11), sliceThicknessMm: 1 };
    expect(
      states([[ownSeries, { ...lesion('N2', 'lung', 11), sliceThicknessMm: 6 }]], [6])[0]!.targetIds,
    ).toEqual(['N1']);
  });

  it('keeps its choices; later new lesions fill the places left; a lesion not listed is not evaluated', () => {
    const [, second] = states([
      [lesion('N1', 'liver', 20)],
      [lesion('N2', 'liver', 30), lesion('N3', 'liver', 25)],
    ]);
    // The liver already had N1 chosen, so only N2 joins. N1 was not listed again: the sum is not evaluable.
    expect(second!.targetIds).toEqual(['N1', 'N2']);
    expect(second!.firstUnequivocal.map((l) => l.id)).toEqual(['N2', 'N3']);
    expect(second!.notEvaluated).toEqual(['N1']);
    expect(second!.evaluable).toBe(false);
  });

  it('a chosen lesion recorded absent counts 0 mm', () => {
    const [, second] = states([
      [lesion('N1', 'liver', 20), lesion('N2', 'lung', 15)],
      [{ ...lesion('N1', 'liver'), status: 'absent' }, lesion('N2', 'lung', 16)],
    ]);
    expect(second).toMatchObject({ sum: 1600, complete: true, evaluable: true });
  });

  it('a chosen lesion listed without a size makes the sum a lower bound', () => {
    const [, state] = states([[lesion('N1', 'liver', 20)], [lesion('N1', 'liver')]]);
    expect(state).toMatchObject({
      sum: 0,
      complete: false,
      evaluable: true,
      persisting: [expect.objectContaining({ id: 'N1' })],
    });
  });
});

/** Stable target (40 mm) unless given; new lesions per follow-up. */
function course(followUps: { day: number; t1?: number; nl: TpSpec['nl'] }[]) {
  return evaluate({
    criteria: 'iRECIST',
    targets: ['T1:liver'],
    timepoints: [
      { day: -3, m: { T1: 40 } },
      ...followUps.map((f) => ({ day: f.day, m: { T1: f.t1 ?? 40 }, nl: f.nl })),
    ],
  });
}

describe('iRECIST: new lesions drive iUPD and iCPD', () => {
  it('a new lesion is iUPD; its sum growing >= 5 mm (in steps) confirms', () => {
    const result = course([
      { day: 42, nl: [{ id: 'N1', mm: 12 }] },
      { day: 84, nl: [{ id: 'N1', mm: 15 }] },
      { day: 126, nl: [{ id: 'N1', mm: 17 }] },
    ]);
    expect(overalls(result)).toEqual(['iUPD', 'iUPD', 'iCPD']);
    expect(result.timepoints.slice(1).map((t) => t.newLesionTargetSumMm)).toEqual([12, 15, 17]);
    expect(result.timepoints[3]!.explanation).toContain(
      'new-lesion target sum 17.0 mm is +5.0 mm over 12.0 mm at the iUPD (D42)',
    );
    expect(result.progressionDate).toBe(day(42));
  });

  it('another new lesion appearing confirms', () => {
    const result = course([
      { day: 42, nl: [{ id: 'N1', mm: 12 }] },
      { day: 84, nl: [{ id: 'N1', mm: 12 }, { id: 'N2' }] },
    ]);
    expect(overalls(result)).toEqual(['iUPD', 'iCPD']);
  });

  it('new lesions unchanged and no further shrinkage of the targets: iUPD remains (scenario F)', () => {
    const result = course([
      { day: 42, t1: 26, nl: [] },
      { day: 84, t1: 26, nl: [{ id: 'N1', mm: 12 }] },
      { day: 126, t1: 26, nl: [{ id: 'N1', mm: 12 }] },
    ]);
    expect(overalls(result)).toEqual(['iPR', 'iUPD', 'iUPD']);
  });

  it('further shrinkage of the targets after a new-lesion iUPD resets to iPR (scenario B)', () => {
    const result = course([
      { day: 42, t1: 35, nl: [{ id: 'N1', mm: 12 }] },
      { day: 84, t1: 26, nl: [{ id: 'N1', mm: 12 }] },
    ]);
    expect(overalls(result)).toEqual(['iUPD', 'iPR']);
  });

  it('all new lesions gone resets the bar', () => {
    const result = course([
      { day: 42, nl: [{ id: 'N1', mm: 12 }] },
      { day: 84, nl: [{ id: 'N1', status: 'absent' }] },
    ]);
    expect(overalls(result)).toEqual(['iUPD', 'iSD']);
  });

  it('after a reset, known new lesions re-trigger only when their own sum meets PD over its nadir', () => {
    const result = course([
      { day: 42, t1: 35, nl: [{ id: 'N1', mm: 12 }] }, // iUPD
      { day: 84, t1: 26, nl: [{ id: 'N1', mm: 12 }] }, // iPR, reset; new-lesion nadir 12
      { day: 126, t1: 26, nl: [{ id: 'N1', mm: 14 }] }, // +2 mm: not PD
      { day: 168, t1: 26, nl: [{ id: 'N1', mm: 18 }] }, // +6 mm and +50% over 12: new iUPD
    ]);
    expect(overalls(result)).toEqual(['iUPD', 'iPR', 'iPR', 'iUPD']);
  });

  it('an iCR is not possible while a new lesion is present', () => {
    const result = course([
      { day: 42, t1: 35, nl: [{ id: 'N1', mm: 12 }] },
      { day: 84, t1: 0, nl: [{ id: 'N1', mm: 12 }] },
    ]);
    expect(overalls(result)).toEqual(['iUPD', 'iPR']);
  });

  it('an equivocal new lesion is not iUPD until it is unequivocal; then progression is dated back', () => {
    const result = course([
      { day: 42, nl: [{ id: 'N1', mm: 6, status: 'equivocal' }] },
      { day: 84, nl: [{ id: 'N1', mm: 11 }] },
      { day: 126, nl: [{ id: 'N1', mm: 16 }] },
    ]);
    expect(overalls(result)).toEqual(['iSD', 'iUPD', 'iCPD']);
    expect(result.progressionDate).toBe(day(42));
    expect(result.bestOverallResponse).toBe('iCPD');
  });
});
