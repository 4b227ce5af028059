/**
 * How the worklist and the visit list name visits, and which visits of a BICR read are still closed.
 * Pure, so the rules are tested without a screen; every date goes through the account's DateFormatter
 * (study days for a blinded reader).
 */
import { timepointScanDate } from '../../core/reading/grouping';
import type { Read, Timepoint } from '../../core/reading/model';
import type { DateFormatter } from '../../core/trial/blindedText';
import { canOpenVisit, type WorklistStatus } from '../../core/trial/worklist';

/**
 * A visit as a list shows it: a blinded reader gets its study day and week ("Day 57 (W8)"), because a
 * visit's own name may carry a date; everyone else its name and scan date ("W8 · 2000-02-26").
 */
export function visitListLabel(
  dates: DateFormatter,
  timepoint: Pick<Timepoint, 'visitName' | 'studies'>,
): string {
  const scan = dates.formatVisitDate(timepointScanDate(timepoint));
  return dates.blinded ? scan : `${timepoint.visitName} · ${scan}`;
}

/**
 * The visits of a read that cannot be opened yet, each with the reason to show. Only a trial's BICR read
 * (the same test as the write policy's) takes its visits in order; every other read is free. Names in
 * the reasons are the visit names as the reader sees them (dates in them blinded), as in the policy's
 * refusal "Sign Baseline first: visits are read in order".
 */
export function closedVisits(
  read: Pick<Read, 'role' | 'readerNumber'>,
  order: readonly Pick<Timepoint, 'id' | 'visitName'>[],
  signed: ReadonlySet<string>,
  dates: Pick<DateFormatter, 'redact'>,
): ReadonlyMap<string, string> {
  const closed = new Map<string, string>();
  if (read.role !== 'bicr-reader' || read.readerNumber === null) return closed;
  const named = order.map((t) => ({ id: t.id, visitName: dates.redact(t.visitName) }));
  for (const visit of named) {
    const open = canOpenVisit(named, signed, visit.id);
    if (!open.allowed) closed.set(visit.id, open.reason);
  }
  return closed;
}

/** The statuses as the worklist names them. */
export const statusWords: Readonly<Record<WorklistStatus, string>> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  'awaiting-adjudication': 'Awaiting adjudication',
  signed: 'Signed',
};
