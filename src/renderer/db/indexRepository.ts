import { organizeStudies } from '../../core/dicom/organize';
import type { IndexedInstance } from '../../core/dicom/model';
import type {
  ImportReportRecord,
  InstanceRecord,
  RecistDatabase,
  SeriesRecord,
  StudyRecord,
} from './database';

export interface AddInstancesResult {
  /** Instances that were not indexed before (in input order). */
  readonly added: readonly IndexedInstance[];
  /** Instances whose SOP Instance UID was already indexed, or repeated in the same batch. */
  readonly duplicates: readonly IndexedInstance[];
  readonly touchedSeriesUids: ReadonlySet<string>;
}

/**
 * Adds instances the index does not have yet. An instance already indexed (same SOP Instance UID) is
 * never overwritten: importing the same files again adds nothing and changes nothing.
 */
export async function addInstances(
  db: RecistDatabase,
  instances: readonly IndexedInstance[],
  importedAt: string,
): Promise<AddInstancesResult> {
  return db.transaction('rw', db.instances, async () => {
    const uids = instances.map((i) => i.header.sopInstanceUid);
    const existing = await db.instances.bulkGet(uids);
    const seen = new Set<string>();
    const added: IndexedInstance[] = [];
    const duplicates: IndexedInstance[] = [];
    instances.forEach((instance, i) => {
      const uid = instance.header.sopInstanceUid;
      if (existing[i] || seen.has(uid)) duplicates.push(instance);
      else {
        seen.add(uid);
        added.push(instance);
      }
    });
    await db.instances.bulkAdd(added.map((instance) => toRecord(instance, importedAt)));
    return { added, duplicates, touchedSeriesUids: new Set(added.map((i) => i.header.seriesInstanceUid)) };
  });
}

function toRecord(instance: IndexedInstance, importedAt: string): InstanceRecord {
  return {
    sopInstanceUid: instance.header.sopInstanceUid,
    seriesInstanceUid: instance.header.seriesInstanceUid,
    studyInstanceUid: instance.header.studyInstanceUid,
    header: instance.header,
    source: instance.source,
    fileSizeBytes: instance.fileSizeBytes,
    importedAt,
  };
}

export function toIndexedInstance(record: InstanceRecord): IndexedInstance {
  return { header: record.header, source: record.source, fileSizeBytes: record.fileSizeBytes };
}

/**
 * Recomputes the derived series and study summaries (slice order, spacing, warnings, counts) from the
 * stored instances. Kept separate from addInstances so a large import refreshes them a few times,
 * not once per batch.
 */
export async function refreshSummaries(db: RecistDatabase, seriesUids: Iterable<string>): Promise<void> {
  const wanted = [...new Set(seriesUids)];
  if (wanted.length === 0) return;
  await db.transaction('rw', db.instances, db.series, db.studies, async () => {
    const studyUids = new Set<string>();
    // The first Clinical Trial Subject ID of each study among the series refreshed now.
    const trialIds = new Map<string, string>();
    for (const seriesUid of wanted) {
      const records = await db.instances.where('seriesInstanceUid').equals(seriesUid).toArray();
      if (records.length === 0) {
        await db.series.delete(seriesUid);
        continue;
      }
      const studies = organizeStudies(records.map(toIndexedInstance));
      for (const study of studies) {
        studyUids.add(study.studyInstanceUid);
        if (study.clinicalTrialSubjectId !== '' && !trialIds.has(study.studyInstanceUid))
          trialIds.set(study.studyInstanceUid, study.clinicalTrialSubjectId);
        await db.series.bulkPut(study.series.map((s): SeriesRecord => s));
      }
    }
    for (const studyUid of studyUids) await refreshStudy(db, studyUid, trialIds.get(studyUid) ?? '');
  });
}

/**
 * The study's Clinical Trial Subject ID: the stored one when it has one (the first found stays), else
 * the refreshed series' one. A new study's series are all being refreshed, and a stored '' covered every
 * series indexed before; only a record kept before the field existed needs its instances read again.
 */
async function studyTrialId(
  db: RecistDatabase,
  stored: StudyRecord | undefined,
  studyUid: string,
  refreshed: string,
): Promise<string> {
  if (stored?.clinicalTrialSubjectId) return stored.clinicalTrialSubjectId;
  if (refreshed !== '' || !stored || stored.clinicalTrialSubjectId !== undefined) return refreshed;
  const carrying = await db.instances
    .where('studyInstanceUid')
    .equals(studyUid)
    .filter((r) => Boolean(r.header.clinicalTrialSubjectId))
    .first();
  return carrying?.header.clinicalTrialSubjectId ?? '';
}

async function refreshStudy(db: RecistDatabase, studyUid: string, refreshedTrialId: string): Promise<void> {
  const seriesRecords = await db.series.where('studyInstanceUid').equals(studyUid).toArray();
  const anyInstance = await db.instances.where('studyInstanceUid').equals(studyUid).first();
  if (!anyInstance || seriesRecords.length === 0) {
    await db.studies.delete(studyUid);
    return;
  }
  const { header } = anyInstance;
  const stored = await db.studies.get(studyUid);
  const study: StudyRecord = {
    studyInstanceUid: studyUid,
    patientId: header.patientId,
    clinicalTrialSubjectId: await studyTrialId(db, stored, studyUid, refreshedTrialId),
    patientName: header.patientName,
    studyDate: header.studyDate,
    studyDescription: header.studyDescription,
    accessionNumber: header.accessionNumber,
    modalities: [...new Set(seriesRecords.map((s) => s.modality))].sort(),
    seriesCount: seriesRecords.length,
    instanceCount: seriesRecords.reduce((n, s) => n + s.instanceCount, 0),
  };
  await db.studies.put(study);
}

export async function saveImportReport(db: RecistDatabase, report: ImportReportRecord): Promise<number> {
  return (await db.importReports.add(report)) as number;
}

export async function instancesOfSeries(db: RecistDatabase, seriesUid: string): Promise<InstanceRecord[]> {
  return db.instances.where('seriesInstanceUid').equals(seriesUid).toArray();
}
