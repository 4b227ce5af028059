import { create } from 'zustand';
import { rememberChoice, rememberedChoice } from '../store/remembered';

/** How two viewports share the space: side by side (1x2) or one above the other (2x1). */
export type TwoPaneArrangement = '1x2' | '2x1';

const KEY = 'recist.viewer.twoPaneArrangement';

interface ArrangementState {
  readonly arrangement: TwoPaneArrangement;
  setArrangement(arrangement: TwoPaneArrangement): void;
}

/**
 * One remembered choice for every two-viewport view (Studies and Reading alike): a reader who reads
 * stacked on a tall screen wants it at every follow-up and after a reload.
 */
export const usePaneArrangement = create<ArrangementState>((set) => ({
  arrangement: rememberedChoice<TwoPaneArrangement>(KEY, ['1x2', '2x1'], '1x2'),
  setArrangement(arrangement) {
    rememberChoice(KEY, arrangement);
    set({ arrangement });
  },
}));
