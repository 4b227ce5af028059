import { useReadingStore } from '../store/readingStore';
import { AdjudicationList } from './AdjudicationList';
import { AdjudicationScreen } from './AdjudicationScreen';

/**
 * The adjudicator's reading mode: the list of subjects, or one subject's two reads side by side.
 * `open` is the subject this account opened (null: the list).
 */
export function AdjudicationMode({ open: subjectId }: { open: string | null }) {
  const readerId = useReadingStore((s) => s.readerId);
  const selectSubject = useReadingStore((s) => s.selectSubject);
  if (readerId === null) return null;
  return subjectId ? (
    <AdjudicationScreen readerId={readerId} subjectId={subjectId} onBack={() => selectSubject(null)} />
  ) : (
    <AdjudicationList readerId={readerId} onOpen={selectSubject} />
  );
}
