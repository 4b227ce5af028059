import { create } from 'zustand';
import type { ImportReportRecord } from '../db/database';
import type { ImportProgress } from '../import/importController';

/** UI state of the one import that may run at a time (the results themselves live in Dexie). */
export interface ImportState {
  readonly running: boolean;
  readonly label: string;
  readonly progress: ImportProgress | null;
  readonly lastReport: ImportReportRecord | null;
  readonly error: string | null;
  readonly abort: AbortController | null;
  begin(label: string): AbortController;
  update(progress: ImportProgress): void;
  finish(report: ImportReportRecord): void;
  fail(message: string): void;
  cancel(): void;
  dismissReport(): void;
}

export const useImportStore = create<ImportState>((set, get) => ({
  running: false,
  label: '',
  progress: null,
  lastReport: null,
  error: null,
  abort: null,
  begin(label) {
    const abort = new AbortController();
    set({ running: true, label, progress: null, lastReport: null, error: null, abort });
    return abort;
  },
  update: (progress) => set({ progress }),
  finish: (report) => set({ running: false, lastReport: report, abort: null }),
  fail: (message) => set({ running: false, error: message, abort: null }),
  cancel: () => get().abort?.abort(),
  dismissReport: () => set({ lastReport: null, error: null }),
}));
