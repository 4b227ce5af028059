import type { Rejection } from '../../core/dicom/model';
import type { PickedFile } from './fileHeaders';

/**
 * A browser only gets the files the user picked, so every one of them is read; a DICOMDIR then tells
 * which of the files it lists were not among them (a partial copy of a CD), and says so.
 */
export function missingDicomdirReferences(
  files: readonly PickedFile[],
  dicomdirs: readonly { dicomdir: PickedFile; referenced: readonly string[] }[],
): Rejection[] {
  const picked = new Set(files.map((f) => f.relativePath.toLowerCase()));
  const missing: Rejection[] = [];
  for (const { dicomdir, referenced } of dicomdirs) {
    const folder = dicomdir.relativePath.includes('/')
      ? dicomdir.relativePath.slice(0, dicomdir.relativePath.lastIndexOf('/') + 1)
      : '';
    for (const ref of referenced) {
      const path = `${folder}${ref}`;
      if (!picked.has(path.toLowerCase())) {
        missing.push({ path, reason: `listed in ${dicomdir.relativePath} but not among the chosen files` });
      }
    }
  }
  return missing;
}
