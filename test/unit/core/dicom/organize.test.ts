import { describe, expect, it } from 'vitest';
import type { FrameGeometry, InstanceHeader, SeriesSummary } from '../../../../src/core/dicom/model';
import { organizeStudies } from '../../../../src/core/dicom/organize';
import { geometryAt, shuffled, slice } from './fixtures';

function onlySeries(instances: Parameters<typeof organizeStudies>[0]): SeriesSummary {
  const studies = organizeStudies(instances);
  expect(studies).toHaveLength(1);
  expect(studies[0]!.series).toHaveLength(1);
  return studies[0]!.series[0]!;
}

function stack(count: number, spacing = 1, start = 0) {
  return Array.from({ length: count }, (_, i) => slice(start + i * spacing, { instanceNumber: i + 1 }));
}

const codes = (series: SeriesSummary) => series.warnings.map((w) => w.code);

describe('organizeStudies: ordering', () => {
  it('sorts shuffled slices by position along the slice normal', () => {
    const instances = stack(40, 1.25);
    const series = onlySeries(shuffled(instances));
    expect(series.frames.map((f) => f.sopInstanceUid)).toEqual(instances.map((i) => i.header.sopInstanceUid));
    expect(series.frames.map((f) => f.positionMm)).toEqual(instances.map((_, i) => i * 1.25));
    expect(series.sliceSpacingMm).toBe(1.25);
    expect(series.warnings).toEqual([]);
  });

  it('ignores instance numbers that contradict the geometry', () => {
    const instances = [0, 1, 2, 3].map((z, i) => slice(z, { instanceNumber: [1, 3, 2, 4][i]! }));
    const series = onlySeries(shuffled(instances, 3));
    expect(series.frames.map((f) => f.positionMm)).toEqual([0, 1, 2, 3]);
  });

  it('follows the scanner numbering direction (head to feet stays head to feet)', () => {
    const instances = [0, 1, 2, 3, 4].map((i) => slice(-i * 2, { instanceNumber: i + 1 }));
    const series = onlySeries(shuffled(instances));
    expect(series.frames.map((f) => f.positionMm)).toEqual([0, -2, -4, -6, -8]);
    expect(series.sliceSpacingMm).toBe(2);
  });

  it('projects on the normal of oblique slices, not on z', () => {
    const c = Math.SQRT1_2;
    // Rows along x, columns tilted in y/z: the normal is (0, -c, c).
    const oblique: FrameGeometry['imageOrientationPatient'] = [1, 0, 0, 0, c, c];
    const instances = [0, 1, 2].map((i) =>
      slice(0, {
        instanceNumber: i + 1,
        geometry: {
          ...geometryAt(0),
          imageOrientationPatient: oblique,
          imagePositionPatient: [0, -i * 3 * c, i * 3 * c],
        },
      }),
    );
    const series = onlySeries(shuffled(instances));
    expect(series.sliceSpacingMm).toBeCloseTo(3, 6);
    expect(series.frames.map((f) => f.sopInstanceUid)).toEqual(instances.map((i) => i.header.sopInstanceUid));
  });

  it('falls back to instance number without geometry, and says so', () => {
    const instances = [3, 1, 2].map((n) => slice(null, { instanceNumber: n }));
    const series = onlySeries(instances);
    expect(series.frames.map((f) => f.positionMm)).toEqual([null, null, null]);
    expect(series.frames.map((f) => f.sopInstanceUid)).toEqual(
      [instances[1]!, instances[2]!, instances[0]!].map((i) => i.header.sopInstanceUid),
    );
    expect(series.sliceSpacingMm).toBeNull();
    expect(series.warnings).toEqual([
      {
        code: 'NO_GEOMETRY',
        message:
          'no slice positions: the 3 images are ordered by instance number and the slice spacing is unknown',
      },
    ]);
  });

  it('does not warn about geometry for a single image', () => {
    expect(onlySeries([slice(null)]).warnings).toEqual([]);
  });
});

