import { describe, expect, it } from 'vitest';
import type { AccountRole, Timepoint } from '../../../../src/core/reading/model';
import {
  ReaderAssignmentSchema,
  canOpenVisit,
  isAssigned,
  readAccess,
  readVisibleTo,
  worklist,
  worklistRow,
  type ReadAccess,
  type RoleRead,
  type WorklistRow,
} from '../../../../src/core/trial/worklist';

// ---------------------------------------------------------------------------------------------------
// Fixtures: one subject with a baseline and two follow-ups, read by two BICR readers and a site reader

const AT = '2026-01-01T00:00:00.000Z';
const visit = (id: string, visitName: string, date: string | null, subjectId = 'S1'): Timepoint => ({
  id,
  subjectId,
  visitName,
  studies: [{ studyInstanceUid: '1.2.3', patientId: 'P', studyDate: date }],
  createdAt: AT,
});
// Given out of date order on purpose: the row must follow the read's order, not the array's.
const timepoints = [
  visit('w16', 'Week 16', '2026-05-01'),
  visit('base', 'Baseline', '2026-01-05'),
  visit('w8', 'Week 8', '2026-03-02'),
];
const subject = { id: 'S1', label: 'ONC-001' };
const r1 = { id: 'u1', role: 'bicr-reader' as const };
const r2 = { id: 'u2', role: 'bicr-reader' as const };
const site = { id: 'u3', role: 'site-radiologist' as const };
const roleRead = (id: string, readerId: string, readerRole: AccountRole, subjectId = 'S1'): RoleRead => ({
  read: { id, subjectId, readerId, baselineTimepointId: 'base' },
  readerRole,
});
const reads = [
  roleRead('R1', 'u1', 'bicr-reader'),
  roleRead('R2', 'u2', 'bicr-reader'),
  roleRead('RS', 'u3', 'site-radiologist'),
];
const signs = (readId: string, ...ids: string[]) => ids.map((timepointId) => ({ readId, timepointId }));
const allSigned = [...signs('R1', 'base', 'w8', 'w16'), ...signs('R2', 'base', 'w8', 'w16')];

// ---------------------------------------------------------------------------------------------------

describe('ReaderAssignment', () => {
  it('accepts the three kinds and trims the site', () => {
    expect(ReaderAssignmentSchema.parse({ kind: 'all' })).toEqual({ kind: 'all' });
    expect(ReaderAssignmentSchema.parse({ kind: 'site', site: ' SITE-01 ' })).toEqual({
      kind: 'site',
      site: 'SITE-01',
    });
    expect(ReaderAssignmentSchema.parse({ kind: 'subjects', subjectIds: ['S1', 'S2'] }).kind).toBe(
      'subjects',
    );
  });

  it('refuses a blank site, an empty or repeated subject list, and unknown fields, in plain words', () => {
    const message = (input: unknown) => ReaderAssignmentSchema.safeParse(input).error?.issues[0]?.message;
    expect(message({ kind: 'site', site: '  ' })).toBe('Enter the site whose subjects this reader reads');
    expect(message({ kind: 'subjects', subjectIds: [] })).toBe('Choose at least one subject for this reader');
    expect(message({ kind: 'subjects', subjectIds: ['S1', 'S1'] })).toBe('A subject is listed twice');
    expect(ReaderAssignmentSchema.safeParse({ kind: 'all', site: 'X' }).success).toBe(false);
    expect(ReaderAssignmentSchema.safeParse({ kind: 'some' }).success).toBe(false);
  });

  it('assigns every subject, a site exactly, or a list', () => {
    const s1 = { id: 'S1', site: 'SITE-01' };
    const s2 = { id: 'S2', site: 'SITE-02' };
    const noSite = { id: 'S3', site: null };
    expect([s1, s2, noSite].map((s) => isAssigned({ kind: 'all' }, s))).toEqual([true, true, true]);
    expect([s1, s2, noSite].map((s) => isAssigned({ kind: 'site', site: 'SITE-01' }, s))).toEqual([
      true,
      false,
      false,
    ]);
    // Site codes are not folded: a different case is a different site.
    expect(isAssigned({ kind: 'site', site: 'site-01' }, s1)).toBe(false);
    expect(isAssigned({ kind: 'site', site: 'SITE-01' }, { id: 'S4', site: ' SITE-01 ' })).toBe(true);
    expect(
      [s1, s2, noSite].map((s) => isAssigned({ kind: 'subjects', subjectIds: ['S2', 'S3'] }, s)),
    ).toEqual([false, true, true]);
  });
});

