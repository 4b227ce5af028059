import { useState } from 'react';
import { searchLocations, type Location } from '../../core/reading/locations';
import type { LesionKind } from '../../core/reading/model';

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

/** Where is the lesion: a searchable list of organs, sites and lymph-node stations. */
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
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<Location | null>(null);
  const [multiple, setMultiple] = useState(false);
  const [equivocal, setEquivocal] = useState(false);
  const [description, setDescription] = useState('');
  const matches = searchLocations(query, 40);
  return (
    <div className="dialog-backdrop" role="presentation" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <form
        className="dialog"
        role="dialog"
        aria-label={kindTitle[kind]}
        data-testid="location-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (picked) onChoose({ location: picked, description: description.trim(), multiple, equivocal });
        }}
      >
        <h2>{kindTitle[kind]}</h2>
        {sizeText && <p className="muted">Measured: {sizeText}</p>}
        <input
          type="search"
          placeholder="Location: organ, site or lymph-node station"
          aria-label="Search locations"
          data-testid="location-search"
          value={query}
          autoFocus
          onChange={(e) => setQuery(e.target.value)}
        />
        <ul className="location-results" role="listbox" aria-label="Locations">
          {matches.map(({ location }) => (
            <li key={location.code}>
              <button
                type="button"
                role="option"
                aria-selected={picked?.code === location.code}
                className={picked?.code === location.code ? 'selected' : undefined}
                onClick={() => setPicked(location)}
                onDoubleClick={() =>
                  onChoose({ location, description: description.trim(), multiple, equivocal })
                }
              >
                {location.name}
                <span className="muted">
                  {' '}
                  {location.region}
                  {location.nodal ? ' · lymph node (short axis)' : ''}
                </span>
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
