import { describe, expect, it } from 'vitest';
import {
  afterRedo,
  afterUndo,
  emptyHistory,
  nextRedo,
  nextUndo,
  pushCommand,
} from '../../../../src/core/reading/undo';
import { auditTrail } from '../../../../src/renderer/db/auditLog';
import { addLesion, deleteLesion, setAssessment } from '../../../../src/renderer/db/readLesions';
import { loadReadView } from '../../../../src/renderer/db/readQueries';
import { readTables } from '../../../../src/renderer/db/readSchema';
import { signTimepoint, unlockTimepoint } from '../../../../src/renderer/db/readSignoff';
import { moveStudy, renameTimepoint } from '../../../../src/renderer/db/readSubjects';
import { redoCommand, undoCommand } from '../../../../src/renderer/db/readUndo';
import { marker, measure } from '../../core/reading/fixtures';
import { readFixture, PASSPHRASE } from './readTestDb';

const sizeAt = async (f: Awaited<ReturnType<typeof readFixture>>, lesionId: string, timepointId: string) => {
  const a = await readTables(f.db).assessments.get([lesionId, timepointId]);
  return a?.value.status === 'measured' ? a.value.fragments[0]!.longAxisMm : (a?.value.status ?? null);
};

describe('undo and redo', () => {
  it('undoes and redoes an edit as audited edits', async () => {
    const f = await readFixture();
    let history = emptyHistory();
    const added = await addLesion(f.session, {
      readId: f.read.id,
      kind: 'target',
      locationCode: 'liver',
      timepointId: f.baseline.id,
      value: { status: 'measured', fragments: [measure(30)] },
    });
    history = pushCommand(history, added.command);
    const t1 = added.value.lesion.id;
    history = pushCommand(
      history,
      (
        await setAssessment(f.session, {
          lesionId: t1,
          timepointId: f.week8.id,
          value: { status: 'measured', fragments: [measure(20)] },
        })
      ).command,
    );
    history = pushCommand(
      history,
      (
        await setAssessment(f.session, {
          lesionId: t1,
          timepointId: f.week8.id,
          value: { status: 'measured', fragments: [measure(18)] },
        })
      ).command,
    );
    expect(await sizeAt(f, t1, f.week8.id)).toBe(18);

    await undoCommand(f.session, nextUndo(history)!);
    history = afterUndo(history);
    expect(await sizeAt(f, t1, f.week8.id)).toBe(20);
    await undoCommand(f.session, nextUndo(history)!);
    history = afterUndo(history);
    expect(await sizeAt(f, t1, f.week8.id)).toBeNull();
    await redoCommand(f.session, nextRedo(history)!);
    history = afterRedo(history);
    expect(await sizeAt(f, t1, f.week8.id)).toBe(20);
    expect(nextUndo(history)?.label).toBe('assess lesion');
    expect(nextRedo(history)?.label).toBe('assess lesion');

    const trail = await auditTrail(f.db, { entity: 'assessment', entityId: `${t1}@${f.week8.id}` });
    expect(trail.map((e) => [e.action, e.reason])).toEqual([
      ['create', null],
      ['update', null],
      ['update', 'undo of "assess lesion"'],
      ['delete', 'undo of "assess lesion"'],
      ['create', 'redo of "assess lesion"'],
    ]);
  });

  it('undoes adding a lesion (lesion and assessment go) and restores a deleted one', async () => {
    const f = await readFixture();
    const added = await addLesion(f.session, {
      readId: f.read.id,
      kind: 'non-target',
      locationCode: 'peritoneum',
      timepointId: f.baseline.id,
      value: { status: 'present', marker: marker() },
      multiple: true,
    });
    const deleted = await deleteLesion(f.session, added.value.lesion.id);
    await undoCommand(f.session, deleted.command!);
    expect((await loadReadView(f.db, f.read.id)).lesions[0]).toMatchObject({ label: 'NT1', deleted: false });
    const events = await auditTrail(f.db, { entity: 'lesion', entityId: added.value.lesion.id });
    expect(events.map((e) => e.action)).toEqual(['create', 'delete', 'restore']);
    await undoCommand(f.session, added.command!);
    const t = readTables(f.db);
    expect(await t.lesions.count()).toBe(0);
    expect(await t.assessments.count()).toBe(0);
  });

  it('refuses an undo when the record changed since, or its timepoint is now signed', async () => {
    const f = await readFixture();
    const added = await addLesion(f.session, {
      readId: f.read.id,
      kind: 'target',
      locationCode: 'liver',
      timepointId: f.baseline.id,
      value: { status: 'measured', fragments: [measure(30)] },
    });
    const t1 = added.value.lesion.id;
    const first = await setAssessment(f.session, {
      lesionId: t1,
      timepointId: f.week8.id,
      value: { status: 'absent', marker: null },
    });
    await setAssessment(f.session, {
      lesionId: t1,
      timepointId: f.week8.id,
      value: { status: 'too-small', marker: null },
    });
    await expect(undoCommand(f.session, first.command!)).rejects.toThrow(
      `cannot undo "assess lesion": assessment ${t1}@${f.week8.id} changed since`,
    );
    await signTimepoint(f.session, { passphrase: PASSPHRASE, readId: f.read.id, timepointId: f.baseline.id });
    await expect(undoCommand(f.session, added.command!)).rejects.toThrow(/Baseline is signed and locked/);
    await unlockTimepoint(f.session, {
      passphrase: PASSPHRASE,
      readId: f.read.id,
      timepointId: f.baseline.id,
      reason: 'undo T1',
    });
    // T1 was assessed at week 8 since: undoing its creation would orphan that assessment
    await expect(undoCommand(f.session, added.command!)).rejects.toThrow(
      'T1 is still assessed at Week 8: clear that first',
    );
    expect(await readTables(f.db).lesions.get(t1)).toMatchObject({ deleted: false });
    expect(await readTables(f.db).assessments.get([t1, f.baseline.id])).toBeDefined();
  });

  it('undoes a rename and a study move', async () => {
    const f = await readFixture();
    const renamed = await renameTimepoint(f.session, f.week8.id, 'Cycle 3');
    await undoCommand(f.session, renamed.command!);
    expect((await readTables(f.db).timepoints.get(f.week8.id))!.visitName).toBe('Week 8');
    const moved = await moveStudy(f.session, '1.2.5', { timepointId: f.week8.id });
    await undoCommand(f.session, moved.command!);
    const week16 = await readTables(f.db).timepoints.get(f.week16.id);
    expect(week16!.studies.map((s) => s.studyInstanceUid)).toEqual(['1.2.5']);
    expect((await readTables(f.db).timepoints.get(f.week8.id))!.studies).toHaveLength(1);
  });
});
