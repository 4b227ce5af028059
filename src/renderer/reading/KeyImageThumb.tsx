import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { useServices } from '../app/services';
import { readTables } from '../db/readSchema';
import './keyImage.css';

/**
 * The key image kept when the lesion was measured at this visit: the reader sees that the read holds
 * the picture the sponsor's report will show. Shown in its own proportions (a tall capture of a
 * stacked viewport stays tall); a click opens it large, with "go to" the lesion from there.
 */
export function KeyImageThumb({
  lesionId,
  timepointId,
  label,
  onClick,
}: {
  lesionId: string;
  timepointId: string;
  label: string;
  /** Go to the lesion on the images. */
  onClick: () => void;
}) {
  const { db } = useServices();
  const record = useLiveQuery(async () => {
    const t = readTables(db);
    const image = await t.keyImages.where('[lesionId+timepointId]').equals([lesionId, timepointId]).last();
    if (!image) return undefined;
    // Kept by hash since v3; a key image from before keeps its PNG in its own record.
    const png = image.png ?? (image.pngSha256 ? (await t.keyImagePngs.get(image.pngSha256))?.png : undefined);
    return png ? { ...image, png } : undefined;
  }, [db, lesionId, timepointId]);
  const [url, setUrl] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!record) return;
    // A data URL rather than an object URL: nothing to revoke when React runs the effect twice.
    let current = true;
    const reader = new FileReader();
    reader.onload = () => {
      if (current && typeof reader.result === 'string') setUrl(reader.result);
    };
    reader.readAsDataURL(record.png);
    return () => {
      current = false;
    };
  }, [record]);
  if (!record || !url) return null;
  return (
    <>
      <button
        type="button"
        className="key-image-thumb"
        title={`Key image of ${label}: click to enlarge`}
        onClick={() => setOpen(true)}
      >
        <img src={url} alt={`Key image of ${label}`} data-testid={`key-image-${label}`} />
      </button>
      {open && (
        <KeyImageDialog
          url={url}
          label={label}
          onGoTo={() => {
            setOpen(false);
            onClick();
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

/** The key image large, as a modal dialog: Esc or Close shuts it, focus returns to the thumbnail. */
function KeyImageDialog({
  url,
  label,
  onGoTo,
  onClose,
}: {
  url: string;
  label: string;
  onGoTo: () => void;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (!element.open) element.showModal();
    return () => element.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="key-image-dialog"
      aria-label={`Key image of ${label}`}
      data-testid={`key-image-dialog-${label}`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        // A click on the dimmed area around the picture closes it too.
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <img src={url} alt={`Key image of ${label}`} />
      <div className="key-image-dialog__actions">
        <b>{label}</b>
        <button type="button" onClick={onGoTo}>
          Go to {label} on the images
        </button>
        <button type="button" autoFocus onClick={onClose}>
          Close (Esc)
        </button>
      </div>
    </dialog>
  );
}
