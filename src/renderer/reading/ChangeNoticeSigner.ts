import { useLiveQuery } from 'dexie-react-hooks';
import type { Reader } from '../../core/reading/model';
import { useServices } from '../app/services';
import { readTables } from '../db/readSchema';
import { useReadingStore } from '../store/readingStore';

/** The signed-in account (name and role), or null while signed out or loading: who would sign. */
export function useSignedInAccount(): Reader | null {
  const { db } = useServices();
  const readerId = useReadingStore((s) => s.readerId);
  return (
    useLiveQuery(
      async () => (readerId ? ((await readTables(db).readers.get(readerId)) ?? null) : null),
      [db, readerId],
    ) ?? null
  );
}
