import { describe, expect, it } from 'vitest';
import { ReadingError } from '../../../../src/core/reading/errors';
import { auditTrail } from '../../../../src/renderer/db/auditLog';
import {
  addLesion,
  clearAssessment,
  deleteLesion,
  saveKeyImage,
  setAssessment,
  updateLesion,
  updateRead,
} from '../../../../src/renderer/db/readLesions';
import { listKeyImages, loadReadView } from '../../../../src/renderer/db/readQueries';
import { readTables } from '../../../../src/renderer/db/readSchema';
import { marker, measure } from '../../core/reading/fixtures';
import { readFixture } from './readTestDb';

async function rejection(promise: Promise<unknown>): Promise<ReadingError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReadingError);
  return error as ReadingError;
}

describe('lesions', () => {
  it('adds a target with its baseline measurement, labelled T1, T2, with an audit event for each record', async () => {
    const f = await readFixture();
    const t1 = await addLesion(f.session, {
      readId: f.read.id,
      kind: 'target',
      locationCode: 'lung.rul',
      timepointId: f.baseline.id,
      value: { status: 'measured', fragments: [measure(21.4)] },
    });
    const t2 = await addLesion(f.session, {
      readId: f.read.id,
      kind: 'target',
      locationCode: 'liver.s7',
      timepointId: f.baseline.id,
      value: { status: 'measured', fragments: [measure(30)] },
    });
    expect(t1.value.lesion.label).toBe('T1');
    expect(t2.value.lesion.label).toBe('T2');
    expect(t1.value.lesion.trackingUid).toMatch(/^2\.25\.\d+$/);
    expect(t1.value.lesion.trackingUid).not.toBe(t2.value.lesion.trackingUid);

    const events = await auditTrail(f.db, { commandId: t1.commandId });
    expect(events.map((e) => [e.action, e.entity, e.readerId, e.before, e.readId])).toEqual([
      ['create', 'lesion', f.reader.id, null, f.read.id],
      ['create', 'assessment', f.reader.id, null, f.read.id],
    ]);
    expect(events[0]!.after).toEqual(t1.value.lesion);
    expect(events[1]!.entityId).toBe(`${t1.value.lesion.id}@${f.baseline.id}`);
    expect(events[0]!.at).toBe(t1.value.lesion.createdAt);
  });

  it('gives non-targets NT labels and new lesions N labels, and a freed label back', async () => {
    const f = await readFixture();
    const add = (
      kind: 'target' | 'non-target' | 'new',
      timepointId: string,
      value: object,
      locationCode = 'liver',
    ) => addLesion(f.session, { readId: f.read.id, kind, locationCode, timepointId, value: value as never });
    const nt = await add('non-target', f.baseline.id, { status: 'present', marker: marker() });
    const n1 = await add('new', f.week8.id, { status: 'equivocal', measurement: null, marker: marker() });
    expect([nt.value.lesion.label, n1.value.lesion.label]).toEqual(['NT1', 'N1']);
    expect(n1.value.lesion.firstSeenTimepointId).toBe(f.week8.id);
    const t1 = await add('target', f.baseline.id, { status: 'measured', fragments: [measure(15)] });
    await add('target', f.baseline.id, { status: 'measured', fragments: [measure(16)] });
    await deleteLesion(f.session, t1.value.lesion.id);
    const again = await add('target', f.baseline.id, { status: 'measured', fragments: [measure(17)] });
    expect(again.value.lesion.label).toBe('T1');
  });

  it('refuses what reading rules forbid, with a message naming the problem', async () => {
    const f = await readFixture();
    const base = { readId: f.read.id, locationCode: 'liver', timepointId: f.baseline.id };
    expect(
      (
        await rejection(
          addLesion(f.session, { ...base, kind: 'target', value: { status: 'absent', marker: null } }),
        )
      ).message,
    ).toBe('T1: a target lesion is defined by its baseline measurement');
    expect(
      (
        await rejection(
          addLesion(f.session, {
            ...base,
            kind: 'target',
            timepointId: f.week8.id,
            value: { status: 'measured', fragments: [measure(12)] },
          }),
        )
      ).message,
    ).toBe('target and non-target lesions are recorded at baseline');
    expect(
      (
        await rejection(
          addLesion(f.session, {
            ...base,
            kind: 'new',
            value: { status: 'unequivocal', measurement: null, marker: null },
          }),
        )
      ).message,
    ).toMatch(/no new lesions at baseline/);
    expect(
      (
        await rejection(
          addLesion(f.session, {
            ...base,
            kind: 'target',
            locationCode: 'ln.subcarinal.7',
            value: { status: 'measured', fragments: [measure(22)] },
          }),
        )
      ).message,
    ).toBe('T1: a lymph node is measured by its short axis: use the Bidirectional tool');
    expect(
      (
        await rejection(
          addLesion(f.session, {
            ...base,
            kind: 'target',
            locationCode: 'moon',
            value: { status: 'measured', fragments: [measure(22)] },
          }),
        )
      ).message,
    ).toBe('unknown location code "moon"');
    const wrongField = await rejection(
      addLesion(f.session, {
        ...base,
        kind: 'target',
        value: { status: 'measured', fragments: [] } as never,
      }),
    );
    expect(wrongField.code).toBe('INVALID');
    expect(wrongField.message).toMatch(/^T1 assessment: fragments: /);
    // nothing of the refused lesions was stored, and nothing audited
    const t = readTables(f.db);
    expect(await t.lesions.count()).toBe(0);
    expect(await t.auditTrail.where('entity').equals('lesion').count()).toBe(0);
  });

  it('edits a lesion location, refusing a switch to a node measured without a short axis', async () => {
    const f = await readFixture();
    const { lesion } = (
      await addLesion(f.session, {
        readId: f.read.id,
        kind: 'target',
        locationCode: 'liver',
        timepointId: f.baseline.id,
        value: { status: 'measured', fragments: [measure(22)] },
      })
    ).value;
    const moved = await updateLesion(f.session, lesion.id, {
      locationCode: 'liver.s4a',
      description: 'near the falciform',
    });
    expect(moved.value).toMatchObject({
      locationCode: 'liver.s4a',
      description: 'near the falciform',
      label: 'T1',
    });
    const events = await auditTrail(f.db, { entity: 'lesion', entityId: lesion.id });
    expect(events.map((e) => e.action)).toEqual(['create', 'update']);
    expect(events[1]!.before).toMatchObject({ locationCode: 'liver' });
    expect(events[1]!.after).toMatchObject({ locationCode: 'liver.s4a' });
    expect(
      (await rejection(updateLesion(f.session, lesion.id, { locationCode: 'ln.hilar.10r' }))).message,
    ).toBe(
      'T1 cannot become a lymph node: a lymph node is measured by its short axis: use the Bidirectional tool',
    );
    expect((await rejection(updateLesion(f.session, lesion.id, { multiple: true }))).code).toBe('INVALID');
  });
});

