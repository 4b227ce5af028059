/**
 * Reads, lesions, assessments and key images: each function is one command of the write policy
 * (core/policy), run by commandRunner.ts.
 */
import type { AddLesionInput, LesionPatch, StartReadInput } from '../../core/policy/readCommands';
import type { AssessmentValue, Read, ReadOptions } from '../../core/reading/model';
import { runCommand, type ReadingSession } from './commandRunner';

export type { AddLesionInput, LesionPatch };

/** The session account's own read of a subject; its baseline is fixed now. */
export function createRead(session: ReadingSession, input: StartReadInput) {
  return runCommand(session, { type: 'startRead', input, label: 'start read' });
}

export function updateRead(
  session: ReadingSession,
  readId: string,
  patch: { criteria?: Read['criteria']; options?: Partial<ReadOptions> },
) {
  return runCommand(session, {
    type: 'updateRead',
    input: { readId, ...patch },
    label: 'change read criteria',
  });
}

export function addLesion(session: ReadingSession, input: AddLesionInput) {
  return runCommand(session, { type: 'addLesion', input, label: `add ${input.kind} lesion` });
}

export function updateLesion(session: ReadingSession, lesionId: string, patch: LesionPatch) {
  return runCommand(session, { type: 'updateLesion', input: { lesionId, patch }, label: 'edit lesion' });
}

/** Soft delete: the lesion and its assessments stay stored (and audited), out of every export. */
export function deleteLesion(session: ReadingSession, lesionId: string) {
  return runCommand(session, { type: 'deleteLesion', input: { lesionId }, label: 'delete lesion' });
}

export function setAssessment(
  session: ReadingSession,
  input: { lesionId: string; timepointId: string; value: AssessmentValue },
) {
  return runCommand(session, { type: 'setAssessment', input, label: 'assess lesion' });
}

/** Removes a follow-up assessment (a baseline one defines the lesion: delete the lesion instead). */
export function clearAssessment(session: ReadingSession, input: { lesionId: string; timepointId: string }) {
  return runCommand(session, { type: 'clearAssessment', input, label: 'clear assessment' });
}

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Keeps one PNG screenshot per lesion and visit (a new one replaces the old). Its SHA-256 goes into
 * the audit trail; the bytes are kept by hash. One undo takes it away with the measurement it shows.
 */
export async function saveKeyImage(
  session: ReadingSession,
  input: { lesionId: string; timepointId: string; png: Blob },
) {
  const { png, ...rest } = input;
  const pngSha256 = await sha256Hex(png);
  return runCommand(
    session,
    { type: 'saveKeyImage', input: { ...rest, pngSha256, pngBytes: png.size }, label: 'save key image' },
    { png },
  );
}
