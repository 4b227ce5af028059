/**
 * The harness's import: the DICOM core's header read and series organisation over picked files,
 * then image ids for the viewer. `perFile` makes every file its own series (the transfer-syntax test
 * set shares series UIDs across its encodings).
 */
import { organizeStudies, readInstanceHeader } from '../../core/dicom';
import type { IndexedInstance, SeriesSummary } from '../../core/dicom/model';
import { imageIdForFile, imageIdForUrl } from '../viewer/cornerstone';
import { toViewerSeries } from '../viewer/series';
import type { ViewerSeries } from '../viewer/types';

export interface HarnessResult {
  readonly series: ViewerSeries[];
  readonly rejected: { readonly path: string; readonly reason: string }[];
}

/** CT/MR headers are a few KiB; the core reads on when a header is longer. */
const HEADER_PROBE_BYTES = 16 * 1024;

interface Picked {
  readonly file: File;
  readonly instance: IndexedInstance;
}

export async function groupFiles(files: readonly File[], perFile: boolean): Promise<HarnessResult> {
  const rejected: { path: string; reason: string }[] = [];
  const picked: Picked[] = [];
  await Promise.all(
    files.map(async (file) => {
      const path = file.webkitRelativePath || file.name;
      const result = await readInstanceHeader(
        {
          sizeBytes: file.size,
          read: async (start, end) => new Uint8Array(await file.slice(start, end).arrayBuffer()),
        },
        HEADER_PROBE_BYTES,
      );
      if (result.kind === 'instance') {
        picked.push({
          file,
          instance: {
            header: result.header,
            source: { kind: 'file', relativePath: path },
            fileSizeBytes: file.size,
          },
        });
      } else if (result.kind === 'rejected') {
        rejected.push({ path, reason: result.reason });
      } else {
        rejected.push({ path, reason: 'DICOMDIR: the harness opens the files themselves' });
      }
    }),
  );
  picked.sort((a, b) => pathOf(a).localeCompare(pathOf(b)));
  const bySop = new Map(picked.map((p) => [p.instance.header.sopInstanceUid, p]));
  const imageIdFor = (summary: SeriesSummary) =>
    toViewerSeries(summary, (frame) => {
      const { file, instance } = bySop.get(frame.sopInstanceUid)!;
      return imageIdForFile(file, instance.header.numberOfFrames > 1 ? frame.frameIndex : undefined);
    });

  const series = perFile
    ? picked.flatMap((p) =>
        organizeStudies([p.instance]).flatMap((study) =>
          study.series.map((summary) => ({
            ...imageIdFor(summary),
            seriesInstanceUid: `${summary.seriesInstanceUid}#${pathOf(p)}`,
            description: pathOf(p),
          })),
        ),
      )
    : organizeStudies(picked.map((p) => p.instance)).flatMap((study) => study.series.map(imageIdFor));
  return { series, rejected: rejected.sort((a, b) => a.path.localeCompare(b.path)) };
}

function pathOf(picked: Picked): string {
  return picked.instance.source.kind === 'file'
    ? picked.instance.source.relativePath
    : picked.instance.source.path;
}

/**
 * Series over files served by HTTP, as the app opens an imported study: instances indexed on the host
 * (their `path` sources), image ids `wadouri:<url>` with `fileUrl(path)` the address that serves one.
 */
export function groupServed(
  instances: readonly IndexedInstance[],
  fileUrl: (path: string) => string,
): HarnessResult {
  const served = instances.filter((i) => i.source.kind === 'path');
  const bySop = new Map(served.map((i) => [i.header.sopInstanceUid, i]));
  const series = organizeStudies(served).flatMap((study) =>
    study.series.map((summary) =>
      toViewerSeries(summary, (frame) => {
        const { header, source } = bySop.get(frame.sopInstanceUid)!;
        const path = source.kind === 'path' ? source.path : '';
        return imageIdForUrl(fileUrl(path), header.numberOfFrames > 1 ? frame.frameIndex : undefined);
      }),
    ),
  );
  return { series, rejected: [] };
}
