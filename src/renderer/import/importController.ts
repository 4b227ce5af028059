import type { IndexedInstance, Rejection } from '../../core/dicom/model';
import type { PlatformBridge, ScanProgress } from '../../platform/bridge';
import type { ImportReportRecord, RecistDatabase } from '../db/database';
import { addInstances, refreshSummaries, saveImportReport } from '../db/indexRepository';
import type { FileHeaderReader, FileHeaderResult, PickedFile } from './fileHeaders';
import { missingDicomdirReferences } from './dicomdirReferences';
import type { SessionFiles } from './sessionFiles';

export type ImportSource =
  | { readonly kind: 'files'; readonly files: readonly PickedFile[]; readonly label: string }
  | { readonly kind: 'paths'; readonly paths: readonly string[]; readonly label: string };

export interface ImportProgress extends ScanProgress {
  readonly duplicates: number;
  /** Files to look at, when known up front (picked files); null while a disk scan is still walking. */
  readonly total: number | null;
}

export interface ImportDeps {
  readonly db: RecistDatabase;
  readonly platform: PlatformBridge;
  readonly readFileHeaders: FileHeaderReader;
  readonly sessionFiles: SessionFiles;
  readonly now?: () => Date;
  /** How often derived series/study summaries are refreshed while an import runs. */
  readonly refreshEveryMs?: number;
}

const BATCH_SIZE = 64;

/**
 * Imports what the user chose into the index. Bad files never stop it: each becomes a rejection
 * with a reason. Cancelling keeps everything stored so far. Returns the saved import report.
 */
export async function runImport(
  source: ImportSource,
  deps: ImportDeps,
  onProgress: (progress: ImportProgress) => void,
  signal?: AbortSignal,
): Promise<ImportReportRecord> {
  const now = deps.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const rejected: Rejection[] = [];
  let scanned = 0;
  let imported = 0;
  let duplicates = 0;
  let dicomdirs = 0;
  const total = source.kind === 'files' ? source.files.length : null;
  const report = () => onProgress({ scanned, imported, rejected: rejected.length, duplicates, total });

  const staleSeries = new Set<string>();
  let lastRefresh = Date.now();
  const refreshIfDue = async (force: boolean) => {
    if (staleSeries.size === 0) return;
    if (!force && Date.now() - lastRefresh < (deps.refreshEveryMs ?? 1000)) return;
    const uids = [...staleSeries];
    staleSeries.clear();
    lastRefresh = Date.now();
    await refreshSummaries(deps.db, uids);
  };

  // Writes are serialised: batches arrive from workers faster than IndexedDB transactions end.
  let writes = Promise.resolve();
  const store = (instances: readonly IndexedInstance[], files?: ReadonlyMap<IndexedInstance, File>) => {
    writes = writes.then(async () => {
      // Cancel means stop: batches read but not yet stored are dropped, stored ones stay.
      if (signal?.aborted) return;
      const result = await addInstances(deps.db, instances, startedAt);
      imported += result.added.length;
      duplicates += result.duplicates.length;
      result.touchedSeriesUids.forEach((uid) => staleSeries.add(uid));
      if (files)
        deps.sessionFiles.attach(instances.map((i) => [i.header.sopInstanceUid, files.get(i)!] as const));
      report();
      await refreshIfDue(false);
    });
    return writes;
  };

  try {
    if (source.kind === 'files') {
      dicomdirs = await importFiles(
        source.files,
        deps.readFileHeaders,
        store,
        rejected,
        () => {
          scanned++;
          report();
        },
        signal,
      );
    } else {
      const summary = await deps.platform.scanPaths(
        source.paths,
        (batch) => {
          scanned = batch.progress.scanned;
          rejected.push(...batch.rejected);
          if (batch.instances.length > 0) void store(batch.instances);
          else report();
        },
        signal,
      );
      scanned = summary.progress.scanned;
    }
  } finally {
    await writes;
    await refreshIfDue(true);
  }
  const cancelled = signal?.aborted ?? false;
  report();
  const record: ImportReportRecord = {
    startedAt,
    finishedAt: now().toISOString(),
    sourceLabel: source.label,
    scanned,
    imported,
    duplicates,
    dicomdirs,
    rejected,
    cancelled,
  };
  const id = await saveImportReport(deps.db, record);
  return { ...record, id };
}

async function importFiles(
  files: readonly PickedFile[],
  readFileHeaders: FileHeaderReader,
  store: (instances: readonly IndexedInstance[], files: ReadonlyMap<IndexedInstance, File>) => Promise<void>,
  rejected: Rejection[],
  onScanned: () => void,
  signal?: AbortSignal,
): Promise<number> {
  let batch: IndexedInstance[] = [];
  let batchFiles = new Map<IndexedInstance, File>();
  const dicomdirReferences: { dicomdir: PickedFile; referenced: string[] }[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    void store(batch, batchFiles);
    batch = [];
    batchFiles = new Map();
  };
  await readFileHeaders(
    files,
    ({ picked, result }: FileHeaderResult) => {
      if (result.kind === 'instance') {
        const instance: IndexedInstance = {
          header: result.header,
          source: { kind: 'file', relativePath: picked.relativePath },
          fileSizeBytes: picked.file.size,
        };
        batch.push(instance);
        batchFiles.set(instance, picked.file);
        if (batch.length >= BATCH_SIZE) flush();
      } else if (result.kind === 'dicomdir') {
        dicomdirReferences.push({ dicomdir: picked, referenced: result.referencedFiles });
      } else {
        rejected.push({ path: picked.relativePath, reason: result.reason });
      }
      onScanned();
    },
    signal,
  );
  flush();
  if (!signal?.aborted) rejected.push(...missingDicomdirReferences(files, dicomdirReferences));
  return dicomdirReferences.length;
}
