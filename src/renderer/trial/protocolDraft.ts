/**
 * The protocol form's fields as typed text, and back to the protocol input the write policy checks.
 * Numbers the admin typed wrong go through as typed, so the policy's message names the value.
 */
import type { TrialCriteria, TrialProtocol, TrialProtocolInput } from '../../core/trial/protocol';

export interface ProtocolDraft {
  protocolId: string;
  sponsor: string;
  criteria: TrialCriteria;
  confirmationRequired: boolean;
  confirmationMinDays: string;
  sdMinDays: string;
  baselineWindowDays: string;
  everyWeeks: string;
  windowDays: string;
  bestResponse: boolean;
  progressionDate: boolean;
  visitResponse: boolean;
  /** Empty: the "progression dates apart" trigger is off. */
  progressionDaysApart: string;
  acceptedWithoutAdjudication: '1' | '2';
}

/** The protocol schema's defaults; the schedule (which has none) as the common 8 weeks +- 7 days. */
export const DEFAULT_DRAFT: ProtocolDraft = {
  protocolId: '',
  sponsor: '',
  criteria: 'RECIST1.1',
  confirmationRequired: true,
  confirmationMinDays: '28',
  sdMinDays: '42',
  baselineWindowDays: '28',
  everyWeeks: '8',
  windowDays: '7',
  bestResponse: true,
  progressionDate: true,
  visitResponse: false,
  progressionDaysApart: '',
  acceptedWithoutAdjudication: '1',
};

export function draftOf(protocol: TrialProtocol): ProtocolDraft {
  return {
    protocolId: protocol.protocolId,
    sponsor: protocol.sponsor,
    criteria: protocol.criteria,
    confirmationRequired: protocol.confirmationRequired,
    confirmationMinDays: String(protocol.confirmationMinDays),
    sdMinDays: String(protocol.sdMinDays),
    baselineWindowDays: String(protocol.baselineWindowDays),
    everyWeeks: String(protocol.schedule.everyWeeks),
    windowDays: String(protocol.schedule.windowDays),
    bestResponse: protocol.adjudication.bestResponse,
    progressionDate: protocol.adjudication.progressionDate,
    visitResponse: protocol.adjudication.visitResponse,
    progressionDaysApart:
      protocol.adjudication.progressionDaysApart === null
        ? ''
        : String(protocol.adjudication.progressionDaysApart),
    acceptedWithoutAdjudication: protocol.acceptedWithoutAdjudication === 2 ? '2' : '1',
  };
}

/** "28" is 28; "2.5" is 2.5 (the policy refuses it by name); anything else stays the text typed. */
const number = (text: string): number | string => {
  const trimmed = text.trim();
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
};

export function protocolInput(draft: ProtocolDraft): TrialProtocolInput {
  return {
    protocolId: draft.protocolId,
    sponsor: draft.sponsor,
    criteria: draft.criteria,
    confirmationRequired: draft.confirmationRequired,
    confirmationMinDays: number(draft.confirmationMinDays) as number,
    sdMinDays: number(draft.sdMinDays) as number,
    baselineWindowDays: number(draft.baselineWindowDays) as number,
    schedule: {
      everyWeeks: number(draft.everyWeeks) as number,
      windowDays: number(draft.windowDays) as number,
    },
    adjudication: {
      bestResponse: draft.bestResponse,
      progressionDate: draft.progressionDate,
      visitResponse: draft.visitResponse,
      progressionDaysApart:
        draft.progressionDaysApart.trim() === '' ? null : (number(draft.progressionDaysApart) as number),
    },
    acceptedWithoutAdjudication: draft.acceptedWithoutAdjudication === '2' ? 2 : 1,
  };
}
