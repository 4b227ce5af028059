/**
 * The files the `recist-dicom:` protocol may serve: exactly those an import indexed, persisted as a
 * JSON array (Electron: in the userData folder) so the study list works after a restart without a
 * rescan. Paths are stored resolved; anything else is refused.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

export class IndexedFileAllowlist {
  private readonly paths = new Set<string>();
  private saving: Promise<void> = Promise.resolve();

  private constructor(private readonly storePath: string | null) {}

  /** Loads the list at `storePath`; a missing file is an empty list, a corrupt one is an error naming it. */
  static async load(storePath: string): Promise<IndexedFileAllowlist> {
    const list = new IndexedFileAllowlist(storePath);
    let text: string;
    try {
      text = await readFile(storePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return list;
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`the indexed-file list ${storePath} is not valid JSON`);
    }
    if (!Array.isArray(parsed) || parsed.some((p) => typeof p !== 'string')) {
      throw new Error(`the indexed-file list ${storePath} is not a JSON array of paths`);
    }
    for (const path of parsed as string[]) list.paths.add(resolve(path));
    return list;
  }

  /** Not persisted: for tests and tools. */
  static inMemory(paths: readonly string[] = []): IndexedFileAllowlist {
    const list = new IndexedFileAllowlist(null);
    for (const path of paths) list.paths.add(resolve(path));
    return list;
  }

  has(path: string): boolean {
    return this.paths.has(path);
  }

  get size(): number {
    return this.paths.size;
  }

  /** Adds paths and persists the list (writes are serialised; each replaces the file atomically). */
  add(paths: readonly string[]): Promise<void> {
    let changed = false;
    for (const path of paths) {
      const resolved = resolve(path);
      if (!this.paths.has(resolved)) {
        this.paths.add(resolved);
        changed = true;
      }
    }
    return changed ? this.persist() : this.saving;
  }

  private persist(): Promise<void> {
    const storePath = this.storePath;
    if (storePath === null) return Promise.resolve();
    this.saving = this.saving
      .catch(() => undefined)
      .then(async () => {
        await mkdir(dirname(storePath), { recursive: true });
        const temporary = `${storePath}.${process.pid}.tmp`;
        await writeFile(temporary, JSON.stringify([...this.paths]), 'utf8');
        await rename(temporary, storePath);
      });
    return this.saving;
  }
}
