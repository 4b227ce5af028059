import { ReadingError } from '../../../../src/core/reading/errors';
import { addLesion } from '../../../../src/renderer/db/readLesions';
import { signTimepoint } from '../../../../src/renderer/db/readSignoff';
import { marker, measure } from '../../core/reading/fixtures';
import { PASSPHRASE, readFixture, type TestDatabase } from './readTestDb';

export type Fixture = Awaited<ReturnType<typeof readFixture>>;

/**
 * Everything stored in the read tables, to compare before and after a refused command. PNG bytes are
 * Blobs (not comparable as data): they are represented by their hash keys.
 */
export async function storedTables(db: TestDatabase): Promise<Record<string, unknown[]>> {
  const entries = await Promise.all(
    db.tables
      .filter((t) => !['studies', 'series', 'instances', 'importReports'].includes(t.name))
      .map(async (t) => {
        const rows = (await t.toArray()) as Record<string, unknown>[];
        return [t.name, t.name === 'keyImagePngs' ? rows.map((r) => r.sha256) : rows] as const;
      }),
  );
  return Object.fromEntries(entries);
}

/** The ReadingError a refused command throws (fails the test when it is accepted or throws anything else). */
export async function refusal(promise: Promise<unknown>): Promise<ReadingError> {
  const outcome = await promise.then(
    () => new Error('the command was accepted'),
    (error: unknown) => error,
  );
  if (!(outcome instanceof ReadingError)) throw outcome;
  return outcome;
}

/** The fixture's read with T1 (22 mm) and NT1 at baseline: no selection violation, ready to sign. */
export async function baselineRead(f?: Fixture) {
  const fixture = f ?? (await readFixture());
  const t1 = (
    await addLesion(fixture.session, {
      readId: fixture.read.id,
      kind: 'target',
      locationCode: 'lung.rul',
      timepointId: fixture.baseline.id,
      value: { status: 'measured', fragments: [measure(22)] },
    })
  ).value.lesion;
  const nt1 = (
    await addLesion(fixture.session, {
      readId: fixture.read.id,
      kind: 'non-target',
      locationCode: 'pleura.r',
      timepointId: fixture.baseline.id,
      value: { status: 'present', marker: marker() },
    })
  ).value.lesion;
  return { ...fixture, t1, nt1 };
}

export async function signBaseline(f: Fixture) {
  return signTimepoint(f.session, { passphrase: PASSPHRASE, readId: f.read.id, timepointId: f.baseline.id });
}
