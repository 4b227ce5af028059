import { create } from 'zustand';

/** One viewport or two; how two are arranged (side by side, stacked) is the viewer's remembered choice. */
export type Layout = '1x1' | '1x2';

/** Which study is selected and which series each viewport shows (UI state only). */
export interface ViewState {
  readonly selectedStudyUid: string | null;
  readonly layout: Layout;
  /** Series shown per viewport; index 0 is the left one. */
  readonly viewportSeries: readonly (string | null)[];
  readonly activeViewport: number;
  selectStudy(studyUid: string | null): void;
  openSeries(seriesUid: string): void;
  setLayout(layout: Layout): void;
  setActiveViewport(index: number): void;
}

export const useViewStore = create<ViewState>((set, get) => ({
  selectedStudyUid: null,
  layout: '1x1',
  viewportSeries: [null, null],
  activeViewport: 0,
  selectStudy: (selectedStudyUid) => set({ selectedStudyUid }),
  openSeries(seriesUid) {
    const { activeViewport, layout, viewportSeries } = get();
    const index = layout === '1x1' ? 0 : activeViewport;
    const next = [...viewportSeries];
    next[index] = seriesUid;
    set({ viewportSeries: next });
  },
  setLayout: (layout) => set({ layout, activeViewport: layout === '1x1' ? 0 : get().activeViewport }),
  setActiveViewport: (activeViewport) => set({ activeViewport }),
}));
