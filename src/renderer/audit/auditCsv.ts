/** The audit view's CSV: one row per event, every field a reviewer filters or checks by. */
import type { AuditEvent } from '../../core/reading/audit';

export const CSV_COLUMNS = [
  'seq',
  'at',
  'reader',
  'role',
  'action',
  'entity',
  'entityId',
  'subject',
  'visit',
  'readId',
  'reason',
  'signatureMeaning',
  'before',
  'after',
  'prevHash',
  'hash',
] as const;

export interface CsvContext {
  readonly reader: (id: string) => { name: string; role: string };
  readonly subject: (id: string | null) => string;
  readonly visit: (id: string | null) => string;
  readonly meaning: (signatureId: string | null) => string;
}

/** RFC 4180 quoting; a leading = + - @ is prefixed with ' so a spreadsheet shows it, never runs it. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function auditCsv(events: readonly AuditEvent[], context: CsvContext): string {
  const rows = events.map((e) => {
    const who = context.reader(e.readerId);
    const cells: Record<(typeof CSV_COLUMNS)[number], string | number | null> = {
      seq: e.seq,
      at: e.at,
      reader: who.name,
      role: who.role,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
      subject: context.subject(e.subjectId),
      visit: context.visit(e.timepointId),
      readId: e.readId,
      reason: e.reason,
      signatureMeaning: context.meaning(e.signatureId),
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
      prevHash: e.prevHash,
      hash: e.hash,
    };
    return CSV_COLUMNS.map((c) => csvCell(cells[c])).join(',');
  });
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
