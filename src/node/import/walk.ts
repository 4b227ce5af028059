/**
 * Lists the files under the paths a user chose, recursively. Hidden entries (".DS_Store", ".git")
 * are skipped: they are never DICOM and would only clutter the import report. Symbolic links are
 * followed, each real folder visited once (no loops).
 */
import { opendir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';

export type WalkEntry = { kind: 'file'; path: string } | { kind: 'missing'; path: string; reason: string };

function reasonFor(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'not found (moved or deleted?)';
  if (code === 'EACCES' || code === 'EPERM') return 'not readable (permission denied)';
  return `could not be read: ${error instanceof Error ? error.message : String(error)}`;
}

/** Yields files depth-first, folder entries in name order so scans are reproducible. */
export async function* walkFiles(root: string, signal?: AbortSignal): AsyncGenerator<WalkEntry> {
  let rootStat;
  try {
    rootStat = await stat(root);
  } catch (error) {
    yield { kind: 'missing', path: root, reason: reasonFor(error) };
    return;
  }
  if (!rootStat.isDirectory()) {
    yield { kind: 'file', path: root };
    return;
  }
  const visited = new Set<string>();
  const stack: string[] = [root];
  while (stack.length > 0) {
    if (signal?.aborted) return;
    const folder = stack.pop()!;
    let real: string;
    try {
      real = await realpath(folder);
    } catch (error) {
      yield { kind: 'missing', path: folder, reason: reasonFor(error) };
      continue;
    }
    if (visited.has(real)) continue;
    visited.add(real);
    const subfolders: string[] = [];
    const files: string[] = [];
    try {
      for await (const entry of await opendir(folder)) {
        if (entry.name.startsWith('.')) continue;
        const path = join(folder, entry.name);
        if (entry.isDirectory()) subfolders.push(path);
        else if (entry.isFile()) files.push(path);
        else if (entry.isSymbolicLink()) {
          const target = await stat(path).catch(() => null);
          if (target?.isDirectory()) subfolders.push(path);
          else if (target?.isFile()) files.push(path);
        }
      }
    } catch (error) {
      yield { kind: 'missing', path: folder, reason: `folder ${reasonFor(error)}` };
      continue;
    }
    files.sort();
    for (const path of files) yield { kind: 'file', path };
    // Reverse so the stack pops subfolders in name order.
    subfolders.sort().reverse();
    stack.push(...subfolders);
  }
}