describe('assessments', () => {
  async function withTargets() {
    const f = await readFixture();
    const add = async (locationCode: string, mm: number, short: number | null = null) =>
      (
        await addLesion(f.session, {
          readId: f.read.id,
          kind: 'target',
          locationCode,
          timepointId: f.baseline.id,
          value: { status: 'measured', fragments: [measure(mm, short)] },
        })
      ).value.lesion;
    return { ...f, t1: await add('liver', 30), t2: await add('ln.aortocaval', 25, 18) };
  }

  it('records and replaces follow-up assessments, auditing old and new values', async () => {
    const f = await withTargets();
    const first = await setAssessment(f.session, {
      lesionId: f.t1.id,
      timepointId: f.week8.id,
      value: { status: 'measured', fragments: [measure(20), measure(4.5)] }, // split lesion
    });
    const second = await setAssessment(f.session, {
      lesionId: f.t1.id,
      timepointId: f.week8.id,
      value: { status: 'too-small', marker: null },
    });
    const events = await auditTrail(f.db, { entity: 'assessment', entityId: `${f.t1.id}@${f.week8.id}` });
    expect(events.map((e) => e.action)).toEqual(['create', 'update']);
    expect(events[1]!.before).toEqual(first.value);
    expect(events[1]!.after).toEqual(second.value);
    const view = await loadReadView(f.db, f.read.id);
    expect(
      view.assessments.find((a) => a.lesionId === f.t1.id && a.timepointId === f.week8.id)?.value.status,
    ).toBe('too-small');
  });

  it('merges a target into another live target only', async () => {
    const f = await withTargets();
    await setAssessment(f.session, {
      lesionId: f.t2.id,
      timepointId: f.week8.id,
      value: { status: 'merged', intoLesionId: f.t1.id },
    });
    const self = await rejection(
      setAssessment(f.session, {
        lesionId: f.t1.id,
        timepointId: f.week8.id,
        value: { status: 'merged', intoLesionId: f.t1.id },
      }),
    );
    expect(self.message).toBe('T1: a lesion cannot be merged into itself');
    // T1 holds T2's merged size: deleting it would orphan the merge
    expect((await rejection(deleteLesion(f.session, f.t1.id))).message).toBe(
      'T2 merged into T1: change that first',
    );
  });

  it('refuses statuses of another lesion kind and assessments of deleted lesions', async () => {
    const f = await withTargets();
    const wrong = await rejection(
      setAssessment(f.session, {
        lesionId: f.t1.id,
        timepointId: f.week8.id,
        value: { status: 'present', marker: null },
      }),
    );
    expect(wrong.message).toBe(
      'T1: "present" is not an assessment of a target lesion (measured, too-small, absent, merged, not-evaluated)',
    );
    await deleteLesion(f.session, f.t1.id);
    expect(
      (
        await rejection(
          setAssessment(f.session, {
            lesionId: f.t1.id,
            timepointId: f.week8.id,
            value: { status: 'absent', marker: null },
          }),
        )
      ).code,
    ).toBe('NOT_FOUND');
  });

  it('clears a follow-up assessment but not the one that defines the lesion', async () => {
    const f = await withTargets();
    await setAssessment(f.session, {
      lesionId: f.t1.id,
      timepointId: f.week8.id,
      value: { status: 'absent', marker: null },
    });
    await clearAssessment(f.session, { lesionId: f.t1.id, timepointId: f.week8.id });
    expect(await readTables(f.db).assessments.get([f.t1.id, f.week8.id])).toBeUndefined();
    expect(
      (await rejection(clearAssessment(f.session, { lesionId: f.t1.id, timepointId: f.baseline.id })))
        .message,
    ).toMatch(/defines the lesion/);
  });

  it('soft-deletes a lesion: stored, audited, out of the live view', async () => {
    const f = await withTargets();
    const deleted = await deleteLesion(f.session, f.t2.id);
    expect(deleted.value.deleted).toBe(true);
    expect(await readTables(f.db).lesions.get(f.t2.id)).toMatchObject({ deleted: true, label: 'T2' });
    const events = await auditTrail(f.db, { entity: 'lesion', entityId: f.t2.id });
    expect(events.at(-1)).toMatchObject({
      action: 'delete',
      before: { deleted: false },
      after: { deleted: true },
    });
    expect((await rejection(deleteLesion(f.session, f.t2.id))).code).toBe('NOT_FOUND');
  });
});

