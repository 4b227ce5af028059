import { useState } from 'react';
import { signatureMeaning } from '../../core/policy/signatures';
import type { Subject } from '../../core/reading/model';
import { updateSubject } from '../db/readSubjects';
import { SignatureDialog, useSignedInAccount } from './ChangeNoticeSignDialog';
import { subjectDateNames, type SubjectDateKey } from './NewImagesQueries';
import { describeError, useReadingSession } from './useReadingSession';

/** The sentence an administrator signs to correct one frozen date: the one the policy stores. */
export function correctionMeaning(signerName: string, subjectLabel: string, field: SubjectDateKey): string {
  return signatureMeaning(signerName, {
    kind: 'correct-subject',
    subject: subjectLabel,
    field: subjectDateNames[field],
  });
}

/**
 * "Correct…" for a subject date frozen by a signature: only an administrator sees it. Reusable wherever
 * the administrator works (the subject panel, the accounts screen).
 */
export function SubjectDateCorrectButton({ subject, field }: { subject: Subject; field: SubjectDateKey }) {
  const account = useSignedInAccount();
  const [open, setOpen] = useState(false);
  if (account?.role !== 'admin') return null;
  return (
    <>
      <button type="button" className="link" data-testid={`correct-${field}`} onClick={() => setOpen(true)}>
        Correct…
      </button>
      {open && <SubjectDateCorrection subject={subject} field={field} onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * An administrator's signed, reasoned correction of a frozen subject date: every signed read of the
 * subject is then marked "changed after signature" until its reader re-signs.
 */
export function SubjectDateCorrection({
  subject,
  field,
  onClose,
}: {
  subject: Subject;
  field: SubjectDateKey;
  onClose: () => void;
}) {
  const session = useReadingSession();
  const account = useSignedInAccount();
  const [date, setDate] = useState(subject[field] ?? '');
  const [reason, setReason] = useState('');
  if (!account || !session) return null;
  const unchanged = date === (subject[field] ?? '');
  const name = subjectDateNames[field];
  return (
    <SignatureDialog
      title={`Correct the ${name} of ${subject.label}`}
      meaning={correctionMeaning(account.name, subject.label, field)}
      signerName={account.name}
      confirmLabel="Sign the correction"
      testId="date-correction"
      canSign={!unchanged && reason.trim() !== ''}
      onClose={onClose}
      onSign={async (passphrase) => {
        try {
          await updateSubject(session, subject.id, { [field]: date || null }, { reason, passphrase });
          return null;
        } catch (error) {
          return describeError(error);
        }
      }}
    >
      <p className="muted">
        A read of this subject is signed: the correction marks each signed read &quot;changed after
        signature&quot; with its responses before and after, until its reader re-signs.
      </p>
      <label className="field">
        Now {subject[field] ?? 'no date'}; correct to
        <input
          type="date"
          data-testid="date-correction-date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
        />
      </label>
      <label className="field">
        Reason
        <textarea
          rows={2}
          data-testid="date-correction-reason"
          value={reason}
          placeholder="e.g. transcription error, source document corrected"
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      {(unchanged || reason.trim() === '') && (
        <p className="muted" data-testid="date-correction-missing">
          {unchanged ? 'Enter the corrected date' : 'Give the reason for the correction'}
        </p>
      )}
    </SignatureDialog>
  );
}
