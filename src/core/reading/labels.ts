/**
 * Lesion labels: T1.. for targets, NT1.. for non-targets, N1.. for new lesions.
 *
 * A new lesion takes the LOWEST free number among the read's live (not deleted) lesions of its kind.
 * Radiologists and CRFs number targets 1..5 without gaps, so replacing a wrongly chosen T2 should give
 * a T2 again, not a "T6" that reads like a sixth target. Labels are display names only: the identity
 * of a lesion across timepoints, exports and the audit trail is its id and its DICOM tracking UID, so
 * reusing a label never joins two lesions' histories. Deleting a lesion that a signed timepoint holds
 * is refused by the lock rules, so a label in a signed report is never reused behind its back.
 */
import type { LesionKind } from './model';

export const labelPrefix: Readonly<Record<LesionKind, string>> = {
  target: 'T',
  'non-target': 'NT',
  new: 'N',
};

const labelPattern = /^(T|NT|N)([1-9]\d*)$/;

export function parseLabel(label: string): { prefix: string; number: number } | null {
  const match = labelPattern.exec(label);
  return match ? { prefix: match[1]!, number: Number(match[2]) } : null;
}

export function nextLesionLabel(kind: LesionKind, existingLabels: Iterable<string>): string {
  const prefix = labelPrefix[kind];
  const taken = new Set<number>();
  for (const label of existingLabels) {
    const parsed = parseLabel(label);
    if (parsed?.prefix === prefix) taken.add(parsed.number);
  }
  let number = 1;
  while (taken.has(number)) number += 1;
  return `${prefix}${number}`;
}

const prefixOrder: Readonly<Record<string, number>> = { T: 0, NT: 1, N: 2 };

/** Display order: targets, then non-targets, then new lesions, each by number (T2 before T10). */
export function compareLabels(a: string, b: string): number {
  const pa = parseLabel(a);
  const pb = parseLabel(b);
  if (!pa || !pb) return a.localeCompare(b);
  return (prefixOrder[pa.prefix] ?? 9) - (prefixOrder[pb.prefix] ?? 9) || pa.number - pb.number;
}
