import { useRef } from 'react';
import { useServices } from '../app/services';
import { useImportStore } from '../store/importStore';
import { pickedFromInput } from './pickedFiles';
import { useImport } from './useImport';

/** The ways in: a folder (native dialog in Electron, directory picker in a browser) or single files. */
export function ImportControls() {
  const { platform } = useServices();
  const { importFiles, importPaths } = useImport();
  const running = useImportStore((s) => s.running);
  const folderInput = useRef<HTMLInputElement>(null);
  const filesInput = useRef<HTMLInputElement>(null);

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
