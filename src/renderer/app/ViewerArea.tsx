import { useLoadedSeries } from '../studies/useLoadedSeries';
import { useViewStore } from '../store/viewStore';
import { usePaneArrangement, type TwoPaneArrangement } from '../viewer/paneArrangement';
import { Viewer } from '../viewer/Viewer';

const LAYOUT_TITLES = {
  '1x1': 'One viewport',
  '1x2': 'Two viewports side by side',
  '2x1': 'Two viewports, one above the other',
} as const;

/** The study browser's viewports: what the study list opened. */
export function ViewerArea() {
  const layout = useViewStore((s) => s.layout);
  const setLayout = useViewStore((s) => s.setLayout);
  const viewportSeries = useViewStore((s) => s.viewportSeries);
  const loaded = useLoadedSeries(viewportSeries.slice(0, layout === '1x1' ? 1 : 2));
  const shown = loaded.slots.some((s) => s !== null);
  const arrangement = usePaneArrangement((s) => s.arrangement);
  const setArrangement = usePaneArrangement((s) => s.setArrangement);
  const shownLayout = layout === '1x1' ? '1x1' : arrangement;
  const choose = (choice: keyof typeof LAYOUT_TITLES) => {
    setLayout(choice === '1x1' ? '1x1' : '1x2');
    if (choice !== '1x1') setArrangement(choice satisfies TwoPaneArrangement);
  };

  return (
    <div className="viewer-area">
      <div className="layout-switch">
        {(['1x1', '1x2', '2x1'] as const).map((choice) => (
          <button
            key={choice}
            type="button"
            aria-pressed={shownLayout === choice}
            data-testid={`layout-${choice}`}
            title={LAYOUT_TITLES[choice]}
            onClick={() => choose(choice)}
          >
            {choice}
          </button>
        ))}
      </div>
      <ViewerProblems problems={loaded.problems} />
      {shown ? (
        <Viewer series={loaded.slots} layout={layout} />
      ) : (
        loaded.problems.length === 0 && (
          <p className="viewer-message">Choose a study on the left, then a series to open it here.</p>
        )
      )}
    </div>
  );
}

export function ViewerProblems({ problems }: { problems: readonly string[] }) {
  if (problems.length === 0) return null;
  return (
    <div className="viewer-problems" role="alert" data-testid="viewer-problems">
      {problems.map((p) => (
        <p key={p}>{p}</p>
      ))}
    </div>
  );
}
