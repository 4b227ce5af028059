import type { ReactNode } from 'react';
import { useRememberedOpen } from '../store/remembered';
import './collapsible.css';

/**
 * A side panel the reader can fold away to give the images the room, remembered across reloads. Its
 * content stays mounted while folded: what it listens for (keys, the sign shortcut) keeps working.
 */
export function CollapsiblePanel({
  side,
  name,
  storageKey,
  className,
  toggleTestId,
  children,
}: {
  side: 'left' | 'right';
  /** What the panel holds, for the toggle's label: "study list", "RECIST results". */
  name: string;
  storageKey: string;
  className: string;
  toggleTestId: string;
  children: ReactNode;
}) {
  const [open, toggle] = useRememberedOpen(storageKey);
  const arrow = (side === 'left') === open ? '‹' : '›';
  return (
    <aside className={`${className} collapsible collapsible--${side}${open ? '' : ' collapsible--closed'}`}>
      <div className="collapsible__bar">
        {open && <span className="collapsible__name">{name}</span>}
        <button
          type="button"
          className="collapsible__toggle"
          aria-expanded={open}
          aria-label={open ? `Hide the ${name}` : `Show the ${name}`}
          title={open ? `Hide the ${name}: more room for the images` : `Show the ${name}`}
          data-testid={toggleTestId}
          onClick={toggle}
        >
          {arrow}
        </button>
        {!open && (
          <button type="button" className="collapsible__closed-name" onClick={toggle} tabIndex={-1}>
            {name}
          </button>
        )}
      </div>
      <div className="collapsible__body" hidden={!open}>
        {children}
      </div>
    </aside>
  );
}
