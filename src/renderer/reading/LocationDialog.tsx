import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import { searchLocations, type Location } from '../../core/reading/locations';
import type { LesionKind } from '../../core/reading/model';
import { useReadingStore } from '../store/readingStore';
import { PENDING_ANNOTATION_ID } from './annotations';
import { placeBeside, unionBox } from './dialogPlacement';
import './locationDialog.css';
import { recentLocations, rememberLocation } from './recentLocations';

export interface LocationChoice {
  readonly location: Location;
  readonly description: string;
  readonly multiple: boolean;
  readonly equivocal: boolean;
}

const kindTitle: Record<LesionKind, string> = {
  target: 'New target lesion',
  'non-target': 'New non-target lesion',
  new: 'New lesion (not seen at baseline)',
};

/** The on-screen box of the drawing waiting for its location (annotationLayer marks its SVG elements). */
function pendingDrawingBox(root: ParentNode) {
  const elements = root.querySelectorAll(`[data-annotation-uid*=":${PENDING_ANNOTATION_ID}"]`);
  return unionBox(
    [...elements].map((e) => e.getBoundingClientRect()).filter((b) => b.width > 0 || b.height > 0),
  );
}

/**
 * Beside the drawing the reader just made, clear of it, so the callipers stay in view while they
 * choose; it moves when the drawing appears (Cornerstone draws it a frame after the dialog opens).
 */
function usePlacementBesideDrawing(dialog: React.RefObject<HTMLFormElement | null>): CSSProperties {
  const [place, setPlace] = useState<{ left: number; top: number } | null>(null);
  useLayoutEffect(() => {
    const form = dialog.current;
    if (!form) return;
    const root = form.closest('.reading-viewer') ?? document.body;
    const update = () => {
      const size = form.getBoundingClientRect();
      const next = placeBeside(
        pendingDrawingBox(root),
        { width: size.width, height: size.height },
        { width: window.innerWidth, height: window.innerHeight },
      );
      setPlace((old) => (old && old.left === next.left && old.top === next.top ? old : next));
    };
    update();
    const observer = new MutationObserver(update);
    observer.observe(root, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['data-annotation-uid'],
    });
    window.addEventListener('resize', update);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', update);
    };
  }, [dialog]);
  return place ? { left: place.left, top: place.top } : { visibility: 'hidden' };
}

/**
 * Where is the lesion: a searchable list of organs, sites and lymph-node stations. Organs come
 * first unless the reader asks for nodes; the reader's recent choices head an empty search.
 */
export function LocationDialog({
  kind,
  sizeText,
  onChoose,
  onCancel,
}: {
  kind: LesionKind;
  sizeText: string | null;
  onChoose: (choice: LocationChoice) => void;
  onCancel: () => void;
}) {
  const readerId = useReadingStore((s) => s.readerId);
  const [recent] = useState(() => recentLocations(readerId));
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<Location | null>(null);
  const [multiple, setMultiple] = useState(false);
  const [equivocal, setEquivocal] = useState(false);
  const [description, setDescription] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const placement = usePlacementBesideDrawing(form);
  // Esc cancels wherever the focus is (the viewer may hold it after the drawing's mouseup).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      onCancel();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onCancel]);
  const matches = searchLocations(query, 40, recent);
  const choose = (location: Location) => {
    rememberLocation(readerId, location.code);
    onChoose({ location, description: description.trim(), multiple, equivocal });
  };
  return (
    <div className="location-dialog-backdrop" role="presentation">
      <form
        ref={form}
        className="dialog location-dialog"
        style={placement}
        role="dialog"
        aria-label={kindTitle[kind]}
        data-testid="location-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (picked) choose(picked);
        }}
      >
        <h2>{kindTitle[kind]}</h2>
        {sizeText && <p className="muted">Measured: {sizeText}</p>}
        <input
          type="search"
          placeholder="Organ or site; type node or a station (4R) for lymph nodes"
          aria-label="Search locations"
          data-testid="location-search"
          value={query}
          autoFocus
          onChange={(e) => setQuery(e.target.value)}
        />
        <ul className="location-results" role="listbox" aria-label="Locations">
          {matches.map(({ location, recent: isRecent }) => (
            <li key={location.code}>
              <button
                type="button"
                role="option"
                aria-selected={picked?.code === location.code}
                className={picked?.code === location.code ? 'selected' : undefined}
                onClick={() => setPicked(location)}
                onDoubleClick={() => choose(location)}
              >
                {location.name}
                {isRecent && <span className="location-tag location-tag--recent">recent</span>}
                <span className="muted"> {location.region}</span>
                {location.nodal && <span className="location-nodal">Lymph node: measured in short axis</span>}
              </button>
            </li>
          ))}
        </ul>
        <input
          placeholder="Detail (optional), e.g. abutting the SMV"
          aria-label="Detail"
          value={description}
          maxLength={500}
          onChange={(e) => setDescription(e.target.value)}
        />
        {kind === 'non-target' && (
          <label>
            <input type="checkbox" checked={multiple} onChange={(e) => setMultiple(e.target.checked)} />{' '}
            Multiple lesions in this organ (one entry)
          </label>
        )}
        {kind === 'new' && (
          <label>
            <input type="checkbox" checked={equivocal} onChange={(e) => setEquivocal(e.target.checked)} />{' '}
            Equivocal (confirm at a later scan)
          </label>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" disabled={!picked} data-testid="location-ok">
            {picked ? `Add at ${picked.name}` : 'Choose a location'}
          </button>
        </div>
      </form>
    </div>
  );
}

/** A small modal asking for a reason (override, unlock, delete): the reason is kept in the audit trail. */
export function ReasonDialog({
  title,
  detail,
  confirmLabel,
  requireReason = true,
  onConfirm,
  onCancel,
}: {
  title: string;
  detail?: React.ReactNode;
  confirmLabel: string;
  requireReason?: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  return (
    <div className="dialog-backdrop" role="presentation" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <form
        className="dialog"
        role="dialog"
        aria-label={title}
        data-testid="reason-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (!requireReason || reason.trim() !== '') onConfirm(reason.trim());
        }}
      >
        <h2>{title}</h2>
        {detail}
        {requireReason && (
          <textarea
            aria-label="Reason"
            data-testid="reason-input"
            placeholder="Reason (kept in the audit trail)"
            value={reason}
            autoFocus
            rows={3}
            maxLength={2000}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" data-testid="reason-ok" disabled={requireReason && reason.trim() === ''}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </div>
  );
}
