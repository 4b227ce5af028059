/**
 * BICR worklists and who may see which read (issue 11, "Worklists" and "Reading paradigm").
 *
 * Each reader opens on their own list: one row per assigned subject, with the next visit to read and a
 * status. BICR visits open in order (a visit can be read only after the previous one is signed), and
 * every reader sees only their own read; the adjudicator sees the two BICR reads, read-only, never the
 * site read; an administrator sees statuses, never the contents of a read.
 *
 * Pure: the caller loads the records (reads, timepoints, sign-offs) and passes them in. Visit names are
 * shown as they are given: a blinded screen passes blinded labels ("Day 57 (W8)", see
 * schedule.blindedVisitLabel) as the visit names, so no real date reaches a BICR reader from here.
 */
import { z } from 'zod';
import { readerMessage } from '../reading/errors';
import { readTimepoints } from '../reading/grouping';
import type { AccountRole, Read, Reader, Signoff, Subject, Timepoint } from '../reading/model';

// ---------------------------------------------------------------------------------------------------
// Assignment: which subjects an account reads

export const ReaderAssignmentSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({
    kind: z.literal('site'),
    site: z.string().trim().min(1, readerMessage('Enter the site whose subjects this reader reads')),
  }),
  z.strictObject({
    kind: z.literal('subjects'),
    subjectIds: z
      .array(z.string().min(1))
      .min(1, readerMessage('Choose at least one subject for this reader'))
      .refine((ids) => new Set(ids).size === ids.length, readerMessage('A subject is listed twice')),
  }),
]);
export type ReaderAssignment = z.infer<typeof ReaderAssignmentSchema>;

/** A trial subject as assignment sees it: its id and the site it came from (null when the CSV had none). */
export interface AssignableSubject {
  readonly id: string;
  readonly site: string | null;
}

export function isAssigned(assignment: ReaderAssignment, subject: AssignableSubject): boolean {
  switch (assignment.kind) {
    case 'all':
      return true;
    case 'site':
      // Site codes are compared exactly (after trimming): "SITE-01" and "site-01" may be different sites.
      return subject.site !== null && subject.site.trim() === assignment.site.trim();
    case 'subjects':
      return assignment.subjectIds.includes(subject.id);
  }
}

// ---------------------------------------------------------------------------------------------------
// Visits in order

/** A visit as the order rule needs it: the name is what the reason shows (blinded label on BICR screens). */
export type OrderedVisit = Pick<Timepoint, 'id' | 'visitName'>;

export type OpenVisit = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/**
 * Whether a visit of a read can be opened for reading: every earlier visit (in the read's order,
 * baseline first) must be signed. A signed visit can always be opened (to look at it; it is locked).
 * The reason names the earliest unsigned visit, the one to sign next.
 */
export function canOpenVisit(
  order: readonly OrderedVisit[],
  signed: ReadonlySet<string>,
  visitId: string,
): OpenVisit {
  const index = order.findIndex((v) => v.id === visitId);
  if (index < 0) return { allowed: false, reason: 'This visit is not one of the visits of this read' };
  const blocking = order.slice(0, index).find((v) => !signed.has(v.id));
  if (blocking === undefined) return { allowed: true };
  return { allowed: false, reason: `Sign ${blocking.visitName} first: visits are read in order` };
}

// ---------------------------------------------------------------------------------------------------
// Worklist rows

export const worklistStatuses = ['not-started', 'in-progress', 'awaiting-adjudication', 'signed'] as const;
export type WorklistStatus = (typeof worklistStatuses)[number];

/** A read of the subject with the role of the account that reads it (who is a BICR reader). */
export interface RoleRead {
  readonly read: Pick<Read, 'id' | 'subjectId' | 'readerId' | 'baselineTimepointId'>;
  readonly readerRole: AccountRole;
}

export interface NextVisit {
  readonly timepointId: string;
  readonly visitName: string;
  /** 0-based position in the read's order (0 = baseline): what "sort by next visit" sorts on. */
  readonly index: number;
}

