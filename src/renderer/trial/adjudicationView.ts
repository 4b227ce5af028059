/**
 * What the adjudicator's screen compares: the two BICR reads' responses visit by visit, with every
 * difference marked, and each read's lesions with their size per visit. Pure, so the marking is tested
 * without a screen. Visits are matched by scan date (the same scan read by both readers); dates are only
 * keys here, the screen names visits by study day.
 */
import { daysBetween } from '../../core/model/dates';
import type { NewLesionCode, ResponseCode, SubjectResult } from '../../core/model/subject-result';
import type { LesionRow } from '../../core/reading/grid';
import type { Acceptance } from '../../core/trial/bicrCase';

export interface VisitCells {
  readonly sumMm: number | null;
  readonly nonTarget: ResponseCode;
  readonly newLesions: NewLesionCode;
  readonly overall: ResponseCode;
}

export type VisitField = keyof VisitCells;
export const visitFields: readonly VisitField[] = ['sumMm', 'nonTarget', 'newLesions', 'overall'];

export interface VisitComparisonRow {
  /** The scan date both rows are of (a key; never shown to a blinded reader). */
  readonly date: string;
  /** null: this reader has no response at that scan (another baseline, a visit not read). */
  readonly reader1: VisitCells | null;
  readonly reader2: VisitCells | null;
  /** Per field: the readers differ (a visit only one reader has differs in every field). */
  readonly differs: Readonly<Record<VisitField, boolean>>;
}

function cellsOf(t: SubjectResult['timepoints'][number]): VisitCells {
  return { sumMm: t.sumMm, nonTarget: t.nonTarget, newLesions: t.newLesions, overall: t.overall };
}

/** Both reads' visits in date order, each with the two readers' responses side by side. */
export function compareVisits(
  read1: SubjectResult | null,
  read2: SubjectResult | null,
): VisitComparisonRow[] {
  const first = new Map((read1?.timepoints ?? []).map((t) => [t.date, cellsOf(t)]));
  const second = new Map((read2?.timepoints ?? []).map((t) => [t.date, cellsOf(t)]));
  const dates = [...new Set([...first.keys(), ...second.keys()])].sort((a, b) => daysBetween(b, a));
  return dates.map((date) => {
    const reader1 = first.get(date) ?? null;
    const reader2 = second.get(date) ?? null;
    const differs = Object.fromEntries(
      visitFields.map((field) => [
        field,
        reader1 === null || reader2 === null || reader1[field] !== reader2[field],
      ]),
    ) as Record<VisitField, boolean>;
    return { date, reader1, reader2, differs };
  });
}

/** The read as a whole: best overall response and date of progression, and whether the readers differ. */
export interface ReadSummary {
  readonly bestResponse: readonly [ResponseCode | null, ResponseCode | null];
  readonly progressionDate: readonly [string | null, string | null];
  readonly bestResponseDiffers: boolean;
  readonly progressionDiffers: boolean;
}

export function compareSummary(read1: SubjectResult | null, read2: SubjectResult | null): ReadSummary {
  const best = [read1?.bestOverallResponse ?? null, read2?.bestOverallResponse ?? null] as const;
  const progression = [read1?.progressionDate ?? null, read2?.progressionDate ?? null] as const;
  return {
    bestResponse: best,
    progressionDate: progression,
    bestResponseDiffers: best[0] !== best[1],
    progressionDiffers: progression[0] !== progression[1],
  };
}

const RESPONSE_WORDS: Readonly<Record<ResponseCode, string>> = {
  CR: 'CR',
  PR: 'PR',
  SD: 'SD',
  PD: 'PD',
  NE: 'NE',
  NON_CR_NON_PD: 'non-CR/non-PD',
  NA: 'n/a',
  iCR: 'iCR',
  iPR: 'iPR',
  iSD: 'iSD',
  iUPD: 'iUPD',
  iCPD: 'iCPD',
};

const NEW_LESION_WORDS: Readonly<Record<NewLesionCode, string>> = {
  NO: 'none',
  EQUIVOCAL: 'equivocal',
  YES: 'yes',
};

/** A cell of the comparison as the adjudicator reads it. */
export function cellText(field: VisitField, cells: VisitCells | null): string {
  if (cells === null) return 'not read';
  switch (field) {
    case 'sumMm':
      return cells.sumMm === null ? '–' : `${cells.sumMm} mm`;
    case 'newLesions':
      return NEW_LESION_WORDS[cells.newLesions];
    default:
      return RESPONSE_WORDS[cells[field]];
  }
}

export function responseText(code: ResponseCode | null): string {
  return code === null ? 'no result yet' : RESPONSE_WORDS[code];
}

const STATUS_WORDS: Readonly<Record<string, string>> = {
  'too-small': 'too small',
  absent: 'absent',
  merged: 'merged',
  present: 'present',
  'unequivocal-progression': 'unequivocal progression',
  equivocal: 'equivocal',
  unequivocal: 'unequivocal',
  increased: 'increased',
  'not-evaluated': 'not evaluated',
};

/** One lesion's cell at one visit: its size when it has one, else its status ("present", "absent"). */
export function lesionCellText(row: LesionRow, timepointId: string): string {
  const cell = row.cells.get(timepointId);
  if (!cell) return '–';
  if (cell.status === 'merged') return cell.mergedInto ? `merged into ${cell.mergedInto}` : 'merged';
  if (cell.status === 'measured') return cell.sizeMm === null ? 'measured' : `${cell.sizeMm} mm`;
  const word = STATUS_WORDS[cell.status] ?? cell.status;
  // Too small counts as a size (5 mm), and a new lesion may be measured: the size that counts is shown.
  return cell.sizeMm === null || cell.status === 'absent' ? word : `${word} (${cell.sizeMm} mm)`;
}

/** The read of record in words, never naming the reader: "Read of record: reader 2 (adjudicated)". */
export function readOfRecordText(accepted: Acceptance): string {
  return accepted.by === 'adjudication'
    ? `Read of record: reader ${accepted.readerNumber} (adjudicated)`
    : `Read of record: reader ${accepted.readerNumber} (the reads agree; the charter's reader)`;
}
