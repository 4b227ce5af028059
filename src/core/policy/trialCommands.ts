/**
 * The trial around the reads: its protocol (an admin's, frozen by the first signature of any read), its
 * subjects (an admin imports them from the trial's list), and the adjudicator's signed choice between
 * the two BICR reads of a subject.
 */
import { z } from 'zod';
import { parseOrThrow, ReadingError } from '../reading/errors';
import { SubjectSchema, type Subject } from '../reading/model';
import { subjectBicrCase, type BicrCase } from '../trial/bicrCase';
import { TrialProtocolSchema, type TrialProtocol, type TrialProtocolInput } from '../trial/protocol';
import type { TrialSubjectRow } from '../trial/subjectsCsv';
import type { Draft } from './draft';
import { assertAdmin, assertSignedIn, mustGet } from './readContext';
import { AdjudicationSchema, TrialSchema, type Adjudication, type Trial } from './records';
import type { RecordSet } from './recordSet';
import { eSign } from './signatures';

export function trialOf(records: RecordSet): Trial | null {
  return records.get('trial', 'trial');
}

/** Saves the trial's protocol: only before any visit of any read is signed (signed reads used it). */
export function saveTrial(d: Draft, input: { protocol: TrialProtocolInput }): Trial {
  assertAdmin(d.actor, 'set up the trial');
  if (d.records.all('signoffs').length > 0)
    throw new ReadingError(
      'FROZEN',
      'The protocol settings can change only before the first signature of any read, and reads are signed already',
    );
  const parsed = TrialProtocolSchema.safeParse(input.protocol);
  if (!parsed.success)
    throw new ReadingError('INVALID', parsed.error.issues.map((issue) => issue.message).join('; '));
  const before = trialOf(d.records);
  const trial = parseOrThrow(
    TrialSchema,
    { id: 'trial', protocol: parsed.data, createdAt: before?.createdAt ?? d.at, updatedAt: d.at },
    'trial',
  );
  d.write('trial', before, trial, { undoable: false });
  return trial;
}

/** The rows of the trial's subject list, as parseSubjectsCsv gives them (checked again here). */
const RowSchema = z.strictObject({
  subjectId: z.string().trim().min(1),
  site: z.string().trim().min(1),
  enrollmentDate: z.iso.date(),
  treatmentStartDate: z.iso.date().nullable(),
  deathDate: z.iso.date().nullable(),
  newAnticancerTherapyDate: z.iso.date().nullable(),
});

/**
 * Adds the trial's subjects. A subject ID already in the workstation is refused by name, and nothing of
 * the file is added then: the admin removes those lines and imports again.
 */
export function importSubjects(d: Draft, input: { rows: readonly TrialSubjectRow[] }): Subject[] {
  assertAdmin(d.actor, 'import the trial subjects');
  if (!trialOf(d.records))
    throw new ReadingError('INVALID', 'Set up the trial first, then import its subjects');
  if (input.rows.length === 0) throw new ReadingError('INVALID', 'The file has no subject to import');
  const rows = input.rows.map((row) => parseOrThrow(RowSchema, row, `subject ${row.subjectId}`));
  const taken = new Map(d.records.all('subjects').map((s) => [s.label.trim(), s]));
  const seen = new Set<string>();
  const clashes: string[] = [];
  for (const row of rows) {
    if (taken.has(row.subjectId) || seen.has(row.subjectId)) clashes.push(row.subjectId);
    seen.add(row.subjectId);
  }
  if (clashes.length > 0)
    throw new ReadingError(
      'CONFLICT',
      `Already in the trial (or listed twice): ${clashes.join(', ')}. Nothing was imported; remove these lines and import again`,
    );
  return rows.map((row) => {
    const subject = parseOrThrow(
      SubjectSchema,
      {
        id: d.newId(),
        label: row.subjectId,
        patientIds: [],
        site: row.site,
        enrollmentDate: row.enrollmentDate,
        treatmentStartDate: row.treatmentStartDate,
        deathDate: row.deathDate,
        newAnticancerTherapyDate: row.newAnticancerTherapyDate,
        createdAt: d.at,
      },
      `subject ${row.subjectId}`,
    );
    d.write('subjects', null, subject, { undoable: false });
    return subject;
  });
}

/** The subject's BICR case as the policy sees it now. */
export function caseOf(records: RecordSet, protocol: TrialProtocol, subjectId: string): BicrCase {
  const subject = mustGet(records.get('subjects', subjectId), 'subject', subjectId);
  return subjectBicrCase(protocol, subject, {
    timepoints: records.all('timepoints'),
    reads: records.all('reads'),
    lesions: records.all('lesions'),
    assessments: records.all('assessments'),
    signoffs: records.all('signoffs'),
    adjudications: records.all('adjudications'),
  });
}

/**
 * The adjudicator accepts reader 1's or reader 2's read of a subject, with a reason and an e-signature.
 * Only once both reads are complete and a trigger fires, and only once per subject.
 */
export function adjudicate(
  d: Draft,
  input: { subjectId: string; acceptedReadId: string; reason: string },
): Adjudication {
  const actor = assertSignedIn(d.actor);
  if (actor.role !== 'adjudicator')
    throw new ReadingError('FORBIDDEN', 'Only the adjudicator can adjudicate');
  const trial = trialOf(d.records);
  if (!trial) throw new ReadingError('INVALID', 'There is no trial on this workstation');
  const subject = mustGet(d.records.get('subjects', input.subjectId), 'subject', input.subjectId);
  if (d.records.where('adjudications', (a) => a.subjectId === subject.id).length > 0)
    throw new ReadingError('CONFLICT', `Subject ${subject.label} is adjudicated already`);
  const bicr = caseOf(d.records, trial.protocol, subject.id);
  if (!bicr.complete || !bicr.reader1 || !bicr.reader2)
    throw new ReadingError('INVALID', `Both BICR reads of subject ${subject.label} must be signed first`);
  if (!bicr.needsAdjudication)
    throw new ReadingError(
      'INVALID',
      `The two reads of subject ${subject.label} agree: the charter's rule picks the read of record`,
    );
  const chosen = [bicr.reader1, bicr.reader2].find((r) => r.read.id === input.acceptedReadId);
  if (!chosen) throw new ReadingError('INVALID', 'Choose reader 1 or reader 2');
  const reason = input.reason.trim();
  if (reason === '') throw new ReadingError('INVALID', 'Enter the reason for your choice', 'reason');
  const readerNumber = chosen.read.readerNumber!;
  const triggers = bicr.triggers.map((t) => t.reason);
  const signature = eSign(d, {
    meaning: { kind: 'adjudicate', subject: subject.label, readerNumber },
    readId: null,
    subjectId: subject.id,
    timepointId: null,
    reason,
    content: {
      subjectId: subject.id,
      readIds: [bicr.reader1.read.id, bicr.reader2.read.id],
      acceptedReadId: chosen.read.id,
      triggers,
    },
  });
  const adjudication = parseOrThrow(
    AdjudicationSchema,
    {
      id: d.newId(),
      subjectId: subject.id,
      readIds: [bicr.reader1.read.id, bicr.reader2.read.id],
      triggers,
      acceptedReadId: chosen.read.id,
      acceptedReaderNumber: readerNumber,
      reason,
      adjudicatorId: actor.id,
      signatureId: signature.id,
      at: d.at,
    },
    'adjudication',
  );
  d.write('adjudications', null, adjudication, { undoable: false, reason, signatureId: signature.id });
  return adjudication;
}
