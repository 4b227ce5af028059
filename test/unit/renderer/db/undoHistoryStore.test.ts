import { describe, expect, it } from 'vitest';
import { afterUndo, emptyHistory, nextRedo, nextUndo, pushCommand } from '../../../../src/core/reading/undo';
import { addLesion, saveKeyImage } from '../../../../src/renderer/db/readLesions';
import { readTables } from '../../../../src/renderer/db/readSchema';
import { redoCommand, undoCommand } from '../../../../src/renderer/db/readUndo';
import { UndoHistoryStore } from '../../../../src/renderer/db/undoHistoryStore';
import { measure } from '../../core/reading/fixtures';
import { readFixture } from './readTestDb';

const png = (n: number) => new Blob([new Uint8Array(n)], { type: 'image/png' });

async function addTargetWithKeyImage(f: Awaited<ReturnType<typeof readFixture>>) {
  const added = await addLesion(f.session, {
    readId: f.read.id,
    kind: 'target',
    locationCode: 'liver',
    timepointId: f.baseline.id,
    value: { status: 'measured', fragments: [measure(30)] },
  });
  const keyImage = await saveKeyImage(f.session, {
    lesionId: added.value.lesion.id,
    timepointId: f.baseline.id,
    png: png(64),
  });
  return pushCommand(pushCommand(emptyHistory(), added.command), keyImage.command);
}

describe('one undo step per lesion, kept through a reload', () => {
  it('undoes a lesion and its key image together, and redoes both', async () => {
    const f = await readFixture();
    let history = await addTargetWithKeyImage(f);
    expect(history.undo).toHaveLength(1);
    const t = readTables(f.db);
    await undoCommand(f.session, nextUndo(history)!);
    history = afterUndo(history);
    expect(await t.lesions.count()).toBe(0);
    expect(await t.keyImages.count()).toBe(0);
    await redoCommand(f.session, nextRedo(history)!);
    expect(await t.lesions.count()).toBe(1);
    expect((await t.keyImages.toArray())[0]!.pngBytes).toBe(64);
  });

  it('gives the history back to the same session, reader and subject only', async () => {
    const f = await readFixture();
    const made = await addTargetWithKeyImage(f);
    await undoCommand(f.session, nextUndo(made)!);
    const history = afterUndo(made);
    const scope = { readerId: f.session.readerId, subjectId: f.read.subjectId };
    await new UndoHistoryStore(f.db.name, 'window-1').save(scope, history);

    // A reload: a new store object over the same session.
    const kept = await new UndoHistoryStore(f.db.name, 'window-1').load(scope);
    expect(kept?.redo).toHaveLength(1);
    await redoCommand(f.session, nextRedo(kept!)!);
    expect(await readTables(f.db).keyImages.count()).toBe(1);
    expect((await readTables(f.db).keyImages.toArray())[0]!.pngBytes).toBe(64);

    expect(await new UndoHistoryStore(f.db.name, 'window-2').load(scope)).toBeNull();
    expect(
      await new UndoHistoryStore(f.db.name, 'window-1').load({ ...scope, subjectId: 'other' }),
    ).toBeNull();
  });

  it('forgets histories of sessions that ended days ago', async () => {
    const f = await readFixture();
    const scope = { readerId: f.session.readerId, subjectId: f.read.subjectId };
    let now = Date.parse('2026-02-01T09:00:00Z');
    await new UndoHistoryStore(f.db.name, 'old', () => now).save(scope, emptyHistory());
    now += 3 * 24 * 3600 * 1000;
    await new UndoHistoryStore(f.db.name, 'new', () => now).load(scope);
    expect(await new UndoHistoryStore(f.db.name, 'old', () => now).load(scope)).toBeNull();
  });
});
