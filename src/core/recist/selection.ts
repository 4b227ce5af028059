/**
 * Lesion-selection and record checks. They report problems (violations) and never stop evaluation:
 * the UI calls `checkLesionSelection` live while a reader picks and measures baseline targets.
 */
import type { Lesion, Measurement, SubjectRead, Violation } from '../model';
import { FIFTEEN_MM, formatMm, TEN_MM, toHundredths } from './arithmetic';

export const MAX_TARGETS = 5;
export const MAX_TARGETS_PER_ORGAN = 2;

const LATERALITY = /\b(left|right|bilateral|both|l|r)\b/g;
const PAIRED: Readonly<Record<string, string>> = {
  lungs: 'lung',
  kidneys: 'kidney',
  ovaries: 'ovary',
  adrenals: 'adrenal',
  'adrenal gland': 'adrenal',
  'adrenal glands': 'adrenal',
  breasts: 'breast',
  testes: 'testis',
  'lymph nodes': 'lymph node',
};

/**
 * The organ a target counts against for the 2-per-organ limit. RECIST committee FAQ: all pathological
 * lymph nodes together are one organ, and so is each pair of organs (both lungs, both kidneys...), so
 * laterality and plural are ignored ("Left lung" and "lungs" are one organ).
 */
export function organGroup(organ: string, nodal: boolean): string {
  if (nodal) return 'lymph node';
  const name = organ.toLowerCase().replace(LATERALITY, ' ').replace(/\s+/g, ' ').trim();
  return PAIRED[name] ?? name;
}

function violation(
  code: Violation['code'],
  lesionIds: string[],
  message: string,
  timepointId?: string,
): Violation {
  return timepointId === undefined ? { code, lesionIds, message } : { code, lesionIds, message, timepointId };
}

function listIds(ids: readonly string[]): string {
  return ids.join(', ');
}

/** The smallest measurable longest diameter for a slice thickness: 10 mm, or 2 x thicker slices. */
function measurableMinimum(sliceThicknessMm: number | null | undefined) {
  const slice = sliceThicknessMm ? toHundredths(sliceThicknessMm) : 0;
  const minNonNodal = Math.max(TEN_MM, 2 * slice);
  const minText =
    minNonNodal > TEN_MM
      ? `${formatMm(minNonNodal)} mm (2 x slice thickness ${formatMm(slice)} mm)`
      : '10 mm';
  return { minNonNodal, minText };
}

/**
 * Baseline target selection rules: at most 5 targets and 2 per organ; a non-nodal target needs a longest
 * diameter >= 10 mm (>= 2 x slice thickness when slices are thicker than 5 mm: the measurement's own
 * `sliceThicknessMm`, else `sliceThicknessMm` of the timepoint); a nodal target needs a
 * short axis >= 15 mm; every target needs a baseline measurement. Over-limit violations name the targets
 * declared after the allowed ones. Size rules apply to selection at baseline only: a target that shrinks
 * below them later is simply measured.
 */
export function checkLesionSelection(
  lesions: readonly Lesion[],
  baselineMeasurements: Readonly<Record<string, Measurement>>,
  sliceThicknessMm?: number | null,
): Violation[] {
  const out: Violation[] = [];
  const targets = lesions.filter((l) => l.kind === 'target');

  if (targets.length > MAX_TARGETS) {
    const extra = targets.slice(MAX_TARGETS).map((t) => t.id);
    out.push(
      violation(
        'TOO_MANY_TARGETS',
        extra,
        `${targets.length} target lesions: at most ${MAX_TARGETS} are allowed (${listIds(extra)} over the limit)`,
      ),
    );
  }

  const byOrgan = new Map<string, Lesion[]>();
  for (const t of targets) {
    const group = organGroup(t.organ, t.nodal);
    const list = byOrgan.get(group);
    if (list) list.push(t);
    else byOrgan.set(group, [t]);
  }
  for (const [group, list] of byOrgan) {
    if (list.length <= MAX_TARGETS_PER_ORGAN) continue;
    const extra = list.slice(MAX_TARGETS_PER_ORGAN).map((t) => t.id);
    const where =
      group === 'lymph node' ? 'lymph nodes (all nodes count as one organ)' : `the ${group} (one organ)`;
    out.push(
      violation(
        'TOO_MANY_TARGETS_IN_ORGAN',
        extra,
        `${list.length} target lesions in ${where}: at most ${MAX_TARGETS_PER_ORGAN} per organ (${listIds(extra)} over the limit)`,
      ),
    );
  }

  for (const t of targets) {
    const m = baselineMeasurements[t.id];
    if (!m || ('status' in m && m.status === 'not-evaluated')) {
      out.push(
        violation('MISSING_BASELINE_MEASUREMENT', [t.id], `target ${t.id} has no baseline measurement`),
      );
      continue;
    }
    const size = 'mm' in m && m.mm !== undefined ? toHundredths(m.mm) : null;
    // The series the lesion was measured on decides, not the thickest series of the visit.
    const ownSlice = 'sliceThicknessMm' in m ? m.sliceThicknessMm : undefined;
    const { minNonNodal, minText } = measurableMinimum(ownSlice ?? sliceThicknessMm);
    const seen =
      size === null
        ? `is recorded as ${'status' in m ? m.status : 'unmeasured'}`
        : `measures ${formatMm(size)} mm`;
    if (t.nodal && (size === null || size < FIFTEEN_MM)) {
      out.push(
        violation(
          'NODAL_TARGET_TOO_SMALL',
          [t.id],
          `nodal target ${t.id} ${seen} (short axis) at baseline: a nodal target needs >= 15 mm (10-15 mm nodes are non-targets)`,
        ),
      );
    } else if (!t.nodal && (size === null || size < minNonNodal)) {
      out.push(
        violation(
          'TARGET_NOT_MEASURABLE',
          [t.id],
          `target ${t.id} ${seen} at baseline: a measurable lesion needs a longest diameter >= ${minText}`,
        ),
      );
    }
  }
  return out;
}