describe('canOpenVisit', () => {
  const order = [
    { id: 'base', visitName: 'Baseline' },
    { id: 'w8', visitName: 'Week 8' },
    { id: 'w16', visitName: 'Week 16' },
  ];

  it('opens the baseline of an unsigned read, and nothing after it', () => {
    expect(canOpenVisit(order, new Set(), 'base')).toEqual({ allowed: true });
    expect(canOpenVisit(order, new Set(), 'w8')).toEqual({
      allowed: false,
      reason: 'Sign Baseline first: visits are read in order',
    });
  });

  it('opens the next visit once the previous one is signed, and names the earliest unsigned visit', () => {
    expect(canOpenVisit(order, new Set(['base']), 'w8')).toEqual({ allowed: true });
    expect(canOpenVisit(order, new Set(['base']), 'w16')).toEqual({
      allowed: false,
      reason: 'Sign Week 8 first: visits are read in order',
    });
    expect(canOpenVisit(order, new Set(['base', 'w8']), 'w16')).toEqual({ allowed: true });
    // The baseline unlocked again (its sign-off removed) blocks every later visit, though Week 8 is still signed.
    expect(canOpenVisit(order, new Set(['w8']), 'w16')).toEqual({
      allowed: false,
      reason: 'Sign Baseline first: visits are read in order',
    });
  });

  it('always opens a signed visit (locked, to look at) and refuses a visit of another read', () => {
    expect(canOpenVisit(order, new Set(['base', 'w8', 'w16']), 'w8')).toEqual({ allowed: true });
    expect(canOpenVisit(order, new Set(), 'w99')).toEqual({
      allowed: false,
      reason: 'This visit is not one of the visits of this read',
    });
  });
});