export interface WorklistRow {
  readonly readerId: string;
  readonly subjectId: string;
  readonly subjectLabel: string;
  /** The first visit of the reader's read not signed; null when every visit is signed (or there is none). */
  readonly nextVisit: NextVisit | null;
  readonly status: WorklistStatus;
  readonly signedVisits: number;
  readonly totalVisits: number;
}

type VisitRecord = Pick<Timepoint, 'id' | 'subjectId' | 'visitName' | 'studies' | 'createdAt'>;

interface ReadProgress {
  readonly order: VisitRecord[];
  readonly signed: ReadonlySet<string>;
  readonly signedVisits: number;
  readonly complete: boolean;
}

function progressOf(
  read: Pick<Read, 'id' | 'subjectId' | 'baselineTimepointId'> | null,
  subjectTimepoints: readonly VisitRecord[],
  signoffs: readonly Pick<Signoff, 'readId' | 'timepointId'>[],
): ReadProgress {
  const order = readTimepoints(read ?? { baselineTimepointId: null }, subjectTimepoints);
  const signed = new Set(
    read === null ? [] : signoffs.filter((s) => s.readId === read.id).map((s) => s.timepointId),
  );
  // Only sign-offs of the read's own visits count (a stale sign-off of a removed visit does not).
  const signedVisits = order.filter((t) => signed.has(t.id)).length;
  return { order, signed, signedVisits, complete: order.length > 0 && signedVisits === order.length };
}

/**
 * The row of one subject in one reader's list.
 * - not-started: the reader has no read of the subject yet;
 * - in-progress: the read exists and a visit is still unsigned (or the subject has no visits yet);
 * - signed: every visit of the read is signed;
 * - awaiting-adjudication: the reader is a BICR reader, both BICR reads of the subject are signed, and
 *   an adjudication of the subject is open (`adjudicationOpen`, decided elsewhere).
 */
export function worklistRow(
  reader: Pick<Reader, 'id' | 'role'>,
  subject: Pick<Subject, 'id' | 'label'>,
  reads: readonly RoleRead[],
  timepoints: readonly VisitRecord[],
  signoffs: readonly Pick<Signoff, 'readId' | 'timepointId'>[],
  adjudicationOpen = false,
): WorklistRow {
  const subjectReads = reads.filter((r) => r.read.subjectId === subject.id);
  const subjectTimepoints = timepoints.filter((t) => t.subjectId === subject.id);
  const own = subjectReads.find((r) => r.read.readerId === reader.id)?.read ?? null;
  const progress = progressOf(own, subjectTimepoints, signoffs);
  const next = progress.order.findIndex((t) => !progress.signed.has(t.id));
  const nextVisit =
    next < 0
      ? null
      : { timepointId: progress.order[next]!.id, visitName: progress.order[next]!.visitName, index: next };

  const bicrReads = subjectReads.filter((r) => r.readerRole === 'bicr-reader');
  const bothBicrSigned =
    bicrReads.length >= 2 && bicrReads.every((r) => progressOf(r.read, subjectTimepoints, signoffs).complete);

  let status: WorklistStatus;
  if (own === null) status = 'not-started';
  else if (!progress.complete) status = 'in-progress';
  else if (reader.role === 'bicr-reader' && bothBicrSigned && adjudicationOpen)
    status = 'awaiting-adjudication';
  else status = 'signed';

  return {
    readerId: reader.id,
    subjectId: subject.id,
    subjectLabel: subject.label,
    nextVisit,
    status,
    signedVisits: progress.signedVisits,
    totalVisits: progress.order.length,
  };
}

// ---------------------------------------------------------------------------------------------------
// The list: counts, search, sort

export const worklistSorts = ['subject', 'status', 'next-visit'] as const;
export type WorklistSort = (typeof worklistSorts)[number];

