/**
 * Files picked or dropped in a browser live only as long as the page: the index survives a reload,
 * the File objects do not. This registry maps SOP Instance UIDs to this session's Files; an indexed
 * instance without one is shown as "open the folder again to view" (re-importing re-attaches, adds nothing).
 */
export class SessionFiles {
  private readonly files = new Map<string, File>();
  private readonly listeners = new Set<() => void>();
  private version = 0;

  attach(entries: Iterable<readonly [sopInstanceUid: string, file: File]>): void {
    let changed = false;
    for (const [uid, file] of entries) {
      if (this.files.get(uid) !== file) {
        this.files.set(uid, file);
        changed = true;
      }
    }
    if (changed) {
      this.version++;
      this.listeners.forEach((listener) => listener());
    }
  }

  get(sopInstanceUid: string): File | undefined {
    return this.files.get(sopInstanceUid);
  }

  has(sopInstanceUid: string): boolean {
    return this.files.has(sopInstanceUid);
  }

  /** For useSyncExternalStore: a number that changes whenever files are attached. */
  getVersion = (): number => this.version;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
