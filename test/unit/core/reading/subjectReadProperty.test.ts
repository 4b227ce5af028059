import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSubjectRead } from '../../../../src/core/model';
import { evaluateRead } from '../../../../src/core/reading/evaluation';
import { locationCatalogue } from '../../../../src/core/reading/locations';
import { defaultReadOptions, type AssessmentValue, type Lesion } from '../../../../src/core/reading/model';
import { toSubjectRead, type ReadSnapshot } from '../../../../src/core/reading/subjectRead';
import { measure } from './fixtures';

const at = '2026-01-01T00:00:00.000Z';
const codes = locationCatalogue.locations.map((l) => l.code);

const mm = fc.integer({ min: 1, max: 1200 }).map((tenths) => tenths / 10);
const valueFor = (kind: Lesion['kind'], index: number, nodal: boolean, targets: string[]) => {
  const measured = fc
    .array(fc.tuple(mm, mm), { minLength: 1, maxLength: 3 })
    .map((pairs): AssessmentValue => ({
      status: 'measured',
      fragments: pairs.map(([a, b]) => measure(a, nodal ? b : null)),
    }));
  if (kind === 'target') {
    if (index === 0) return measured;
    return fc.oneof(
      measured,
      fc.constantFrom<AssessmentValue>(
        { status: 'too-small', marker: null },
        { status: 'absent', marker: null },
        { status: 'not-evaluated', note: '' },
      ),
      fc.constantFrom(...targets).map((id): AssessmentValue => ({ status: 'merged', intoLesionId: id })),
    );
  }
  if (kind === 'non-target')
    return index === 0
      ? fc.constant<AssessmentValue>({ status: 'present', marker: null })
      : fc.constantFrom<AssessmentValue>(
          { status: 'present', marker: null },
          { status: 'absent', marker: null },
          { status: 'unequivocal-progression', marker: null },
          { status: 'not-evaluated', note: '' },
        );
  // Any status at any visit, the first sighting included: the conversion must still write JSON the
  // contract accepts (a later status whose first sighting it could not write is left out).
  return fc.oneof(
    fc.constantFrom<AssessmentValue>(
      { status: 'equivocal', measurement: null, marker: null },
      { status: 'absent', marker: null },
      { status: 'not-evaluated', note: '' },
      { status: 'increased', measurement: null, marker: null },
    ),
    fc
      .tuple(mm, mm, fc.constantFrom('unequivocal' as const, 'increased' as const))
      .map(([a, b, status]): AssessmentValue => ({ status, measurement: measure(a, b), marker: null })),
  );
};

function enrolmentNoLaterThan(timepoints: readonly { studies: readonly { studyDate: string | null }[] }[]) {
  const dates = timepoints.flatMap((t) => t.studies.map((s) => s.studyDate)).filter((d) => d !== null);
  const last = dates.length === 0 ? null : dates.reduce((a, b) => (b > a ? b : a));
  return last !== null && last < '2026-01-05' ? last : '2026-01-05';
}

const snapshotArb: fc.Arbitrary<ReadSnapshot> = fc
  .record({
    days: fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 1, maxLength: 5 }),
    undated: fc.boolean(),
    lesions: fc.array(
      fc.record({
        kind: fc.constantFrom<Lesion['kind']>('target', 'non-target', 'new'),
        code: fc.constantFrom(...codes),
        deleted: fc.boolean(),
      }),
      { maxLength: 9 },
    ),
    enrolled: fc.boolean(),
    criteria: fc.constantFrom('RECIST1.1' as const, 'iRECIST' as const),
    seed: fc.integer(),
  })
  .chain(({ days, undated, lesions, enrolled, criteria }) => {
    let day = Date.parse('2026-01-02T00:00:00Z');
    const timepoints = days.map((d, i) => {
      day += d * 86_400_000;
      const date = undated && i === days.length - 1 ? null : new Date(day).toISOString().slice(0, 10);
      return {
        id: `tp${i}`,
        subjectId: 's',
        visitName: i === 0 ? 'Baseline' : `Week ${i}`,
        studies: [{ studyInstanceUid: `1.${i}`, patientId: 'P', studyDate: date }],
        createdAt: at,
      };
    });
    const counters = { target: 0, 'non-target': 0, new: 0 };
    const prefix = { target: 'T', 'non-target': 'NT', new: 'N' };
    const records: Lesion[] = lesions.map((l, i) => ({
      id: `l${i}`,
      readId: 'r',
      label: `${prefix[l.kind]}${(counters[l.kind] += 1)}`,
      kind: l.kind,
      locationCode: l.code,
      description: '',
      multiple: false,
      trackingUid: `2.25.${i + 1}`,
      firstSeenTimepointId: l.kind === 'new' ? 'tp1' : null,
      deleted: l.deleted,
      createdAt: at,
    }));
    const targets = records.filter((l) => l.kind === 'target' && !l.deleted).map((l) => l.id);
    const cells = records.flatMap((lesion) =>
      timepoints
        .map((tp, index) => ({ lesion, tp, index }))
        .filter(({ index }) => (lesion.kind === 'new' ? index >= 1 : true)),
    );
    return fc
      .tuple(
        ...cells.map(({ lesion, index }) =>
          fc.option(
            valueFor(
              lesion.kind,
              lesion.kind === 'new' ? index - 1 : index,
              locationCatalogue.require(lesion.locationCode).nodal,
              targets.length > 0 ? targets : ['l0'],
            ),
          ),
        ),
      )
      .map((values) => ({
        read: {
          id: 'r',
          subjectId: 's',
          readerId: 'me',
          criteria,
          options: defaultReadOptions,
          baselineTimepointId: null,
          role: null,
          readerNumber: null,
          createdAt: at,
        },
        subject: {
          id: 's',
          label: 'S-1',
          patientIds: ['P'],
          // Enrolled after a screening baseline, but never after the last scan (that is refused).
          enrollmentDate: enrolled ? enrolmentNoLaterThan(timepoints) : null,
          deathDate: null,
          newAnticancerTherapyDate: null,
          site: null,
          treatmentStartDate: null,
          createdAt: at,
        },
        timepoints,
        lesions: records,
        assessments: cells.flatMap(({ lesion, tp }, i) =>
          values[i]
            ? [{ readId: 'r', lesionId: lesion.id, timepointId: tp.id, value: values[i]!, updatedAt: at }]
            : [],
        ),
      }));
  });

describe('toSubjectRead on any stored read', () => {
  it('writes JSON the engine accepts, and the engine evaluates it', () => {
    fc.assert(
      fc.property(snapshotArb, (snapshot) => {
        const { subjectRead, problems } = toSubjectRead(snapshot);
        if (subjectRead.timepoints.length === 0) {
          // nothing dated: no baseline, said so, and nothing for the engine
          expect(problems).toContain('the subject has no dated timepoint: there is no baseline');
          expect(evaluateRead(snapshot).result).toBeNull();
          return;
        }
        const parsed = parseSubjectRead(JSON.parse(JSON.stringify(subjectRead)));
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
        const declared = new Set(subjectRead.lesions.map((l) => l.id));
        for (const tp of subjectRead.timepoints) {
          for (const id of Object.keys(tp.measurements)) expect(declared.has(id)).toBe(true);
          for (const id of Object.keys(tp.nonTarget)) expect(declared.has(id)).toBe(true);
        }
        expect(evaluateRead(snapshot).result!.timepoints).toHaveLength(subjectRead.timepoints.length);
      }),
      { numRuns: 200 },
    );
  });
});