export interface WorklistQuery {
  /** Part of a subject label, any case; blank shows every row. */
  readonly search?: string;
  readonly sort?: WorklistSort;
  readonly descending?: boolean;
}

export interface Worklist {
  /** The rows to show: the reader's own, matching the search, sorted. */
  readonly rows: WorklistRow[];
  /** Counts per status over the reader's whole list (the search does not change them). */
  readonly counts: Readonly<Record<WorklistStatus, number>>;
  readonly total: number;
}

// Subject labels sort as people read them: "S-2" before "S-10".
const labelCollator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function compareRows(sort: WorklistSort, a: WorklistRow, b: WorklistRow): number {
  switch (sort) {
    case 'subject':
      return 0;
    case 'status':
      return worklistStatuses.indexOf(a.status) - worklistStatuses.indexOf(b.status);
    case 'next-visit': {
      // Rows with nothing left to read (no next visit) go after every row with a visit to read.
      const ai = a.nextVisit?.index ?? Number.POSITIVE_INFINITY;
      const bi = b.nextVisit?.index ?? Number.POSITIVE_INFINITY;
      return ai === bi ? 0 : ai < bi ? -1 : 1;
    }
  }
}

/**
 * A reader's worklist. Rows of other readers are dropped: each reader sees only their own list.
 * Ties of the status and next-visit sorts go by subject label (always ascending, so the list is stable).
 */
export function worklist(
  reader: Pick<Reader, 'id'>,
  rows: readonly WorklistRow[],
  query: WorklistQuery = {},
): Worklist {
  const own = rows.filter((r) => r.readerId === reader.id);
  const counts = Object.fromEntries(worklistStatuses.map((s) => [s, 0])) as Record<WorklistStatus, number>;
  for (const row of own) counts[row.status] += 1;

  const needle = (query.search ?? '').trim().toLowerCase();
  const found = needle === '' ? own : own.filter((r) => r.subjectLabel.toLowerCase().includes(needle));
  const sort = query.sort ?? 'subject';
  const sign = query.descending === true ? -1 : 1;
  const sorted = [...found].sort((a, b) => {
    const primary =
      sort === 'subject' ? labelCollator.compare(a.subjectLabel, b.subjectLabel) : compareRows(sort, a, b);
    if (primary !== 0) return sign * primary;
    const byLabel = labelCollator.compare(a.subjectLabel, b.subjectLabel);
    return byLabel !== 0 ? byLabel : a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0;
  });
  return { rows: sorted, counts, total: own.length };
}

// ---------------------------------------------------------------------------------------------------
// Visibility of reads

/** What an account may do with a read: work on it (its own), look at it (adjudicator), or nothing. */
export type ReadAccess = 'own' | 'read-only' | 'none';

/**
 * What `actorRole`/`actorId` may see of a read made by an account of `readerRoleOfRead`.
 * - a site radiologist or BICR reader sees only their own read, and only one made in their role (an
 *   account that moved from site reading to BICR still never sees the site read it made);
 * - the adjudicator sees both BICR reads read-only, never the site read (and their own, if any);
 * - an administrator sees no read's contents, only statuses (the worklist rows carry no content).
 */
export function readAccess(
  actorRole: AccountRole,
  actorId: string,
  read: Pick<Read, 'readerId'>,
  readerRoleOfRead: AccountRole,
): ReadAccess {
  if (actorRole === 'admin' || readerRoleOfRead === 'admin') return 'none';
  if (read.readerId === actorId && readerRoleOfRead === actorRole) return 'own';
  if (actorRole === 'adjudicator' && readerRoleOfRead === 'bicr-reader') return 'read-only';
  return 'none';
}

/** Whether an account may see a read at all (see readAccess for the rules). */
export function readVisibleTo(
  actorRole: AccountRole,
  actorId: string,
  read: Pick<Read, 'readerId'>,
  readerRoleOfRead: AccountRole,
): boolean {
  return readAccess(actorRole, actorId, read, readerRoleOfRead) !== 'none';
}
