/**
 * Where the reader was in each series: slice, window, inversion, zoom and pan, by Series Instance
 * UID. A series opens where the reader left it, after a switch of visit or series and after a reload:
 * reopening every series at slice 1 in the file's window made a reader place an arrow on the neck.
 *
 * Kept in memory and written to localStorage at most once per WRITE_DELAY_MS (a scroll changes the
 * slice dozens of times a second) and when the page is hidden or unloaded. Only the most recently
 * viewed CAPACITY series are kept. It is a viewing preference, not read data: nothing in it is part of
 * a read, so it is not written through the audited database path.
 */

export interface RememberedView {
  /** 0-based slice index when it was left. */
  readonly slice: number;
  /** That slice's image, to find it again when the series has gained or lost images since. */
  readonly sopInstanceUid: string | null;
  readonly frameIndex: number;
  /** The VOI range in modality units (lower, upper), null for the file's own window. */
  readonly voi: { readonly lower: number; readonly upper: number } | null;
  readonly invert: boolean;
  /** Magnification relative to "fit to viewport" (1 = fit); independent of the viewport's size. */
  readonly zoom: number;
  /** Image pixel (column, row) at the middle of the viewport: the pan, whatever the viewport's size. */
  readonly centre: readonly [number, number] | null;
  /** When this view last changed (ms since the epoch): the latest position leads in slice sync. */
  readonly savedAt: number;
}

export type ViewToRemember = Omit<RememberedView, 'savedAt'>;

export interface ViewMemoryStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface ViewMemoryOptions {
  readonly storage: ViewMemoryStorage | null;
  readonly key?: string;
  readonly capacity?: number;
  readonly writeDelayMs?: number;
  readonly now?: () => number;
  readonly setTimer?: (run: () => void, ms: number) => unknown;
}

export const VIEW_MEMORY_KEY = 'recist.viewMemory.v1';
const CAPACITY = 300;
const WRITE_DELAY_MS = 1000;

export class ViewMemory {
  /** In least-recently-changed order: the first entries are dropped when over capacity. */
  private readonly views = new Map<string, RememberedView>();
  private readonly storage: ViewMemoryStorage | null;
  private readonly key: string;
  private readonly capacity: number;
  private readonly writeDelayMs: number;
  private readonly now: () => number;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private writePending = false;

  constructor({
    storage,
    key = VIEW_MEMORY_KEY,
    capacity = CAPACITY,
    writeDelayMs = WRITE_DELAY_MS,
    now = Date.now,
    setTimer = (run, ms) => setTimeout(run, ms),
  }: ViewMemoryOptions) {
    this.storage = storage;
    this.key = key;
    this.capacity = capacity;
    this.writeDelayMs = writeDelayMs;
    this.now = now;
    this.setTimer = setTimer;
    for (const [uid, view] of readStored(storage, key)) this.views.set(uid, view);
    this.trim();
  }

  recall(seriesInstanceUid: string): RememberedView | null {
    return this.views.get(seriesInstanceUid) ?? null;
  }

  /** Records the view of a series; an unchanged view changes nothing (not even its time). */
  remember(seriesInstanceUid: string, view: ViewToRemember): void {
    const old = this.views.get(seriesInstanceUid);
    if (old && sameView(old, view)) return;
    this.views.delete(seriesInstanceUid);
    this.views.set(seriesInstanceUid, { ...view, savedAt: this.now() });
    this.trim();
    this.scheduleWrite();
  }

  /** Writes what changed now (the page is being hidden or unloaded). */
  flush(): void {
    if (!this.writePending) return;
    this.writePending = false;
    if (!this.storage) return;
    try {
      this.storage.setItem(this.key, JSON.stringify({ views: Object.fromEntries(this.views) }));
    } catch {
      // Storage full or refused (private mode): the memory still serves this session.
    }
  }

  private scheduleWrite(): void {
    if (this.writePending) return;
    this.writePending = true;
    this.setTimer(() => this.flush(), this.writeDelayMs);
  }

  private trim(): void {
    for (const uid of this.views.keys()) {
      if (this.views.size <= this.capacity) return;
      this.views.delete(uid);
    }
  }
}

function sameView(a: ViewToRemember, b: ViewToRemember): boolean {
  return (
    a.slice === b.slice &&
    a.sopInstanceUid === b.sopInstanceUid &&
    a.frameIndex === b.frameIndex &&
    a.voi?.lower === b.voi?.lower &&
    a.voi?.upper === b.voi?.upper &&
    a.invert === b.invert &&
    Math.abs(a.zoom - b.zoom) < 1e-4 &&
    a.centre?.[0] === b.centre?.[0] &&
    a.centre?.[1] === b.centre?.[1]
  );
}

/** The stored views, oldest first; anything unreadable is skipped (an older format, a hand edit). */
function readStored(storage: ViewMemoryStorage | null, key: string): [string, RememberedView][] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage?.getItem(key) ?? 'null');
  } catch {
    return [];
  }
  const views = (parsed as { views?: unknown } | null)?.views;
  if (!views || typeof views !== 'object') return [];
  return Object.entries(views as Record<string, unknown>)
    .filter((entry): entry is [string, RememberedView] => isRememberedView(entry[1]))
    .sort((a, b) => a[1].savedAt - b[1].savedAt);
}

function isRememberedView(value: unknown): value is RememberedView {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  const voi = v.voi as { lower?: unknown; upper?: unknown } | null;
  const centre = v.centre as unknown[] | null;
  return (
    finite(v.slice) &&
    v.slice >= 0 &&
    (v.sopInstanceUid === null || typeof v.sopInstanceUid === 'string') &&
    finite(v.frameIndex) &&
    (voi === null || (typeof voi === 'object' && finite(voi.lower) && finite(voi.upper))) &&
    typeof v.invert === 'boolean' &&
    finite(v.zoom) &&
    v.zoom > 0 &&
    (centre === null || (Array.isArray(centre) && centre.length === 2 && centre.every(finite))) &&
    finite(v.savedAt)
  );
}

let shared: ViewMemory | null = null;

/** The page's view memory over localStorage, written when the page is hidden or unloaded too. */
export function viewMemory(): ViewMemory {
  if (shared) return shared;
  let storage: ViewMemoryStorage | null = null;
  try {
    storage = typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // A page without storage access: the memory lasts for this session only.
  }
  const memory = new ViewMemory({ storage });
  shared = memory;
  if (typeof window !== 'undefined') {
    window.addEventListener('pagehide', () => memory.flush());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') memory.flush();
    });
  }
  return memory;
}
