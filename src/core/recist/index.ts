/** RECIST 1.1 / iRECIST engine: pure functions from one subject read to its responses and endpoints. */
export { evaluateSubject, evaluateInput, type EvaluationOutcome } from './evaluate';
export {
  checkLesionSelection,
  checkTimepointRecords,
  checkRead,
  organGroup,
  MAX_TARGETS,
  MAX_TARGETS_PER_ORGAN,
} from './selection';
export {
  readTargets,
  measurementValue,
  targetResponse,
  nonTargetResponse,
  newLesionFinding,
  type TargetLesion,
  type TargetReading,
  type TargetHistory,
  type NadirRef,
  type Finding,
  type TargetCode,
  type NonTargetCode,
  type NewLesionCode,
} from './findings';
export { overallResponse, overallWithTargets, overallNonTargetOnly, type OverallCode } from './tables';
export {
  bestOverallResponse,
  confirms,
  firstConfirmed,
  kindOf,
  type AssessmentPoint,
  type BestResponse,
  type BestResponseInput,
  type BestResponseRules,
  type ResponseKind,
} from './best-response';
export { backDateProgression, type BackDating } from './progression';
export { NewLesionTargets, type NewLesionState } from './new-lesion-targets';
export {
  newLesionCourse,
  type NewLesionsAt,
  type UnevaluatedLesion,
  type LastStatus,
} from './new-lesion-course';
export {
  toHundredths,
  toMm,
  meetsPartialResponse,
  meetsProgression,
  percentChange,
  percentChangeTenths,
  formatMm,
  formatPercentChange,
  type Hundredths,
} from './arithmetic';
export { pendingConfirmation, type PendingConfirmation } from './confirmation';
