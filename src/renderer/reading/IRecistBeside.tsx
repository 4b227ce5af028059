import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { iRecistBeside, type BesideEvaluation } from '../../core/reading/besideCriteria';
import type { ReadEvaluation } from '../../core/reading/evaluation';
import type { Read } from '../../core/reading/model';
import { useServices } from '../app/services';
import { getTrial } from '../db/readTrial';

/** iRECIST from the read's own measurements, when the trial reports it beside RECIST 1.1. */
export function useIRecistBeside(read: Read, evaluation: ReadEvaluation): BesideEvaluation | null {
  const { db } = useServices();
  const trial = useLiveQuery(() => getTrial(db), [db]);
  const wanted = trial?.protocol.criteria === 'RECIST1.1+iRECIST' && read.criteria === 'RECIST1.1';
  return useMemo(() => (wanted ? iRecistBeside(evaluation) : null), [wanted, evaluation]);
}

/** The iRECIST best response, beside RECIST 1.1's in the panel's header. */
export function IRecistBest({ beside, assessed }: { beside: BesideEvaluation; assessed: boolean }) {
  return (
    <span className="bor bor-beside" data-testid="irecist-best-response">
      iRECIST <b>{assessed ? beside.result.bestOverallResponse : 'not assessed yet'}</b>
    </span>
  );
}
