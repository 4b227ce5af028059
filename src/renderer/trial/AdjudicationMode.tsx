import { useReadingStore } from '../store/readingStore';
import { AdjudicationList } from './AdjudicationList';
import { AdjudicationScreen } from './AdjudicationScreen';

/** The adjudicator's reading mode: the list of subjects, or one subject's two reads side by side. */
export function AdjudicationMode() {
  const readerId = useReadingStore((s) => s.readerId);
  const subjectId = useReadingStore((s) => s.subjectId);
  const selectSubject = useReadingStore((s) => s.selectSubject);
  if (readerId === null) return null;
  return subjectId ? (
    <AdjudicationScreen readerId={readerId} subjectId={subjectId} onBack={() => selectSubject(null)} />
  ) : (
    <AdjudicationList readerId={readerId} onOpen={selectSubject} />
  );
}
