import type { PickedFile } from './fileHeaders';

/** Files from an <input type=file> (webkitdirectory gives each file its path inside the chosen folder). */
export function pickedFromInput(list: FileList | null): PickedFile[] {
  return Array.from(list ?? [], (file) => ({ file, relativePath: file.webkitRelativePath || file.name }));
}

/**
 * Files and folders dropped on the window, folders walked recursively. Items must be taken from the
 * DataTransfer synchronously, inside the drop event; the walk itself may then be async. Items without a
 * file-system entry (dragged from a page or an app, not a file manager) still carry their file: without
 * this fallback such a drop would import nothing and say nothing.
 */
export function pickedFromDrop(dataTransfer: DataTransfer): Promise<PickedFile[]> {
  const entries: FileSystemEntry[] = [];
  const plainFiles: PickedFile[] = [];
  for (const item of Array.from(dataTransfer.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry();
    const file = entry ? null : item.getAsFile();
    if (entry) entries.push(entry);
    else if (file) plainFiles.push({ file, relativePath: file.name });
  }
  return pickedFromEntries(entries).then((walked) => [...walked, ...plainFiles]);
}

export async function pickedFromEntries(entries: readonly FileSystemEntry[]): Promise<PickedFile[]> {
  const out: PickedFile[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) =>
        (entry as FileSystemFileEntry).file(resolve, reject),
      );
      out.push({ file, relativePath: entry.fullPath.replace(/^\//, '') });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      // readEntries returns at most ~100 entries per call: read until it returns none.
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
          reader.readEntries(resolve, reject),
        );
        if (batch.length === 0) break;
        for (const child of batch) await walk(child);
      }
    }
  };
  for (const entry of entries) await walk(entry);
  return out;
}

/** "ct-chest (275 files)" for a folder pick, "3 files" otherwise: what the import report calls the source. */
export function describePick(files: readonly PickedFile[]): string {
  const roots = new Set(files.map((f) => (f.relativePath.includes('/') ? f.relativePath.split('/')[0] : '')));
  const count = `${files.length} file${files.length === 1 ? '' : 's'}`;
  if (roots.size === 1 && !roots.has('')) return `${[...roots][0]} (${count})`;
  return count;
}