describe('organizeStudies: spacing and warnings', () => {
  it('reports a gap with its size, place and the expected spacing', () => {
    const zs = [...Array.from({ length: 40 }, (_, i) => i), ...Array.from({ length: 10 }, (_, i) => 44 + i)];
    const instances = zs.map((z, i) => slice(z, { instanceNumber: i + 1 }));
    const series = onlySeries(shuffled(instances));
    expect(series.sliceSpacingMm).toBe(1);
    expect(series.warnings).toEqual([
      { code: 'GAP', message: 'gap of 5.0 mm between slices 40 and 41 (expected 1.0 mm)' },
    ]);
  });

  it('does not call a slightly larger step a gap (threshold 1.5x the median)', () => {
    const zs = [0, 2, 4, 6, 8.9, 10.9];
    const series = onlySeries(zs.map((z, i) => slice(z, { instanceNumber: i + 1 })));
    expect(codes(series)).not.toContain('GAP');
    expect(codes(series)).toContain('IRREGULAR_SPACING');
  });

  it('tolerates rounding noise in positions', () => {
    const zs = [0, 1.001, 1.999, 3.0, 4.002];
    expect(onlySeries(zs.map((z, i) => slice(z, { instanceNumber: i + 1 }))).warnings).toEqual([]);
  });

  it('reports duplicate positions and keeps both slices', () => {
    const instances = [0, 1, 2, 2, 3].map((z, i) => slice(z, { instanceNumber: i + 1 }));
    const series = onlySeries(shuffled(instances));
    expect(series.frameCount).toBe(5);
    expect(series.sliceSpacingMm).toBe(1);
    expect(series.warnings).toEqual([
      { code: 'DUPLICATE_POSITION', message: 'slices 3 and 4 are at the same position (2.0 mm)' },
    ]);
  });

  it('reports a localizer mixed into an axial series, and keeps its spacing out of the stack spacing', () => {
    const localizer = slice(0, {
      instanceNumber: 99,
      geometry: { ...geometryAt(0), imageOrientationPatient: [0, 1, 0, 0, 0, -1] },
    });
    const series = onlySeries([...stack(10, 2), localizer]);
    expect(series.sliceSpacingMm).toBe(2);
    expect(series.warnings.map((w) => w.code)).toEqual(['MIXED_ORIENTATION']);
    expect(series.warnings[0]!.message).toMatch(/^1 of 11 slices lie in a different plane/);
  });

  it('reports mixed image sizes and keeps the most common size', () => {
    const instances = [...stack(4, 1), slice(4, { instanceNumber: 5, rows: 256, columns: 256 })];
    const series = onlySeries(instances);
    expect(series.rows).toBe(512);
    expect(series.warnings).toEqual([
      {
        code: 'MIXED_SIZE',
        message: 'mixed image sizes in one series: 512x512 (4 images), 256x256 (1 image)',
      },
    ]);
  });

  it('takes the frame of reference of the first slice in reading order, whatever the file order', () => {
    // As in the LIDC archive: every file its own Frame of Reference UID.
    const instances = stack(5, 1).map((instance, i) => ({
      ...instance,
      header: { ...instance.header, frameOfReferenceUid: `1.2.826.0.77.${i}` },
    }));
    for (const order of [instances, [...instances].reverse(), shuffled(instances)])
      expect(onlySeries(order).frameOfReferenceUid).toBe('1.2.826.0.77.0');
    expect(onlySeries(stack(3, 1)).frameOfReferenceUid).toBe('1.2.826.0.9.2');
  });

  it('summarises long lists of gaps', () => {
    const withGaps = [0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32, 40, 41, 42, 50, 51, 52, 60, 61, 62, 70];
    const series = onlySeries(withGaps.map((z, i) => slice(z, { instanceNumber: i + 1 })));
    const gaps = series.warnings.filter((w) => w.code === 'GAP');
    expect(gaps).toHaveLength(6);
    expect(gaps.at(-1)!.message).toBe('and 2 more gaps');
  });
});