describe('new lesions', () => {
  it('confirms an equivocal new lesion at a later timepoint, never before it was first seen', async () => {
    const f = await readFixture();
    const { lesion } = (
      await addLesion(f.session, {
        readId: f.read.id,
        kind: 'new',
        locationCode: 'ln.mesenteric',
        timepointId: f.week8.id,
        value: { status: 'equivocal', measurement: null, marker: marker() },
      })
    ).value;
    const confirmed = await setAssessment(f.session, {
      lesionId: lesion.id,
      timepointId: f.week16.id,
      value: { status: 'unequivocal', measurement: measure(21, 16), marker: null },
    });
    expect(confirmed.value.value.status).toBe('unequivocal');
    await expect(
      setAssessment(f.session, {
        lesionId: lesion.id,
        timepointId: f.baseline.id,
        value: { status: 'absent', marker: null },
      }),
    ).rejects.toThrow('N1: there are no new lesions at baseline');
    await expect(
      setAssessment(f.session, {
        lesionId: lesion.id,
        timepointId: f.week8.id,
        value: { status: 'absent', marker: null },
      }),
    ).rejects.toThrow(
      'N1: "Absent" describes a new lesion at a visit after the one where it was first seen: here, where it is first seen, record it as equivocal or unequivocal',
    );
    // a nodal new lesion measured for iRECIST needs its short axis
    await expect(
      setAssessment(f.session, {
        lesionId: lesion.id,
        timepointId: f.week16.id,
        value: { status: 'unequivocal', measurement: measure(21), marker: null },
      }),
    ).rejects.toThrow('N1: a lymph node is measured by its short axis');
  });
});

