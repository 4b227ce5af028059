/**
 * A workstation that read before issue 10 (schema v2: unsealed audit events numbered by Dexie, reader
 * profiles without accounts' fields, key images holding their PNG) opens with schema v3: its events are
 * sealed into the chain in their order, the head is signed when the app first verifies the trail, and
 * nothing it stored is lost.
 */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { verifyStoredTrail } from '../../../../src/renderer/db/commandRunner';
import { TestDatabase, testSigner } from './readTestDb';

const v1Stores = {
  studies: 'studyInstanceUid, patientId, studyDate',
  series: 'seriesInstanceUid, studyInstanceUid',
  instances: 'sopInstanceUid, seriesInstanceUid, studyInstanceUid',
  importReports: '++id, startedAt',
};
const v2Stores = {
  readers: 'id',
  subjects: 'id, *patientIds',
  timepoints: 'id, subjectId',
  reads: 'id, subjectId, readerId, &[subjectId+readerId]',
  lesions: 'id, readId, &trackingUid',
  assessments: '[lesionId+timepointId], readId, timepointId',
  signoffs: '[readId+timepointId], readId, timepointId',
  overrides: 'id, readId, [readId+timepointId]',
  keyImages: 'id, readId, [lesionId+timepointId]',
  audit: '++seq, at, [entity+entityId], readId, commandId',
  auditSeals: 'seq',
};

async function storeV2(name: string) {
  const old = new Dexie(name);
  old.version(1).stores(v1Stores);
  old.version(2).stores(v2Stores);
  await old.table('readers').put({
    id: 'r1',
    name: 'Dr Before',
    role: 'bicr-reader',
    createdAt: '2026-01-01T09:00:00.000Z',
  });
  await old.table('keyImages').put({
    id: 'k1',
    readId: 'read1',
    lesionId: 'l1',
    timepointId: 't1',
    at: '2026-01-01T09:05:00.000Z',
    png: new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }),
  });
  for (const [i, action] of ['create', 'update', 'sign'].entries())
    await old.table('audit').add({
      at: `2026-01-01T09:0${i}:00.000Z`,
      readerId: 'r1',
      action,
      entity: 'read',
      entityId: 'read1',
      readId: 'read1',
      commandId: `c${i}`,
      before: null,
      after: { step: i },
      reason: null,
    });
  old.close();
}

describe('schema v2 -> v3', () => {
  it('seals the old events in order, signs the head on first verification, and keeps every record', async () => {
    const name = `upgrade-${Math.random().toString(36).slice(2)}`;
    await storeV2(name);
    const db = new TestDatabase(name);
    const events = await db.table('auditTrail').orderBy('seq').toArray();
    expect(events.map((e) => [e.seq, e.action, e.commandId])).toEqual([
      [1, 'create', 'c0'],
      [2, 'update', 'c1'],
      [3, 'sign', 'c2'],
    ]);
    expect(events[1].prevHash).toBe(events[0].hash);
    expect(await db.table('auditHead').get('head')).toMatchObject({
      head: null,
      pending: { seq: 3, hash: events[2].hash },
    });
    expect(await db.table('readers').get('r1')).toMatchObject({ name: 'Dr Before', disabled: false });
    const image = await db.table('keyImages').get('k1');
    expect(image).toMatchObject({ pngSha256: null, pngBytes: 4 });
    expect(image.png).toBeInstanceOf(Blob);

    const signer = testSigner();
    expect(await verifyStoredTrail(db, signer)).toMatchObject({ ok: true, events: 3 });
    expect((await db.table('auditHead').get('head')).head).toMatchObject({
      seq: 3,
      publicKey: await signer.publicKey(),
    });
    db.close();
  });
});
