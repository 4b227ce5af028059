import { liveQuery } from 'dexie';
import { describe, expect, it } from 'vitest';
import { setAssessment } from '../../../../src/renderer/db/readLesions';
import { loadReadView, loadReaderView, type ReadView } from '../../../../src/renderer/db/readQueries';
import { createTestAccount, storedScenario } from './readTestDb';

describe('live queries', () => {
  it('loadReadView re-runs under liveQuery (what useLiveQuery does) when an assessment changes', async () => {
    const f = await storedScenario();
    const views: ReadView[] = [];
    let changed: () => void = () => {};
    const secondView = new Promise<void>((resolve) => (changed = resolve));
    const subscription = liveQuery(() => loadReadView(f.db, f.read.id)).subscribe({
      next: (view) => {
        views.push(view);
        if (views.length === 2) changed();
      },
      error: (error: unknown) => {
        throw error;
      },
    });
    try {
      await expect.poll(() => views.length).toBe(1);
      const t1 = views[0]!.lesions.find((l) => l.label === 'T1')!;
      await setAssessment(f.session, {
        lesionId: t1.id,
        timepointId: f.week8.id,
        value: { status: 'absent', marker: null },
      });
      await secondView;
      const latest = views.at(-1)!;
      expect(
        latest.assessments.find((a) => a.lesionId === t1.id && a.timepointId === f.week8.id)!.value.status,
      ).toBe('absent');
    } finally {
      subscription.unsubscribe();
    }
  });

  it("loadReaderView finds the reader's read and loads it as loadReadView does, or gives null", async () => {
    const f = await storedScenario();
    expect(await loadReaderView(f.db, f.subjectId, f.session.readerId)).toEqual(
      await loadReadView(f.db, f.read.id),
    );
    const other = (await createTestAccount(f.db, { name: 'Dr Other', role: 'bicr-reader' }, f.admin)).reader;
    expect(await loadReaderView(f.db, f.subjectId, other.id)).toBeNull();
  });
});
