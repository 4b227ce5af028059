import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useServices } from '../app/services';
import { readTables } from '../db/readSchema';

/**
 * The key image kept when the lesion was measured at this visit: the reader sees that the read holds
 * the picture the sponsor's report will show, and where it was taken (click: go to the lesion).
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
  onClick: () => void;
}) {
  const { db } = useServices();
  const record = useLiveQuery(
    () => readTables(db).keyImages.where('[lesionId+timepointId]').equals([lesionId, timepointId]).last(),
    [db, lesionId, timepointId],
  );
  const [url, setUrl] = useState<string | null>(null);
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
    <button type="button" className="key-image" title={`Key image of ${label}: go to`} onClick={onClick}>
      <img src={url} alt={`Key image of ${label}`} data-testid={`key-image-${label}`} />
    </button>
  );
}
