import { useMemo } from 'react';
import type { DateFormatter } from '../../core/trial/blindedText';
import type { ViewerSeries } from '../viewer/types';

// One blinded copy per series object, kept while its blinded description stays the same.
const copies = new WeakMap<ViewerSeries, ViewerSeries>();

function withDescription(series: ViewerSeries, description: string): ViewerSeries {
  const cached = copies.get(series);
  if (cached?.description === description) return cached;
  const copy = { ...series, description };
  copies.set(series, copy);
  return copy;
}

/**
 * The series as the viewer shows them: for a blinded reader, a description with a date in it ("DERIVED
 * FOLLOW-UP 20000226") has the study day instead, on the overlay and in the viewport's name. A series
 * keeps its object (the viewer keeps a series drawn while it is the same object): only one whose
 * description changes is copied, once.
 */
export function useBlindedSeries(
  slots: readonly (ViewerSeries | null)[],
  dates: DateFormatter,
): readonly (ViewerSeries | null)[] {
  return useMemo(
    () =>
      slots.map((series) => {
        if (!series || !dates.blinded) return series;
        const description = dates.redact(series.description);
        return description === series.description ? series : withDescription(series, description);
      }),
    [slots, dates],
  );
}
