/**
 * RECIST 1.1 Tables 1 and 2: the overall response of one timepoint from its three categories.
 */
import type { NewLesionCode, NonTargetCode, TargetCode } from './findings';

export type OverallCode = 'CR' | 'PR' | 'SD' | 'PD' | 'NE' | 'NON_CR_NON_PD' | 'NA';

/** Table 1 (target disease, with or without non-target). A non-target `NA` (none at baseline) reads
 *  like CR. An equivocal new lesion reads like "no" until confirmed. */
export function overallWithTargets(
  target: TargetCode,
  nonTarget: NonTargetCode,
  newLesions: NewLesionCode,
): OverallCode {
  if (target === 'PD' || nonTarget === 'PD' || newLesions === 'YES') return 'PD';
  switch (target) {
    case 'CR':
      return nonTarget === 'CR' || nonTarget === 'NA' ? 'CR' : 'PR';
    case 'PR':
      return 'PR';
    case 'SD':
      return 'SD';
    case 'NE':
      return 'NE';
  }
}

/** Table 2 (non-target disease only). */
export function overallNonTargetOnly(nonTarget: NonTargetCode, newLesions: NewLesionCode): OverallCode {
  if (nonTarget === 'PD' || newLesions === 'YES') return 'PD';
  switch (nonTarget) {
    case 'CR':
      return 'CR';
    case 'NON_CR_NON_PD':
      return 'NON_CR_NON_PD';
    case 'NE':
      return 'NE';
    case 'NA':
      // No baseline disease at all: nothing can respond, only a new lesion changes the picture.
      return 'NA';
  }
}

/** Table 1 when the subject has targets, Table 2 when not. */
export function overallResponse(
  target: TargetCode | 'NA',
  nonTarget: NonTargetCode,
  newLesions: NewLesionCode,
): OverallCode {
  return target === 'NA'
    ? overallNonTargetOnly(nonTarget, newLesions)
    : overallWithTargets(target, nonTarget, newLesions);
}
