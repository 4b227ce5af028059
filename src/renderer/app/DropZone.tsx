import { useEffect, useState, type ReactNode } from 'react';
import { pickedFromDrop } from '../import/pickedFiles';
import { useImport } from '../import/useImport';

/**
 * Files and folders dropped anywhere on the window are imported. Not `enabled` (a blinded reader, who
 * imports nothing), a drop is still caught, so the browser does not open the dropped file instead.
 */
export function DropZone({ children, enabled = true }: { children: ReactNode; enabled?: boolean }) {
  const { importFiles } = useImport();
  const [over, setOver] = useState(false);

  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const onEnter = (e: DragEvent) => {
      if (!enabled || !hasFiles(e)) return;
      depth++;
      setOver(true);
    };
    const onLeave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (!enabled && e.dataTransfer) e.dataTransfer.dropEffect = 'none';
    };
    const onDrop = (e: DragEvent) => {
      if (!e.dataTransfer || !hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      if (enabled) void pickedFromDrop(e.dataTransfer).then(importFiles);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [importFiles, enabled]);

  return (
    <>
      {children}
      {over && enabled && (
        <div className="drop-overlay" data-testid="drop-overlay">
          Drop DICOM files or folders to import them
        </div>
      )}
    </>
  );
}
