/**
 * `recist-ws index <path...> [--json] [--workers N]`: scans files and folders with the same
 * import code as the app and prints what it found: studies, series (counts, thickness, spacing,
 * warnings) and every rejected file with its reason.
 * Exit codes: 0 the scan ran (rejected files included), 2 bad arguments (no path, a path that does
 * not exist, an unknown option), with the reason on stderr.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { IndexedInstance, Rejection, SeriesSummary, StudySummary } from '../../core/dicom/model';
import { organizeStudies } from '../../core/dicom/organize';
import { defaultWorkerCount } from '../../node/import/headerPool';
import { scanPaths } from '../../node/import/scanPaths';

const USAGE = 'usage: recist-ws index <file-or-folder...> [--json] [--workers N]';

interface Arguments {
  readonly paths: string[];
  readonly json: boolean;
  readonly workers: number;
}

function parseArguments(args: readonly string[]): Arguments | string {
  const paths: string[] = [];
  let json = false;
  let workers = defaultWorkerCount();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--workers') {
      const value = Number(args[i + 1]);
      if (!Number.isInteger(value) || value < 0 || value > 64)
        return '--workers needs a whole number from 0 to 64';
      workers = value;
      i += 1;
    } else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else paths.push(arg);
  }
  if (paths.length === 0) return 'give at least one file or folder to index';
  const missing = paths.filter((path) => !existsSync(path));
  if (missing.length > 0) return missing.map((path) => `no such file or folder: ${path}`).join('\n');
  return { paths: paths.map((path) => resolve(path)), json, workers };
}

function seriesJson(series: SeriesSummary) {
  return {
    seriesInstanceUid: series.seriesInstanceUid,
    seriesNumber: series.seriesNumber,
    modality: series.modality,
    seriesDescription: series.seriesDescription,
    instanceCount: series.instanceCount,
    frameCount: series.frameCount,
    rows: series.rows,
    columns: series.columns,
    sliceThicknessMm: series.sliceThicknessMm,
    sliceSpacingMm: series.sliceSpacingMm,
    warnings: series.warnings,
  };
}

function studyJson(study: StudySummary) {
  return {
    studyInstanceUid: study.studyInstanceUid,
    patientId: study.patientId,
    patientName: study.patientName,
    studyDate: study.studyDate,
    studyDescription: study.studyDescription,
    accessionNumber: study.accessionNumber,
    modalities: study.modalities,
    series: study.series.map(seriesJson),
  };
}

function millimetres(value: number | null): string {
  return value === null ? 'unknown' : `${Number(value.toFixed(3))} mm`;
}

function readable(
  filesScanned: number,
  imported: number,
  studies: StudySummary[],
  rejected: Rejection[],
): string {
  const lines: string[] = [];
  const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;
  lines.push(
    `Scanned ${plural(filesScanned, 'file')}: ${plural(imported, 'image file')} indexed, ${rejected.length} rejected.`,
  );
  const seriesCount = studies.reduce((n, study) => n + study.series.length, 0);
  lines.push(`${plural(studies.length, 'study', 'studies')}, ${plural(seriesCount, 'series', 'series')}.`);
  for (const study of studies) {
    lines.push('');
    const description = study.studyDescription ? ` "${study.studyDescription}"` : '';
    lines.push(
      `Study ${study.studyDate ?? '(no date)'}${description}, patient ${study.patientName || '(no name)'} [${study.patientId || 'no ID'}], ${study.modalities.join('/') || 'no modality'}`,
    );
    lines.push(`  ${study.studyInstanceUid}`);
    for (const series of study.series) {
      const number = series.seriesNumber === null ? '' : ` #${series.seriesNumber}`;
      const description = series.seriesDescription ? ` "${series.seriesDescription}"` : '';
      lines.push(
        `  Series${number} ${series.modality || '??'}${description}: ${plural(series.instanceCount, 'instance')}, ${plural(series.frameCount, 'frame')}, ${series.columns}x${series.rows}, thickness ${millimetres(series.sliceThicknessMm)}, spacing ${millimetres(series.sliceSpacingMm)}`,
      );
      for (const warning of series.warnings) lines.push(`    warning: ${warning.message}`);
    }
  }
  if (rejected.length > 0) {
    lines.push('', `Rejected (${rejected.length}):`);
    for (const rejection of rejected) lines.push(`  ${rejection.path}: ${rejection.reason}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function run(args: readonly string[]): Promise<number> {
  const parsed = parseArguments(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`index: ${parsed}\n${USAGE}\n`);
    return 2;
  }
  const instances: IndexedInstance[] = [];
  const rejected: Rejection[] = [];
  const result = await scanPaths(parsed.paths, {
    workers: parsed.workers,
    onBatch: (batch) => {
      instances.push(...batch.instances);
      rejected.push(...batch.rejected);
    },
  });
  const studies = organizeStudies(instances);
  if (parsed.json) {
    const output = {
      filesScanned: result.progress.scanned,
      instancesIndexed: result.progress.imported,
      studies: studies.map(studyJson),
      rejected,
    };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  } else {
    process.stdout.write(readable(result.progress.scanned, result.progress.imported, studies, rejected));
  }
  return 0;
}
