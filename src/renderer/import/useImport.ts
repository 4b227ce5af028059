import { useCallback } from 'react';
import { useServices } from '../app/services';
import { useImportStore } from '../store/importStore';
import type { PickedFile } from './fileHeaders';
import { runImport, type ImportSource } from './importController';
import { describePick } from './pickedFiles';

/** Starts imports from the UI; one at a time (a second request while one runs is ignored). */
export function useImport() {
  const services = useServices();
  const start = useCallback(
    async (source: ImportSource) => {
      const store = useImportStore.getState();
      if (store.running) return;
      const abort = store.begin(source.label);
      try {
        const report = await runImport(
          source,
          services,
          (p) => useImportStore.getState().update(p),
          abort.signal,
        );
        useImportStore.getState().finish(report);
      } catch (error) {
        useImportStore.getState().fail(error instanceof Error ? error.message : String(error));
      }
    },
    [services],
  );
  const importFiles = useCallback(
    (files: readonly PickedFile[]) => {
      if (files.length === 0) return Promise.resolve();
      return start({ kind: 'files', files, label: describePick(files) });
    },
    [start],
  );
  const importPaths = useCallback(
    (paths: readonly string[]) => start({ kind: 'paths', paths, label: paths.join(', ') }),
    [start],
  );
  return { importFiles, importPaths };
}
