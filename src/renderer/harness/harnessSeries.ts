/**
 * HARNESS ONLY: a minimal header read and series grouping so the viewer can be tested before the
 * DICOM core (src/core/dicom: readInstanceHeader, organizeStudies) is on main. The app never uses
 * this; replace it with the core's functions once they land.
 */
import { parseDicom, type DataSet } from 'dicom-parser';
import { imageIdForFile } from '../viewer/cornerstone';
import { positionAlongNormal, type Vec3 } from '../viewer/orientation';
import type { ViewerSeries } from '../viewer/types';

interface HarnessInstance {
  readonly file: File;
  readonly path: string;
  readonly seriesInstanceUid: string;
  readonly frameOfReferenceUid: string | null;
  readonly modality: string;
  readonly description: string;
  readonly instanceNumber: number | null;
  readonly numberOfFrames: number;
  readonly position: number | null;
  readonly sliceThicknessMm: number | null;
}

export interface HarnessResult {
  readonly series: ViewerSeries[];
  readonly rejected: { readonly path: string; readonly reason: string }[];
}

/** How much of each file to read first; the whole file is read only when the header is longer. */
const HEADER_BYTES = 16 * 1024;

export async function groupFiles(files: readonly File[], perFile: boolean): Promise<HarnessResult> {
  const rejected: { path: string; reason: string }[] = [];
  const results = await Promise.all(
    files.map(async (file) => {
      const path = file.webkitRelativePath || file.name;
      try {
        return await readInstance(file, path);
      } catch (error) {
        rejected.push({ path, reason: error instanceof Error ? error.message : String(error) });
        return null;
      }
    }),
  );
  const instances = results.filter((instance): instance is HarnessInstance => instance !== null);
  const groups = new Map<string, HarnessInstance[]>();
  for (const instance of instances) {
    const key = perFile ? instance.path : instance.seriesInstanceUid;
    const group = groups.get(key) ?? [];
    group.push(instance);
    groups.set(key, group);
  }
  const series = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, group]) => toSeries(key, group, perFile));
  return { series, rejected };
}

async function readInstance(file: File, path: string): Promise<HarnessInstance> {
  let dataSet: DataSet;
  try {
    dataSet = parseHeader(new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer()));
  } catch {
    dataSet = parseHeader(new Uint8Array(await file.arrayBuffer()));
  }
  const seriesInstanceUid = dataSet.string('x0020000e');
  if (!seriesInstanceUid) throw new Error('no Series Instance UID');
  const ipp = numbers(dataSet, 'x00200032', 3);
  const iop = numbers(dataSet, 'x00200037', 6);
  const position =
    ipp && iop
      ? positionAlongNormal(
          ipp as unknown as Vec3,
          iop.slice(0, 3) as unknown as Vec3,
          iop.slice(3) as unknown as Vec3,
        )
      : null;
  return {
    file,
    path,
    seriesInstanceUid,
    frameOfReferenceUid: dataSet.string('x00200052') ?? null,
    modality: dataSet.string('x00080060') ?? '',
    description: dataSet.string('x0008103e') ?? '',
    instanceNumber: dataSet.intString('x00200013') ?? null,
    numberOfFrames: dataSet.intString('x00280008') ?? 1,
    position,
    sliceThicknessMm: dataSet.floatString('x00180050') ?? null,
  };
}

function parseHeader(bytes: Uint8Array): DataSet {
  return parseDicom(bytes, { untilTag: 'x7fe00010' });
}

function numbers(dataSet: DataSet, tag: string, count: number): number[] | null {
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    const value = dataSet.floatString(tag, i);
    if (value === undefined || !Number.isFinite(value)) return null;
    values.push(value);
  }
  return values;
}

function toSeries(key: string, group: HarnessInstance[], perFile: boolean): ViewerSeries {
  const byPosition = group.every((instance) => instance.position !== null);
  const sorted = [...group].sort((a, b) =>
    byPosition
      ? a.position! - b.position!
      : (a.instanceNumber ?? 0) - (b.instanceNumber ?? 0) || a.path.localeCompare(b.path),
  );
  const imageIds = sorted.flatMap((instance) =>
    instance.numberOfFrames > 1
      ? Array.from({ length: instance.numberOfFrames }, (_, frame) => imageIdForFile(instance.file, frame))
      : [imageIdForFile(instance.file)],
  );
  const first = sorted[0]!;
  const gaps = byPosition
    ? sorted.slice(1).map((instance, i) => instance.position! - sorted[i]!.position!)
    : [];
  const spacing = gaps.length > 0 ? [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)]! : null;
  return {
    seriesInstanceUid: perFile ? `${first.seriesInstanceUid}#${key}` : first.seriesInstanceUid,
    frameOfReferenceUid: first.frameOfReferenceUid,
    modality: first.modality,
    description: perFile ? key : first.description,
    imageIds,
    sliceThicknessMm: first.sliceThicknessMm,
    sliceSpacingMm: spacing !== null ? Math.abs(spacing) : null,
    warnings: [],
  };
}
