import Dexie, { type EntityTable } from 'dexie';
import type { InstanceHeader, SeriesSummary, SourceRef, StudySummary } from '../../core/dicom/model';
import { applyReadSchema } from './readSchema';

/** One indexed DICOM instance: header tags and where the bytes are. Never pixel data. */
export interface InstanceRecord {
  readonly sopInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly studyInstanceUid: string;
  readonly header: InstanceHeader;
  readonly source: SourceRef;
  readonly fileSizeBytes: number;
  /** ISO timestamp of the import that added it. */
  readonly importedAt: string;
}

/** Derived from the series' instances by core/dicom organizeStudies; rewritten whenever they change. */
export type SeriesRecord = SeriesSummary;

/** A study as the index keeps it: its summary without the series (they have their own table). */
export interface StudyRecord extends Omit<StudySummary, 'series' | 'clinicalTrialSubjectId'> {
  /**
   * (0012,0040) of the study, '' when none of its instances has one. Undefined on records indexed before
   * it was kept (no index needs it, so no migration): read it as ''.
   */
  readonly clinicalTrialSubjectId?: string;
  readonly seriesCount: number;
  readonly instanceCount: number;
}

export interface ImportReportRecord {
  readonly id?: number;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** What the user chose: a folder name, a list of paths, "3 dropped items"... */
  readonly sourceLabel: string;
  readonly scanned: number;
  readonly imported: number;
  readonly duplicates: number;
  /** DICOMDIR files read (they index other files; they are not images themselves). */
  readonly dicomdirs: number;
  readonly rejected: readonly { readonly path: string; readonly reason: string }[];
  readonly cancelled: boolean;
}

export class RecistDatabase extends Dexie {
  studies!: EntityTable<StudyRecord, 'studyInstanceUid'>;
  series!: EntityTable<SeriesRecord, 'seriesInstanceUid'>;
  instances!: EntityTable<InstanceRecord, 'sopInstanceUid'>;
  importReports!: EntityTable<ImportReportRecord, 'id'>;

  constructor(name = 'recist-workstation') {
    super(name);
    this.version(1).stores({
      studies: 'studyInstanceUid, patientId, studyDate',
      series: 'seriesInstanceUid, studyInstanceUid',
      instances: 'sopInstanceUid, seriesInstanceUid, studyInstanceUid',
      importReports: '++id, startedAt',
    });
    applyReadSchema(this);
  }
}
