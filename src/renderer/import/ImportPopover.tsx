import { useLayoutEffect, useState } from 'react';
import { useImportStore } from '../store/importStore';
import { ImportStatus } from './ImportStatus';
import './importPopover.css';

/** Narrower than this, the counts and the rejected files' reasons wrap too much to read. */
const MIN_WIDTH_PX = 300;
/** The popover's right edge sits this far inside the window (the header's padding) plus a little air. */
const RIGHT_INSET_PX = 16;

/**
 * The width of the side panel on the right (RECIST results) when it is open: the popover fits over it and
 * leaves the images uncovered, whatever width the layout gives that panel. Null when there is none.
 */
function useRightPanelWidth(): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const panel = document.querySelector('.reading-right');
    if (!panel) return;
    const measure = () => setWidth(panel.getBoundingClientRect().width);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(panel);
    return () => observer.disconnect();
  }, []);
  return width;
}

/**
 * The import's progress and report under the header's import buttons, for screens without the Studies
 * sidebar (Reading): a reader who imports there sees it run and what came of it without leaving the
 * read. Over the results panel, so the images stay uncovered; gone on Dismiss.
 */
export function ImportPopover() {
  const shown = useImportStore((s) => s.running || s.lastReport !== null || s.error !== null);
  if (!shown) return null;
  return <ImportPopoverBox />;
}

function ImportPopoverBox() {
  const panelWidth = useRightPanelWidth();
  const width = panelWidth === null ? undefined : Math.max(MIN_WIDTH_PX, panelWidth - RIGHT_INSET_PX);
  return (
    <div
      className="import-popover"
      data-testid="import-popover"
      role="region"
      aria-label="Import"
      style={width === undefined ? undefined : { width }}
    >
      <ImportStatus />
    </div>
  );
}
