import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { auditCsv, csvCell } from '../../../../src/renderer/audit/auditCsv';
import {
  changedFields,
  describeWhat,
  queryAudit,
  timeBounds,
} from '../../../../src/renderer/audit/auditQuery';
import { renameTimepoint, updateSubject } from '../../../../src/renderer/db/readSubjects';
import { readFixture } from '../db/readTestDb';

describe('audit view queries', () => {
  it('filters by subject, visit, reader, action and date, newest first', async () => {
    const f = await readFixture();
    await updateSubject(f.session, f.subjectId, { enrollmentDate: '2026-01-05' });
    await renameTimepoint(f.session, f.week8.id, 'Week 9');
    await renameTimepoint(f.session, f.week8.id, 'Week 8 bis');

    const visit = await queryAudit(f.db, {
      subjectId: f.subjectId,
      timepointId: f.week8.id,
      action: 'update',
    });
    expect(visit.map((e) => e.after)).toMatchObject([{ visitName: 'Week 8 bis' }, { visitName: 'Week 9' }]);

    const byAdmin = await queryAudit(f.db, { readerId: f.admin.readerId });
    expect(byAdmin.length).toBeGreaterThan(0);
    expect(byAdmin.every((e) => e.readerId === f.admin.readerId)).toBe(true);

    const all = await queryAudit(f.db, {});
    expect(all.map((e) => e.seq)).toEqual([...all.map((e) => e.seq)].sort((a, b) => b - a));
    // The fixture's clock is in February 2026: nothing in January, everything in February.
    expect(await queryAudit(f.db, { from: '2026-01-01', to: '2026-01-31' })).toEqual([]);
    expect(await queryAudit(f.db, { from: '2026-01-31', to: '2026-02-02' })).toHaveLength(all.length);
  });

  it('the "to" date includes its whole day', () => {
    const { lower, upper } = timeBounds({ from: '2026-03-01', to: '2026-03-01' });
    expect(Date.parse(upper!) - Date.parse(lower!)).toBe(24 * 3600 * 1000);
  });

  it('shows only the fields that changed, and created records without their ids', () => {
    expect(changedFields({ a: 1, b: 'x' }, { a: 1, b: 'y' })).toEqual([
      { field: 'b', before: 'x', after: 'y' },
    ]);
    expect(changedFields(null, { id: 'r1', subjectId: 's1', visitName: 'Week 8' })).toEqual([
      { field: '', before: '—', after: 'visitName: Week 8' },
    ]);
    expect(describeWhat({ entity: 'timepoint', action: 'update' })).toBe('Visit changed');
  });

  it('CSV quotes what needs it and never lets a spreadsheet run a cell', async () => {
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    const f = await readFixture();
    const events = (await queryAudit(f.db, {})).reverse();
    const csv = auditCsv(events, {
      reader: () => ({ name: 'N', role: 'R' }),
      subject: () => '',
      visit: () => '',
      meaning: () => '',
    });
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(events.length + 1);
    expect(lines[1]!.startsWith(`${events[0]!.seq},${events[0]!.at},N,R,`)).toBe(true);
    expect(lines[1]!.endsWith(events[0]!.hash)).toBe(true);
  });
});
