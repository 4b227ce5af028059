import { describe, expect, it } from 'vitest';
import { pickedFromDrop } from '../../../src/renderer/import/pickedFiles';

const file = (name: string) => new File([new Uint8Array(4)], name);

/** A drop as the browser hands it over: items with or without a file-system entry. */
function dropOf(items: { file: File; entry: FileSystemEntry | null; kind?: string }[]): DataTransfer {
  return {
    items: items.map(({ file, entry, kind = 'file' }) => ({
      kind,
      webkitGetAsEntry: () => entry,
      getAsFile: () => file,
    })),
  } as unknown as DataTransfer;
}

const fileEntry = (f: File, fullPath: string) =>
  ({
    isFile: true,
    isDirectory: false,
    fullPath,
    file: (ok: (f: File) => void) => ok(f),
  }) as unknown as FileSystemEntry;

describe('pickedFromDrop', () => {
  it('takes entries from a file manager and plain files from anywhere else, skipping non-file items', async () => {
    const fromDisk = file('a.dcm');
    const fromPage = file('b.dcm');
    const picked = await pickedFromDrop(
      dropOf([
        { file: fromDisk, entry: fileEntry(fromDisk, '/ct/a.dcm') },
        { file: fromPage, entry: null },
        { file: file('text'), entry: null, kind: 'string' },
      ]),
    );
    expect(picked).toEqual([
      { file: fromDisk, relativePath: 'ct/a.dcm' },
      { file: fromPage, relativePath: 'b.dcm' },
    ]);
  });
});
