import { create } from 'zustand';
import {
  afterRedo,
  afterUndo,
  emptyHistory,
  pushCommand,
  type Command,
  type UndoHistory,
} from '../../core/reading/undo';
import type { LesionKind } from '../../core/reading/model';

export type AppMode = 'studies' | 'reading';

/** What the armed measuring tool is for; the drawing it reports is routed by this. */
export type MeasurePurpose =
  | { readonly kind: 'add-lesion'; readonly lesionKind: LesionKind }
  | { readonly kind: 'measure'; readonly lesionId: string }
  | { readonly kind: 'add-fragment'; readonly lesionId: string }
  | { readonly kind: 'mark'; readonly lesionId: string };

export type MeasureTool = 'Bidirectional' | 'Length' | 'ArrowAnnotate';

export interface MeasureRequest {
  readonly id: string;
  readonly tool: MeasureTool;
  readonly purpose: MeasurePurpose;
}

/** Reading UI state only: the data itself lives in Dexie. */
export interface ReadingState {
  readonly mode: AppMode;
  readonly readerId: string | null;
  readonly subjectId: string | null;
  /** The account that chose the subject: in a trial the next account to sign in opens on its own list. */
  readonly subjectChosenBy: string | null;
  readonly timepointId: string | null;
  readonly selectedLesionId: string | null;
  readonly measureRequest: MeasureRequest | null;
  /** "Go to lesion": the viewer brings both viewports to it when this changes. */
  readonly goToRequest: { readonly lesionId: string; readonly serial: number } | null;
  readonly history: UndoHistory;
  /** The last refused or failed action, shown until dismissed. */
  readonly problem: string | null;
  setMode(mode: AppMode): void;
  setReader(readerId: string | null): void;
  selectSubject(subjectId: string | null): void;
  selectTimepoint(timepointId: string | null): void;
  selectLesion(lesionId: string | null): void;
  arm(tool: MeasureTool, purpose: MeasurePurpose): void;
  goToLesion(lesionId: string): void;
  disarm(): void;
  recordCommand(command: Command | null): void;
  undone(): void;
  redone(): void;
  report(problem: string | null): void;
}

const READER_KEY = 'recist.readerId';
const PLACE_KEY = 'recist.readingPlace';

/**
 * The signed-in account lives in the tab's sessionStorage: a reload keeps it, but a new tab or window,
 * or the next start of the app, asks for a passphrase again (sign-in is per session).
 */
function signedIn(): string | null {
  try {
    return globalThis.sessionStorage?.getItem(READER_KEY) ?? null;
  } catch {
    return null;
  }
}

function keepSignedIn(readerId: string | null): void {
  try {
    if (readerId === null) sessionStorage.removeItem(READER_KEY);
    else sessionStorage.setItem(READER_KEY, readerId);
  } catch {
    // Without storage a reload simply asks to sign in again.
  }
}

function stored(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function store(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Private windows may refuse storage: the place is simply not remembered.
  }
}

/** Where the reader was (mode, subject, visit), so a reload or restart opens the same place. */
interface Place {
  readonly mode: AppMode;
  readonly subjectId: string | null;
  readonly subjectChosenBy: string | null;
  readonly timepointId: string | null;
}

function storedPlace(): Place {
  try {
    const place = JSON.parse(stored(PLACE_KEY) ?? 'null') as Partial<Place> | null;
    return {
      mode: place?.mode === 'reading' ? 'reading' : 'studies',
      subjectId: typeof place?.subjectId === 'string' ? place.subjectId : null,
      subjectChosenBy: typeof place?.subjectChosenBy === 'string' ? place.subjectChosenBy : null,
      timepointId: typeof place?.timepointId === 'string' ? place.timepointId : null,
    };
  } catch {
    return { mode: 'studies', subjectId: null, subjectChosenBy: null, timepointId: null };
  }
}

// Before sign-in existed the chosen profile was kept here for good: it must not sign anyone in now.
store(READER_KEY, null);

export const useReadingStore = create<ReadingState>((set, get) => ({
  ...storedPlace(),
  readerId: signedIn(),
  selectedLesionId: null,
  measureRequest: null,
  goToRequest: null,
  history: emptyHistory(),
  problem: null,
  setMode: (mode) => set({ mode }),
  setReader(readerId) {
    keepSignedIn(readerId);
    set({ readerId, history: emptyHistory() });
  },
  selectSubject: (subjectId) =>
    set({
      subjectId,
      subjectChosenBy: subjectId === null ? null : get().readerId,
      timepointId: null,
      selectedLesionId: null,
      measureRequest: null,
      history: emptyHistory(),
    }),
  selectTimepoint: (timepointId) => set({ timepointId, measureRequest: null }),
  selectLesion: (selectedLesionId) => set({ selectedLesionId }),
  arm: (tool, purpose) => set({ measureRequest: { id: crypto.randomUUID(), tool, purpose }, problem: null }),
  disarm: () => set({ measureRequest: null }),
  goToLesion: (lesionId) =>
    set({
      selectedLesionId: lesionId,
      goToRequest: { lesionId, serial: (get().goToRequest?.serial ?? 0) + 1 },
    }),
  recordCommand: (command) => set({ history: pushCommand(get().history, command) }),
  undone: () => set({ history: afterUndo(get().history) }),
  redone: () => set({ history: afterRedo(get().history) }),
  report: (problem) => set({ problem }),
}));

useReadingStore.subscribe((state, previous) => {
  if (
    state.mode === previous.mode &&
    state.subjectId === previous.subjectId &&
    state.subjectChosenBy === previous.subjectChosenBy &&
    state.timepointId === previous.timepointId
  )
    return;
  const place: Place = {
    mode: state.mode,
    subjectId: state.subjectId,
    subjectChosenBy: state.subjectChosenBy,
    timepointId: state.timepointId,
  };
  store(PLACE_KEY, JSON.stringify(place));
});