/** Checks of the timepoint records: dates in order, lesion ids that exist and are of the right kind,
 *  every non-target assessed at baseline, nothing "new" at baseline. */
export function checkTimepointRecords(read: SubjectRead): Violation[] {
  const out: Violation[] = [];
  const kinds = new Map(read.lesions.map((l) => [l.id, l.kind]));
  for (let index = 0; index < read.timepoints.length; index++) {
    const tp = read.timepoints[index]!;
    const previous = read.timepoints[index - 1];
    if (previous && tp.date < previous.date) {
      out.push(
        violation(
          'DATES_OUT_OF_ORDER',
          [],
          `timepoint ${tp.id} (${tp.date}) is dated before the timepoint listed before it, ${previous.id} (${previous.date})`,
          tp.id,
        ),
      );
    }
    for (const id in tp.measurements) {
      const m = tp.measurements[id]!;
      const kind = kinds.get(id);
      if (kind === undefined) {
        out.push(
          violation(
            'UNKNOWN_LESION',
            [id],
            `${tp.id}: measurement for undeclared lesion ${id} (ignored)`,
            tp.id,
          ),
        );
      } else if (kind !== 'target') {
        out.push(
          violation(
            'WRONG_LESION_KIND',
            [id],
            `${tp.id}: ${id} is a non-target but has a measurement (ignored)`,
            tp.id,
          ),
        );
      }
      if ('into' in m && m.into !== undefined && kinds.get(m.into) !== 'target') {
        out.push(
          violation(
            'UNKNOWN_LESION',
            [m.into],
            `${tp.id}: ${id} merged into ${m.into}, which is not a declared target (${id} counts 0 mm)`,
            tp.id,
          ),
        );
      }
    }
    for (const id in tp.nonTarget) {
      const kind = kinds.get(id);
      if (kind === undefined) {
        out.push(
          violation('UNKNOWN_LESION', [id], `${tp.id}: status for undeclared lesion ${id} (ignored)`, tp.id),
        );
      } else if (kind !== 'non-target') {
        out.push(
          violation(
            'WRONG_LESION_KIND',
            [id],
            `${tp.id}: ${id} is a target but has a non-target status (ignored)`,
            tp.id,
          ),
        );
      }
    }
    if (index === 0 && tp.newLesions.length > 0) {
      const ids = tp.newLesions.map((l) => l.id);
      out.push(
        violation(
          'NEW_LESION_AT_BASELINE',
          ids,
          `baseline ${tp.id} lists new lesions (${listIds(ids)}): disease seen at baseline is target or non-target (ignored)`,
          tp.id,
        ),
      );
    }
  }
  const baseline = read.timepoints[0];
  if (baseline) {
    for (const l of read.lesions) {
      if (l.kind !== 'non-target') continue;
      const status = baseline.nonTarget[l.id];
      if (status === undefined || status === 'not-evaluated') {
        out.push(
          violation(
            'MISSING_BASELINE_MEASUREMENT',
            [l.id],
            `non-target ${l.id} is not assessed at baseline`,
            baseline.id,
          ),
        );
      }
    }
  }
  return out;
}

/** Every violation of a read: baseline selection first, then the timepoint records. */
export function checkRead(read: SubjectRead): Violation[] {
  const baseline = read.timepoints[0];
  return [
    ...checkLesionSelection(read.lesions, baseline?.measurements ?? {}, baseline?.sliceThicknessMm),
    ...checkTimepointRecords(read),
  ];
}