describe('organizeStudies: multi-frame, dedupe and grouping', () => {
  it('gives one frame per frame of a multi-frame object, ordered by its per-frame geometry', () => {
    const perFrame = [4, 0, 2, 6].map((z) => geometryAt(z));
    const enhanced = slice(0, { numberOfFrames: 4, perFrameGeometry: perFrame, instanceNumber: 1 });
    const series = onlySeries([enhanced]);
    expect(series.instanceCount).toBe(1);
    expect(series.frameCount).toBe(4);
    expect(series.frames.map((f) => f.frameIndex)).toEqual([1, 2, 0, 3]);
    expect(series.sliceSpacingMm).toBe(2);
  });

  it('keeps frames of a multi-frame object without per-frame geometry in frame order', () => {
    const cine = slice(0, { numberOfFrames: 3, instanceNumber: 1 });
    const series = onlySeries([cine]);
    expect(series.frames.map((f) => f.frameIndex)).toEqual([0, 1, 2]);
    expect(codes(series)).toEqual(['NO_GEOMETRY']);
  });

  it('counts a SOP Instance UID once', () => {
    const [a, b] = stack(2);
    const series = onlySeries([a!, b!, { ...a!, source: { kind: 'path', path: '/elsewhere/copy.dcm' } }]);
    expect(series.instanceCount).toBe(2);
    expect(series.frames.map((f) => f.sopInstanceUid)).toEqual([
      a!.header.sopInstanceUid,
      b!.header.sopInstanceUid,
    ]);
  });

  it('groups patients, studies and series, and orders them', () => {
    const ct = stack(3).map((s) => ({ ...s, header: { ...s.header, seriesNumber: 3 } }));
    const scout = slice(0, { seriesNumber: 1, seriesInstanceUid: '9.1', seriesDescription: 'Scout' });
    const mr = slice(0, {
      studyInstanceUid: '8',
      seriesInstanceUid: '8.1',
      modality: 'MR',
      studyDate: '2023-05-01',
    });
    const other = slice(0, {
      patientName: 'Another^One',
      patientId: 'P0',
      studyInstanceUid: '7',
      seriesInstanceUid: '7.1',
    });
    const studies = organizeStudies(shuffled([...ct, scout, mr, other]));
    expect(studies.map((s) => s.patientName)).toEqual(['Another^One', 'Test^Patient', 'Test^Patient']);
    expect(studies.map((s) => s.studyDate)).toEqual(['2024-01-02', '2023-05-01', '2024-01-02']);
    const ctStudy = studies[2]!;
    expect(ctStudy.series.map((s) => s.seriesDescription)).toEqual(['Scout', 'Axial 1mm']);
    expect(ctStudy.modalities).toEqual(['CT']);
    expect(ctStudy.series[1]).toMatchObject({
      instanceCount: 3,
      frameCount: 3,
      sliceThicknessMm: 1,
      rows: 512,
    });
  });
});

describe('organizeStudies: Clinical Trial Subject ID', () => {
  it('gives the study the first non-empty one among its instances, in any series', () => {
    // The first instance seen has none: a site re-exported only the second series with the trial ID.
    const unstamped = slice(0);
    const stamped = slice(0, { seriesInstanceUid: '1.2.826.0.9.3', clinicalTrialSubjectId: 'TIL-007' });
    const [study] = organizeStudies([unstamped, stamped]);
    expect(study!.clinicalTrialSubjectId).toBe('TIL-007');
  });

  it('skips headers indexed before the field existed (stored without it)', () => {
    const stored = slice(0);
    const { clinicalTrialSubjectId: _absent, ...older } = stored.header;
    const legacy = { ...stored, header: older as InstanceHeader };
    const stamped = slice(1, { clinicalTrialSubjectId: 'TIL-007' });
    expect(organizeStudies([legacy, stamped])[0]!.clinicalTrialSubjectId).toBe('TIL-007');
    expect(organizeStudies([legacy])[0]!.clinicalTrialSubjectId).toBe('');
  });

  it('is empty when no instance of the study has one', () => {
    const [study] = organizeStudies([slice(0), slice(1)]);
    expect(study!.clinicalTrialSubjectId).toBe('');
  });

  it('keeps each study its own ID', () => {
    const studies = organizeStudies([
      slice(0, { clinicalTrialSubjectId: 'TIL-007' }),
      slice(0, { studyInstanceUid: '5', seriesInstanceUid: '5.1', clinicalTrialSubjectId: 'TIL-008' }),
    ]);
    expect(studies.map((s) => [s.studyInstanceUid, s.clinicalTrialSubjectId]).sort()).toEqual([
      ['1.2.826.0.9', 'TIL-007'],
      ['5', 'TIL-008'],
    ]);
  });
});