describe('worklistRow', () => {
  it('is not started while the reader has no read, and points at the baseline', () => {
    const row = worklistRow(r1, subject, [], timepoints, []);
    expect(row).toEqual({
      readerId: 'u1',
      subjectId: 'S1',
      subjectLabel: 'ONC-001',
      nextVisit: { timepointId: 'base', visitName: 'Baseline', index: 0 },
      status: 'not-started',
      signedVisits: 0,
      totalVisits: 3,
    });
    // Another reader's read of the subject does not start this reader's.
    expect(worklistRow(r1, subject, [reads[1]!], timepoints, signs('R2', 'base')).status).toBe('not-started');
  });

  it('is in progress from the read being started until its last visit is signed; the next visit follows the read order', () => {
    const started = worklistRow(r1, subject, reads, timepoints, []);
    expect([started.status, started.nextVisit?.timepointId, started.signedVisits]).toEqual([
      'in-progress',
      'base',
      0,
    ]);
    const one = worklistRow(r1, subject, reads, timepoints, signs('R1', 'base'));
    expect([one.status, one.nextVisit, one.signedVisits]).toEqual([
      'in-progress',
      { timepointId: 'w8', visitName: 'Week 8', index: 1 },
      1,
    ]);
    const two = worklistRow(r1, subject, reads, timepoints, signs('R1', 'base', 'w8'));
    expect([two.status, two.nextVisit?.visitName, two.signedVisits, two.totalVisits]).toEqual([
      'in-progress',
      'Week 16',
      2,
      3,
    ]);
  });

  it('is signed when every visit is signed, with no next visit', () => {
    const row = worklistRow(r1, subject, reads, timepoints, signs('R1', 'base', 'w8', 'w16'));
    expect([row.status, row.nextVisit, row.signedVisits, row.totalVisits]).toEqual(['signed', null, 3, 3]);
  });

  it('counts only sign-offs of its own read and of the read visits', () => {
    // Reader 2 and the site signed everything; a stale sign-off names a visit that is not the subject's.
    const row = worklistRow(r1, subject, reads, timepoints, [
      ...signs('R2', 'base', 'w8', 'w16'),
      ...signs('RS', 'base', 'w8', 'w16'),
      ...signs('R1', 'gone'),
    ]);
    expect([row.status, row.signedVisits, row.nextVisit?.timepointId]).toEqual(['in-progress', 0, 'base']);
  });

  it('follows the baseline fixed in the read: an earlier scan is not one of its visits', () => {
    const withScreening = [...timepoints, visit('scr', 'Screening', '2025-12-01')];
    const row = worklistRow(r1, subject, reads, withScreening, signs('R1', 'base', 'w8', 'w16'));
    expect([row.status, row.totalVisits]).toEqual(['signed', 3]);
    // Without a read the order is by date, so the screening scan comes first.
    expect(worklistRow(r1, subject, [], withScreening, []).nextVisit?.timepointId).toBe('scr');
  });

  it('takes only the subject own visits and reads', () => {
    const other = visit('x', 'Other subject baseline', '2025-01-01', 'S2');
    const row = worklistRow(
      r1,
      subject,
      [...reads, roleRead('RX', 'u1', 'bicr-reader', 'S2')],
      [...timepoints, other],
      [],
    );
    expect([row.totalVisits, row.nextVisit?.timepointId]).toEqual([3, 'base']);
  });

  it('keeps a started read of a subject with no visits in progress (nothing to sign is not signed)', () => {
    const row = worklistRow(r1, subject, reads, [], []);
    expect([row.status, row.nextVisit, row.totalVisits]).toEqual(['in-progress', null, 0]);
  });

  describe('awaiting adjudication', () => {
    it('when both BICR reads are signed and an adjudication is open', () => {
      expect(worklistRow(r1, subject, reads, timepoints, allSigned, true).status).toBe(
        'awaiting-adjudication',
      );
      expect(worklistRow(r2, subject, reads, timepoints, allSigned, true).status).toBe(
        'awaiting-adjudication',
      );
    });

    it('not while no adjudication is open (no trigger fired, or it was resolved)', () => {
      expect(worklistRow(r1, subject, reads, timepoints, allSigned, false).status).toBe('signed');
      expect(worklistRow(r1, subject, reads, timepoints, allSigned).status).toBe('signed');
    });

    it('not while the other BICR read is unsigned or missing', () => {
      const partial = [...signs('R1', 'base', 'w8', 'w16'), ...signs('R2', 'base', 'w8')];
      expect(worklistRow(r1, subject, reads, timepoints, partial, true).status).toBe('signed');
      expect(worklistRow(r2, subject, reads, timepoints, partial, true).status).toBe('in-progress');
      const alone = [reads[0]!, reads[2]!];
      expect(worklistRow(r1, subject, alone, timepoints, signs('R1', 'base', 'w8', 'w16'), true).status).toBe(
        'signed',
      );
    });

    it('never for the site read: it takes no part in BICR adjudication', () => {
      const everything = [...allSigned, ...signs('RS', 'base', 'w8', 'w16')];
      expect(worklistRow(site, subject, reads, timepoints, everything, true).status).toBe('signed');
    });
  });
});

