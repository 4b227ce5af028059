import { useImportStore } from '../store/importStore';
import { ImportStatus } from './ImportStatus';
import './importPopover.css';

/**
 * The import's progress and report under the header's import buttons, for screens without the Studies
 * sidebar (Reading): a reader who imports there sees it run and what came of it without leaving the
 * read. Right-aligned over the side panel, so the images stay uncovered; gone on Dismiss.
 */
export function ImportPopover() {
  const shown = useImportStore((s) => s.running || s.lastReport !== null || s.error !== null);
  if (!shown) return null;
  return (
    <div className="import-popover" data-testid="import-popover" role="region" aria-label="Import">
      <ImportStatus />
    </div>
  );
}
