import { useState } from 'react';
import type { ReaderNumber } from '../../core/reading/model';
import type { BicrCase } from '../../core/trial/bicrCase';
import { ESignatureDialog } from '../auth/ESignatureDialog';
import { adjudicate } from '../db/readTrial';
import { useSignedInAccount } from '../reading/ChangeNoticeSigner';
import { useReadingSession } from '../reading/useReadingSession';

/**
 * The adjudicator's choice: reader 1's or reader 2's read, with a reason and their e-signature. The
 * write policy checks everything again (both reads signed, a trigger fired, not adjudicated yet); its
 * refusal is shown in the dialog and nothing is stored.
 */
export function AdjudicationDecision({
  subjectId,
  subjectLabel,
  bicr,
}: {
  subjectId: string;
  subjectLabel: string;
  bicr: BicrCase;
}) {
  const session = useReadingSession();
  const signer = useSignedInAccount();
  const [choice, setChoice] = useState<ReaderNumber | null>(null);
  const readOf = (n: ReaderNumber) => (n === 1 ? bicr.reader1 : bicr.reader2);
  const chosen = choice === null ? null : readOf(choice);
  return (
    <div className="adjudication-decision" data-testid="adjudication-decision">
      <p>Choose the read of record after comparing both reads:</p>
      {([1, 2] as const).map((n) => (
        <button
          key={n}
          type="button"
          className="primary"
          data-testid={`accept-reader-${n}`}
          disabled={!readOf(n) || !session || !signer}
          onClick={() => setChoice(n)}
        >
          Accept reader {n}&apos;s read
        </button>
      ))}
      {choice !== null && chosen && session && signer && (
        <ESignatureDialog
          title={`Accept reader ${choice}'s read of ${subjectLabel}?`}
          signerName={signer.name}
          meaning={{ kind: 'adjudicate', subject: subjectLabel, readerNumber: choice }}
          detail={
            <p className="muted">
              Reader {choice}&apos;s read becomes the read of record of {subjectLabel}. This choice is final.
            </p>
          }
          reasonLabel="Reason for your choice"
          confirmLabel={`Accept reader ${choice}'s read`}
          onCancel={() => setChoice(null)}
          onConfirm={async (passphrase, reason) => {
            await adjudicate(session, {
              subjectId,
              acceptedReadId: chosen.read.id,
              reason: reason ?? '',
              passphrase,
            });
            setChoice(null);
          }}
        />
      )}
    </div>
  );
}
