import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { timepointScanDate } from '../../core/reading/grouping';
import type { DateFormatter } from '../../core/trial/blindedText';
import { useServices } from '../app/services';
import type { ReadView } from '../db/readQueries';
import { readTables } from '../db/readSchema';

/**
 * A read's key images: each measured lesion's picture with the reader's own annotations, as kept when
 * it was measured, captioned with the lesion and the visit's study day. Read-only: no "go to".
 */
export function AdjudicationKeyImages({ view, dates }: { view: ReadView; dates: DateFormatter }) {
  const { db } = useServices();
  const readId = view.read.id;
  const images = useLiveQuery(async () => {
    const t = readTables(db);
    const records = await t.keyImages.where('readId').equals(readId).toArray();
    const withPng = await Promise.all(
      records.map(async (image) => ({
        image,
        // Kept by hash since v3; a key image from before keeps its PNG in its own record.
        png: image.png ?? (image.pngSha256 ? (await t.keyImagePngs.get(image.pngSha256))?.png : undefined),
      })),
    );
    return withPng.flatMap(({ image, png }) => (png ? [{ ...image, png }] : []));
  }, [db, readId]);
  if (!images) return null;
  const labelOf = new Map(view.lesions.map((l) => [l.id, l.label]));
  const order = new Map(view.timepoints.map((tp, index) => [tp.id, index]));
  // A lesion measured again at a visit keeps its last picture, as the reading screen shows it.
  const latest = new Map(images.map((i) => [`${i.lesionId}|${i.timepointId}`, i]));
  const shown = [...latest.values()]
    .filter((i) => labelOf.has(i.lesionId) && order.has(i.timepointId))
    .sort(
      (a, b) =>
        order.get(a.timepointId)! - order.get(b.timepointId)! ||
        labelOf.get(a.lesionId)!.localeCompare(labelOf.get(b.lesionId)!, 'en', { numeric: true }),
    );
  if (shown.length === 0) return <p className="empty-hint">No key images.</p>;
  return (
    <ul className="adjudication-key-images" data-testid="adjudication-key-images">
      {shown.map((image) => {
        const visit = view.timepoints.find((tp) => tp.id === image.timepointId)!;
        const caption = `${labelOf.get(image.lesionId)} · ${dates.formatVisitDate(timepointScanDate(visit))}`;
        return (
          <li key={image.id}>
            <PngImage png={image.png} alt={`Key image of ${caption}`} />
            <span>{caption}</span>
          </li>
        );
      })}
    </ul>
  );
}

function PngImage({ png, alt }: { png: Blob; alt: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    // A data URL rather than an object URL: nothing to revoke when React runs the effect twice.
    let current = true;
    const reader = new FileReader();
    reader.onload = () => {
      if (current && typeof reader.result === 'string') setUrl(reader.result);
    };
    reader.readAsDataURL(png);
    return () => {
      current = false;
    };
  }, [png]);
  return url ? <img src={url} alt={alt} /> : null;
}
