import { describe, expect, it } from 'vitest';
import { SessionFiles } from '../../../src/renderer/import/sessionFiles';
import { describePick, pickedFromInput } from '../../../src/renderer/import/pickedFiles';
import { missingDicomdirReferences } from '../../../src/renderer/import/dicomdirReferences';

const file = (name: string) => new File([new Uint8Array(4)], name);

describe('SessionFiles', () => {
  it('attaches files by SOP Instance UID and tells subscribers only when something changed', () => {
    const files = new SessionFiles();
    let notified = 0;
    files.subscribe(() => notified++);
    const a = file('a.dcm');
    files.attach([['1.2.3', a]]);
    files.attach([['1.2.3', a]]);
    expect(files.get('1.2.3')).toBe(a);
    expect(files.has('9.9')).toBe(false);
    expect(notified).toBe(1);
    expect(files.getVersion()).toBe(1);
  });
});

describe('picked files', () => {
  it('keeps the path inside the chosen folder', () => {
    const f = file('000001.dcm');
    Object.defineProperty(f, 'webkitRelativePath', { value: 'ct-chest/000001.dcm' });
    const list = { 0: f, length: 1, item: () => f, [Symbol.iterator]: [f][Symbol.iterator].bind([f]) };
    expect(pickedFromInput(list as unknown as FileList)).toEqual([
      { file: f, relativePath: 'ct-chest/000001.dcm' },
    ]);
    expect(pickedFromInput(null)).toEqual([]);
  });

  it('names a folder pick after the folder and a loose pick by its count', () => {
    const inFolder = ['ct/1.dcm', 'ct/2.dcm'].map((p) => ({ file: file(p), relativePath: p }));
    expect(describePick(inFolder)).toBe('ct (2 files)');
    expect(describePick([{ file: file('x'), relativePath: 'x.dcm' }])).toBe('1 file');
    expect(describePick([...inFolder, { file: file('y'), relativePath: 'other/y.dcm' }])).toBe('3 files');
  });
});

describe('DICOMDIR references in a browser pick', () => {
  it('reports listed files that were not chosen, relative to the DICOMDIR folder, ignoring case', () => {
    const picked = ['cd/DICOMDIR', 'cd/IMAGES/IM0001', 'cd/images/im0002'].map((p) => ({
      file: file(p),
      relativePath: p,
    }));
    const missing = missingDicomdirReferences(picked, [
      { dicomdir: picked[0]!, referenced: ['IMAGES/IM0001', 'IMAGES/IM0002', 'IMAGES/IM0003'] },
    ]);
    expect(missing).toEqual([
      { path: 'cd/IMAGES/IM0003', reason: 'listed in cd/DICOMDIR but not among the chosen files' },
    ]);
  });
});
