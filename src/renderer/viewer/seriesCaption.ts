import { createContext } from 'react';

/** What the app knows about a series beyond its pixels: the visit it belongs to, its study. */
export interface SeriesCaption {
  /** One line on the image, e.g. "Week 8 · 2000-02-26 · day 55". */
  readonly line: string;
  /** The full descriptions, shown on hover. */
  readonly detail: string;
}

/** Looks up a series' caption by Series Instance UID; the viewer shows none by default. */
export const SeriesCaptionContext = createContext<(seriesInstanceUid: string) => SeriesCaption | null>(
  () => null,
);
