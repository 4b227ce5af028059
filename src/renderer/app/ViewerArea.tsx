import { useLoadedSeries } from '../studies/useLoadedSeries';
import { useViewStore, type Layout } from '../store/viewStore';
import { Viewer } from '../viewer/Viewer';

/** The study browser's viewports: what the study list opened. */
export function ViewerArea() {
  const layout = useViewStore((s) => s.layout);
  const setLayout = useViewStore((s) => s.setLayout);
  const viewportSeries = useViewStore((s) => s.viewportSeries);
  const loaded = useLoadedSeries(viewportSeries.slice(0, layout === '1x1' ? 1 : 2));
  const shown = loaded.slots.some((s) => s !== null);

  return (
    <div className="viewer-area">
      <div className="layout-switch">
        {(['1x1', '1x2'] as Layout[]).map((l) => (
          <button key={l} type="button" aria-pressed={layout === l} onClick={() => setLayout(l)}>
            {l}
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
