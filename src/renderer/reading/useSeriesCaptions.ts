import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { redactDates } from '../../core/trial/blindedText';
import { useServices } from '../app/services';
import type { SeriesRecord } from '../db/database';
import type { ReadView } from '../db/readQueries';
import type { SeriesCaption } from '../viewer/seriesCaption';
import { visitCaption, visitCaptionDetail } from './visitCaption';

/**
 * Each series' visit caption for the viewports, from the read: the visit holding its study, the
 * study's date and the subject's enrolment. Blinded (a BICR reader, an adjudicator), the calendar date
 * is left out and any date written in the visit name or the descriptions ("DERIVED FOLLOW-UP
 * 20000226") becomes its study day.
 */
export function useSeriesCaptions(
  view: ReadView | null,
  seriesIndex: ReadonlyMap<string, SeriesRecord> | undefined,
  { blinded = false }: { blinded?: boolean } = {},
): (seriesInstanceUid: string) => SeriesCaption | null {
  const { db } = useServices();
  const studyDescriptions = useLiveQuery(
    async () => new Map((await db.studies.toArray()).map((s) => [s.studyInstanceUid, s.studyDescription])),
    [db],
  );
  return useMemo(() => {
    const captions = new Map<string, SeriesCaption>();
    if (view && seriesIndex) {
      const visitOfStudy = new Map(
        view.timepoints.flatMap((tp) =>
          tp.studies.map((study) => [study.studyInstanceUid, { tp, study }] as const),
        ),
      );
      for (const series of seriesIndex.values()) {
        const visit = visitOfStudy.get(series.studyInstanceUid);
        if (!visit) continue;
        const enrollmentDate = view.subject.enrollmentDate;
        const text = (value: string) => (blinded ? redactDates(value, enrollmentDate) : value);
        const studyDescription = studyDescriptions?.get(series.studyInstanceUid) ?? null;
        const facts = {
          visitName: text(visit.tp.visitName),
          studyDate: visit.study.studyDate,
          enrollmentDate,
          seriesDescription: text(series.seriesDescription),
          studyDescription: studyDescription === null ? null : text(studyDescription),
        };
        captions.set(series.seriesInstanceUid, {
          line: visitCaption(facts, { blinded }),
          detail: visitCaptionDetail(facts, { blinded }),
        });
      }
    }
    return (seriesInstanceUid: string) => captions.get(seriesInstanceUid) ?? null;
  }, [view, seriesIndex, studyDescriptions, blinded]);
}