describe('key images and read options', () => {
  it('keeps one PNG per lesion and timepoint, by its SHA-256 (not copied) in the audit trail', async () => {
    const f = await readFixture();
    const { lesion } = (
      await addLesion(f.session, {
        readId: f.read.id,
        kind: 'target',
        locationCode: 'liver',
        timepointId: f.baseline.id,
        value: { status: 'measured', fragments: [measure(22)] },
      })
    ).value;
    const png = (n: number, fill = 0) => new Blob([new Uint8Array(n).fill(fill)], { type: 'image/png' });
    await saveKeyImage(f.session, { lesionId: lesion.id, timepointId: f.baseline.id, png: png(10) });
    const second = await saveKeyImage(f.session, {
      lesionId: lesion.id,
      timepointId: f.baseline.id,
      png: png(20, 7),
    });
    const stored = await listKeyImages(f.db, f.read.id);
    expect(stored).toHaveLength(1);
    const sha256 = await sha256Hex(png(20, 7));
    expect(stored[0]).toMatchObject({ pngBytes: 20, pngSha256: sha256 });
    const kept = await readTables(f.db).keyImagePngs.get(sha256);
    expect(new Uint8Array(await kept!.png.arrayBuffer())).toEqual(new Uint8Array(20).fill(7));
    const events = await auditTrail(f.db, { commandId: second.commandId });
    expect(events.map((e) => e.action)).toEqual(['delete', 'create']);
    expect(events[1]!.after).toMatchObject({ pngSha256: sha256, pngBytes: 20 });
    expect(JSON.stringify(events)).not.toContain('"png":');
    const jpeg = new Blob([new Uint8Array(3)], { type: 'image/jpeg' });
    expect(
      (
        await rejection(
          saveKeyImage(f.session, { lesionId: lesion.id, timepointId: f.baseline.id, png: jpeg }),
        )
      ).message,
    ).toBe('a key image is a PNG, not "image/jpeg"');
  });

  it('changes criteria and options, validated, with defaults from the contract', async () => {
    const f = await readFixture();
    expect(f.read.options).toEqual({
      confirmationRequired: true,
      confirmationMinDays: 28,
      sdMinDays: 42,
      tooSmallMm: 5,
    });
    const changed = await updateRead(f.session, f.read.id, {
      criteria: 'iRECIST',
      options: { sdMinDays: 56 },
    });
    expect(changed.value).toMatchObject({
      criteria: 'iRECIST',
      options: { sdMinDays: 56, confirmationMinDays: 28 },
    });
    expect(
      (await rejection(updateRead(f.session, f.read.id, { options: { sdMinDays: -1 } }))).message,
    ).toMatch(/^read options: sdMinDays: /);
  });
});

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
