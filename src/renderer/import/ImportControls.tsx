import { useRef, useState } from 'react';
import { useServices } from '../app/services';
import { useImportStore } from '../store/importStore';
import { useReadingStore } from '../store/readingStore';
import { ImportPopover } from './ImportPopover';
import { pickedFromInput } from './pickedFiles';
import { useImport } from './useImport';

/**
 * The ways in: a folder (native dialog in Electron, directory picker in a browser) or single files.
 * Reading mode has no Studies sidebar, so the import's progress and report show under these buttons.
 */
export function ImportControls() {
  const { platform } = useServices();
  const { importFiles, importPaths } = useImport();
  const running = useImportStore((s) => s.running);
  const reading = useReadingStore((s) => s.mode === 'reading');
  const folderInput = useRef<HTMLInputElement>(null);
  const filesInput = useRef<HTMLInputElement>(null);
  const [askingPath, setAskingPath] = useState(false);
  const offerPathEntry = platform.capabilities.pathScan && !platform.capabilities.nativeFolderDialog;

  const openFolder = async () => {
    if (platform.capabilities.nativeFolderDialog) {
      const folder = await platform.chooseFolder();
      if (folder) await importPaths([folder]);
    } else folderInput.current?.click();
  };

  return (
    <div className="import-controls">
      <button type="button" onClick={() => void openFolder()} disabled={running}>
        Open folder…
      </button>
      <button type="button" onClick={() => filesInput.current?.click()} disabled={running}>
        Open files…
      </button>
      {offerPathEntry && (
        <button
          type="button"
          onClick={() => setAskingPath(!askingPath)}
          disabled={running}
          aria-expanded={askingPath}
        >
          Import path…
        </button>
      )}
      {askingPath && (
        <form
          className="path-entry"
          onSubmit={(e) => {
            e.preventDefault();
            const path = new FormData(e.currentTarget).get('path');
            if (typeof path === 'string' && path.trim() !== '') {
              setAskingPath(false);
              void importPaths([path.trim()]);
            }
          }}
        >
          <input
            name="path"
            data-testid="import-path-input"
            placeholder="/absolute/path/to/a/folder or file"
            autoFocus
            size={48}
          />
          <button type="submit">Import</button>
        </form>
      )}
      {reading && <ImportPopover />}
      <input
        ref={folderInput}
        data-testid="import-folder-input"
        type="file"
        hidden
        multiple
        {...{ webkitdirectory: '' }}
        onChange={(e) => {
          void importFiles(pickedFromInput(e.currentTarget.files));
          e.currentTarget.value = '';
        }}
      />
      <input
        ref={filesInput}
        data-testid="import-files-input"
        type="file"
        hidden
        multiple
        onChange={(e) => {
          void importFiles(pickedFromInput(e.currentTarget.files));
          e.currentTarget.value = '';
        }}
      />
    </div>
  );
}
