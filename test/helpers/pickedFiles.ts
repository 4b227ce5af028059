import { openAsBlob, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { PickedFile } from '../../src/renderer/import/fileHeaders';

/** ../shared/data, beside the repository (tests read it in place). */
export const SHARED_DATA = resolve(process.cwd(), '../shared/data');

/** A folder as a browser directory pick would give it: Files with paths relative to its parent. */
export async function pickFolder(folder: string): Promise<PickedFile[]> {
  const root = resolve(folder, '..');
  const paths: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else paths.push(path);
    }
  };
  walk(folder);
  return Promise.all(
    paths.map(async (path) => {
      const relativePath = relative(root, path).split('\\').join('/');
      // openAsBlob reads lazily, like a browser File: header reads touch only the bytes they ask for.
      const file = new File([await openAsBlob(path)], relativePath.split('/').pop()!);
      return { file, relativePath };
    }),
  );
}