describe('worklist', () => {
  const row = (
    subjectLabel: string,
    status: WorklistRow['status'],
    next: number | null,
    readerId = 'u1',
  ): WorklistRow => ({
    readerId,
    subjectId: `id-${subjectLabel}`,
    subjectLabel,
    nextVisit: next === null ? null : { timepointId: `t${next}`, visitName: `V${next}`, index: next },
    status,
    signedVisits: 0,
    totalVisits: 3,
  });
  const rows = [
    row('S-10', 'in-progress', 1),
    row('S-2', 'signed', null),
    row('S-1', 'not-started', 0),
    row('s-3', 'awaiting-adjudication', null),
    row('S-20', 'in-progress', 2),
    row('S-99', 'not-started', 0, 'u2'),
  ];
  const labels = (list: { rows: WorklistRow[] }) => list.rows.map((r) => r.subjectLabel);

  it('shows only the reader own rows and counts them per status', () => {
    const list = worklist({ id: 'u1' }, rows);
    expect(list.total).toBe(5);
    expect(list.counts).toEqual({
      'not-started': 1,
      'in-progress': 2,
      'awaiting-adjudication': 1,
      signed: 1,
    });
    expect(labels(list)).not.toContain('S-99');
    expect(worklist({ id: 'nobody' }, rows)).toEqual({
      rows: [],
      total: 0,
      counts: { 'not-started': 0, 'in-progress': 0, 'awaiting-adjudication': 0, signed: 0 },
    });
  });

  it('sorts by subject label as people read numbers, by default', () => {
    expect(labels(worklist({ id: 'u1' }, rows))).toEqual(['S-1', 'S-2', 's-3', 'S-10', 'S-20']);
    expect(labels(worklist({ id: 'u1' }, rows, { sort: 'subject', descending: true }))).toEqual([
      'S-20',
      'S-10',
      's-3',
      'S-2',
      'S-1',
    ]);
  });

  it('sorts by status, ties by label', () => {
    expect(labels(worklist({ id: 'u1' }, rows, { sort: 'status' }))).toEqual([
      'S-1',
      'S-10',
      'S-20',
      's-3',
      'S-2',
    ]);
    // Descending reverses the statuses but keeps the ties in label order.
    expect(labels(worklist({ id: 'u1' }, rows, { sort: 'status', descending: true }))).toEqual([
      'S-2',
      's-3',
      'S-10',
      'S-20',
      'S-1',
    ]);
  });

  it('sorts by next visit, with nothing left to read last', () => {
    expect(labels(worklist({ id: 'u1' }, rows, { sort: 'next-visit' }))).toEqual([
      'S-1',
      'S-10',
      'S-20',
      'S-2',
      's-3',
    ]);
  });

  it('searches by part of the subject label, any case, keeping the counts of the whole list', () => {
    const list = worklist({ id: 'u1' }, rows, { search: ' s-1 ' });
    expect(labels(list)).toEqual(['S-1', 'S-10']);
    expect(list.total).toBe(5);
    expect(list.counts['in-progress']).toBe(2);
    expect(labels(worklist({ id: 'u1' }, rows, { search: '   ' }))).toHaveLength(5);
    expect(labels(worklist({ id: 'u1' }, rows, { search: 'ONC' }))).toEqual([]);
  });
});

describe('read visibility', () => {
  // Every actor role against every role of the read's reader, own read and another account's read.
  // own: the actor made the read; other: another account did.
  const table: readonly [AccountRole, AccountRole, ReadAccess, ReadAccess][] = [
    // actor               read made by          own          other
    ['site-radiologist', 'site-radiologist', 'own', 'none'],
    ['site-radiologist', 'bicr-reader', 'none', 'none'],
    ['site-radiologist', 'adjudicator', 'none', 'none'],
    ['site-radiologist', 'admin', 'none', 'none'],
    ['bicr-reader', 'site-radiologist', 'none', 'none'], // never the site read, even one this account made
    ['bicr-reader', 'bicr-reader', 'own', 'none'], // never the other BICR read
    ['bicr-reader', 'adjudicator', 'none', 'none'],
    ['bicr-reader', 'admin', 'none', 'none'],
    ['adjudicator', 'site-radiologist', 'none', 'none'], // never the site read
    ['adjudicator', 'bicr-reader', 'read-only', 'read-only'], // both BICR reads, read-only
    ['adjudicator', 'adjudicator', 'own', 'none'],
    ['adjudicator', 'admin', 'none', 'none'],
    ['admin', 'site-radiologist', 'none', 'none'], // statuses only, never contents
    ['admin', 'bicr-reader', 'none', 'none'],
    ['admin', 'adjudicator', 'none', 'none'],
    ['admin', 'admin', 'none', 'none'],
  ];

  it('covers every pair of roles', () => {
    expect(new Set(table.map(([a, r]) => `${a}/${r}`)).size).toBe(16);
  });

  it.each(table)(
    '%s looking at a read by a %s: own %s, another account %s',
    (actorRole, readRole, own, other) => {
      expect(readAccess(actorRole, 'me', { readerId: 'me' }, readRole)).toBe(own);
      expect(readAccess(actorRole, 'me', { readerId: 'someone-else' }, readRole)).toBe(other);
      expect(readVisibleTo(actorRole, 'me', { readerId: 'me' }, readRole)).toBe(own !== 'none');
      expect(readVisibleTo(actorRole, 'me', { readerId: 'someone-else' }, readRole)).toBe(other !== 'none');
    },
  );
});
