/**
 * Puts an audit trail into the web app's own database through the app's repositories (loaded from the
 * dev server, so the same write path and the same installation key as the app), and tampers with it
 * the way someone with access to the browser profile could.
 */
import type { Page } from '@playwright/test';
import type * as DatabaseTypes from '../../src/renderer/db/database';
import type * as LesionsTypes from '../../src/renderer/db/readLesions';
import type * as SubjectsTypes from '../../src/renderer/db/readSubjects';
import type * as AuditKeyTypes from '../../src/renderer/platform/auditKey';

type DatabaseModule = typeof DatabaseTypes;
type AuditKeyModule = typeof AuditKeyTypes;
type SubjectsModule = typeof SubjectsTypes;
type LesionsModule = typeof LesionsTypes;

export const APP_DB = 'recist-workstation';

export interface SeededRead {
  readonly adminId: string;
  readonly readerId: string;
  readonly subjectId: string;
  readonly readId: string;
  readonly timepointIds: readonly string[];
  readonly lastSeq: number;
}

/**
 * An admin, a BICR reader, a subject with a baseline and two follow-ups, the reader's read, and some
 * edits of the subject and the visits: a trail of a dozen or so sealed events.
 */
export async function seedRead(page: Page, { editRounds = 3 } = {}): Promise<SeededRead> {
  return page.evaluate(async (editRounds) => {
    // The dev server serves the app's modules by path: the same instances the page's app uses.
    const load = (path: string): Promise<unknown> => import(/* @vite-ignore */ path);
    const { RecistDatabase } = (await load('/db/database.ts')) as DatabaseModule;
    const { createWebAuditKey } = (await load('/platform/auditKey.ts')) as AuditKeyModule;
    const subjects = (await load('/db/readSubjects.ts')) as SubjectsModule;
    const lesions = (await load('/db/readLesions.ts')) as LesionsModule;
    const db = new RecistDatabase();
    const signer = createWebAuditKey();
    const admin = await subjects.createAccount(
      { db, readerId: null, signer },
      { name: 'Ada Admin', role: 'admin', passphrase: 'admin passphrase 1' },
    );
    const asAdmin = { db, readerId: admin.value.id, signer };
    const reader = await subjects.createAccount(asAdmin, {
      name: 'Dr Rita Reader',
      role: 'bicr-reader',
      passphrase: 'reader passphrase 1',
    });
    const session = { db, readerId: reader.value.id, signer };
    const study = (n: number, date: string) => ({
      studyInstanceUid: `1.2.826.0.1.3680043.8.498.${n}`,
      patientId: 'AUDIT-001',
      studyDate: date,
    });
    const dates = ['2021-01-04', '2021-03-01', '2021-05-03'];
    const grouped = await subjects.applyGrouping(session, [
      {
        subjectId: null,
        label: 'AUDIT-001',
        addPatientIds: ['AUDIT-001'],
        timepoints: dates.map((date, i) => ({
          timepointId: null,
          visitName: i === 0 ? 'Baseline' : `Follow-up ${i}`,
          scanDate: date,
          studies: [study(i + 1, date)],
        })),
      },
    ]);
    const subjectId = grouped.value.subjectIds[0]!;
    const timepointIds = grouped.value.timepointIds;
    await subjects.updateSubject(session, subjectId, { enrollmentDate: '2021-01-02' });
    const read = await lesions.createRead(session, { subjectId });
    for (let round = 0; round < editRounds; round++) {
      await subjects.updateSubject(session, subjectId, { enrollmentDate: `2021-01-0${(round % 2) + 2}` });
      await subjects.renameTimepoint(session, timepointIds[1]!, `Week ${8 + round}`);
    }
    const last = await db.table('auditTrail').orderBy('seq').last();
    db.close();
    return {
      adminId: admin.value.id,
      readerId: reader.value.id,
      subjectId,
      readId: read.value.id,
      timepointIds,
      lastSeq: (last as { seq: number }).seq,
    };
  }, editRounds);
}

/** Opens the app's database with plain IndexedDB (no app code) and runs `change` on the audit store. */
export async function tamperTrail(
  page: Page,
  change: { kind: 'edit-after'; seq: number } | { kind: 'delete'; seq: number },
): Promise<void> {
  await page.evaluate(
    async ({ name, change }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction('auditTrail', 'readwrite');
      const store = tx.objectStore('auditTrail');
      if (change.kind === 'delete') store.delete(change.seq);
      else {
        const get = store.get(change.seq);
        get.onsuccess = () => {
          const event = get.result as { after: unknown };
          store.put({ ...event, after: { tampered: true, was: event.after } });
        };
      }
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { name: APP_DB, change },
  );
}
