import { useEffect, useRef } from 'react';
import { lesionGrid } from '../../core/reading/grid';
import type { LesionKind } from '../../core/reading/model';
import type { ReadView } from '../db/readQueries';
import { useReadingStore } from '../store/readingStore';
import { isTypingTarget } from '../viewer/keyboard';
import { readingActionForKey, stepThrough, type ReadingAction } from './readingShortcuts';
import { requestSign } from './signRequests';

const PANEL_ORDER: Record<LesionKind, number> = { target: 0, 'non-target': 1, new: 2 };

/** The lesions of the current visit in the order the lesion panel lists them. */
function lesionOrder(view: ReadView, timepointId: string): string[] {
  const visits = view.timepoints.map((t) => t.id);
  const here = visits.indexOf(timepointId);
  return lesionGrid(view)
    .map((row) => row.lesion)
    .filter((lesion) => lesion.kind !== 'new' || visits.indexOf(lesion.firstSeenTimepointId ?? '') <= here)
    .sort((a, b) => PANEL_ORDER[a.kind] - PANEL_ORDER[b.kind])
    .map((lesion) => lesion.id);
}

/**
 * Reading from the keyboard: add lesions, step through lesions and visits, sign. Keys typed into a
 * field or pressed in a dialog stay there; the viewer's own keys (tools, slices) are the viewer's.
 */
export function useReadingShortcuts(
  view: ReadView | null,
  timepointId: string | null,
  locked: boolean,
): void {
  const latest = useRef({ view, timepointId, locked });
  useEffect(() => {
    latest.current = { view, timepointId, locked };
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const target = event.target instanceof Element ? event.target : null;
      if (isTypingTarget(target) || target?.closest('[role="dialog"]')) return;
      const action = readingActionForKey(event);
      const { view, timepointId, locked } = latest.current;
      if (!action || !view || !timepointId) return;
      event.preventDefault();
      run(action, view, timepointId, locked);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

function run(action: ReadingAction, view: ReadView, timepointId: string, locked: boolean): void {
  const store = useReadingStore.getState();
  const visitIndex = view.timepoints.findIndex((t) => t.id === timepointId);
  switch (action.kind) {
    case 'add-lesion': {
      const atBaseline = visitIndex === 0;
      if (locked) store.report('This visit is signed: unlock it before adding a lesion.');
      else if (action.lesionKind === 'new' && atBaseline)
        store.report(
          'New lesions are recorded at follow-up visits; at the baseline add a target (T) or a non-target (N).',
        );
      else if (action.lesionKind !== 'new' && !atBaseline)
        store.report('Targets and non-targets are chosen at the baseline; here add a new lesion (L).');
      else store.arm(action.tool, { kind: 'add-lesion', lesionKind: action.lesionKind });
      return;
    }
    case 'lesion': {
      const next = stepThrough(lesionOrder(view, timepointId), store.selectedLesionId, action.step);
      if (next) store.goToLesion(next);
      return;
    }
    case 'visit': {
      const next = view.timepoints[visitIndex + action.step];
      if (next) store.selectTimepoint(next.id);
      return;
    }
    case 'sign':
      if (!locked) requestSign();
      return;
  }
}
