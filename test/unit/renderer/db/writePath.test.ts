/**
 * Issue 10: "No other write path exists": commandRunner.ts is the only module that writes the read
 * tables. Before the write policy, every repository (readLesions, readSignoff, readSubjects, readUndo)
 * wrote them through readWriter.ts, and the audit sealer wrote the seals on its own schedule.
 * The types already stop writes through readTables(); this scan stops the ways around them
 * (db.table('lesions'), writableReadTables, transactionTables, a Dexie subclass's table properties).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findReadTableWrites, functionLines, usesWritableReadTables } from './writePathScan';

const root = process.env.WRITE_PATH_SRC ?? join(__dirname, '../../../../src');
const THE_WRITER = 'renderer/db/commandRunner.ts';
/** Where writableReadTables is defined. */
const SCHEMA = 'renderer/db/readSchema.ts';
/** They write their own databases / tables (undo histories, the DICOM index), never a read table. */
const OTHER_DATABASES = ['renderer/db/undoHistoryStore.ts', 'renderer/db/indexRepository.ts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const files = sourceFiles(root).map((path) => ({
  file: relative(root, path).split('\\').join('/'),
  source: readFileSync(path, 'utf8'),
}));

/** The schema's upgrade functions: the only code besides the runner that writes read tables. */
const MIGRATIONS = ['upgradeToV3', 'upgradeToV4'] as const;
function migrationLines(source: string): [number, number][] {
  return MIGRATIONS.flatMap((name) => {
    const lines = functionLines(source, name);
    return lines ? [lines] : [];
  });
}

describe('the write path', () => {
  it('finds the writes it must find (the scan is not blind)', () => {
    const offending = [
      'await t.lesions.put(lesion);',
      "await db.table('assessments').where('readId').equals(id).delete();",
      'await writableReadTables(db).signoffs.bulkDelete(keys);',
      "await transactionTables(db, ['auditTrail'])[0]!.clear();",
      "await tx\n  .table('readers')\n  .toCollection()\n  .modify((r) => r);",
      'await this.db.auditHead?.update("head", {});',
      'await (db as unknown as Dexie).table("keyImages").bulkAdd(images);',
      'const { lesions } = db as unknown as WritableReadTables;\nawait lesions.add(lesion);',
    ];
    for (const line of offending) expect(findReadTableWrites(line), line).toHaveLength(1);
    const harmless = [
      'seen.add(uid);',
      'await db.studies.put(study);',
      '// commandRunner does t.lesions.put(record)',
      'const lesions = await readTables(db).lesions.toArray();',
      'map.delete(key);',
      'const reads = new Map<number, string>();\nreads.delete(id);',
    ];
    for (const line of harmless) expect(findReadTableWrites(line), line).toEqual([]);
  });

  it(`writes the read tables only in ${THE_WRITER} (and the schema migration)`, () => {
    expect(files.some((f) => f.file === THE_WRITER)).toBe(true);
    const findings = files
      .filter((f) => f.file !== THE_WRITER)
      .flatMap(({ file, source }) => {
        const migrations = file === SCHEMA ? migrationLines(source) : [];
        return findReadTableWrites(source)
          .filter((w) => !migrations.some(([from, to]) => w.line >= from && w.line <= to))
          .map((w) => `${file}:${w.line}: ${w.method} on ${w.receiver}: ${w.text}`);
      });
    expect(findings).toEqual([]);
  });

  it('lets the schema migrations write only inside their upgrade functions', () => {
    const schema = files.find((f) => f.file === SCHEMA)!;
    const migrations = migrationLines(schema.source);
    expect(migrations).toHaveLength(MIGRATIONS.length);
    const writes = findReadTableWrites(schema.source);
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.every((w) => migrations.some(([from, to]) => w.line >= from && w.line <= to))).toBe(true);
  });

  it(`hands writable read tables to ${THE_WRITER} only`, () => {
    const users = files
      .filter((f) => f.file !== THE_WRITER && f.file !== SCHEMA && usesWritableReadTables(f.source))
      .map((f) => f.file);
    expect(users).toEqual([]);
  });

  it('keeps the undo history and DICOM index stores off the read tables', () => {
    for (const file of OTHER_DATABASES) {
      const { source } = files.find((f) => f.file === file)!;
      expect(findReadTableWrites(source), file).toEqual([]);
      expect(usesWritableReadTables(source), file).toBe(false);
      expect(source, file).not.toMatch(/\breadTables\b|\btransactionTables\b/);
    }
  });
});
