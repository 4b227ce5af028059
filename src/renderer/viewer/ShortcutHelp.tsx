import { createContext, useContext, useEffect, useRef } from 'react';
import { SHORTCUTS, type ShortcutSection } from './keyboard';

/**
 * Shortcuts the app adds around the viewer (the reading actions), listed in the same help overlay as
 * the viewer's own.
 */
export const ExtraShortcutsContext = createContext<readonly ShortcutSection[]>([]);

const VIEWER_SECTION: ShortcutSection = { title: 'Images', shortcuts: SHORTCUTS };

/** Every shortcut that works here, opened by the "?" button or key, closed by Esc or a click outside. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const sections = [VIEWER_SECTION, ...useContext(ExtraShortcutsContext)];
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeRef.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div
      className="shortcut-help__backdrop"
      onPointerDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        className="shortcut-help"
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        data-testid="shortcut-help"
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          event.preventDefault();
          event.stopPropagation();
          onClose();
        }}
      >
        <div className="shortcut-help__head">
          <h2>Keyboard shortcuts</h2>
          <button ref={closeRef} type="button" onClick={onClose} data-testid="shortcut-help-close">
            Close (Esc)
          </button>
        </div>
        <p className="shortcut-help__note">They work wherever you are, except while you type in a field.</p>
        <div className="shortcut-help__sections">
          {sections.map((section) => (
            <section key={section.title}>
              <h3>{section.title}</h3>
              <dl>
                {section.shortcuts.map(([keys, what]) => (
                  <div key={keys} className="shortcut-help__row">
                    <dt>
                      <kbd>{keys}</kbd>
                    </dt>
                    <dd>{what}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}
