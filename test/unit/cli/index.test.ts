import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli';
import { sharedData } from '../core/dicom/fixtures';

const ct = join(sharedData, 'ct-chest-lidc-0314');
const edgeCases = join(sharedData, 'edge-cases');

describe('cli index', () => {
  it('indexes the LIDC chest CT as one study, one contiguous 275-slice series (JSON)', () => {
    const result = runCli(['index', ct, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.filesScanned).toBe(275);
    expect(report.rejected).toEqual([]);
    expect(report.studies).toHaveLength(1);
    const [study] = report.studies;
    expect(study).toMatchObject({ patientId: 'LIDC-IDRI-0314', studyDate: '2000-01-01' });
    expect(study.studyInstanceUid).toMatch(/^1\.3\.6\.1\.4\.1\.14519\./);
    expect(study.series).toEqual([
      expect.objectContaining({
        modality: 'CT',
        instanceCount: 275,
        frameCount: 275,
        rows: 512,
        columns: 512,
        sliceThicknessMm: 1,
        sliceSpacingMm: 1,
        warnings: [],
      }),
    ]);
    expect(study.series[0].seriesInstanceUid).toMatch(/^1\.3\.6\.1\./);
  });

  it('lists rejected edge cases with reasons, and still indexes the rest (readable summary)', () => {
    const result = runCli(['index', edgeCases, '--workers', '0']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Scanned 159 files: \d+ image files indexed, \d+ rejected\./);
    expect(result.stdout).toContain('pydicom/test-SR.dcm: no pixel data (Structured Report)');
    expect(result.stdout).toContain('pydicom/MR_truncated.dcm: truncated');
    expect(result.stdout).toMatch(
      /Series #1 MR: 1 instance, 1 frame, 64x64, thickness 0\.8 mm, spacing unknown/,
    );
    expect(result.stdout).toContain('warning: ');
  });

  it('exits 2 with the reason on stderr for a path that does not exist, or no path', () => {
    const missing = runCli(['index', '/no/such/folder']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('index: no such file or folder: /no/such/folder');
    expect(missing.stdout).toBe('');
    const none = runCli(['index', '--json']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('give at least one file or folder');
    const unknown = runCli(['index', ct, '--fast']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown option --fast');
  });
});
