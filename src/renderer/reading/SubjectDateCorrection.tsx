import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { SignatureMeaning } from '../../core/policy/signatures';
import { ReadingError } from '../../core/reading/errors';
import type { Subject } from '../../core/reading/model';
import { ESignatureDialog } from '../auth/ESignatureDialog';
import { useServices } from '../app/services';
import type { RecistDatabase } from '../db/database';
import { listSubjects, updateSubject } from '../db/readSubjects';
import { useSignedInAccount } from './ChangeNoticeSigner';
import { signedVisitIds, subjectDateNames, type SubjectDateKey } from './NewImagesQueries';
import { useReadingSession } from './useReadingSession';
import './newImages.css';

/** What an administrator signs to correct one frozen date: the meaning the policy stores. */
export function correctionMeaning(subjectLabel: string, field: SubjectDateKey): SignatureMeaning {
  return { kind: 'correct-subject', subject: subjectLabel, field: subjectDateNames[field] };
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
  if (!account || !session) return null;
  return (
    <ESignatureDialog
      title={`Correct the ${subjectDateNames[field]} of ${subject.label}`}
      signerName={account.name}
      meaning={correctionMeaning(subject.label, field)}
      reasonLabel="Reason for the correction"
      confirmLabel="Sign the correction"
      onCancel={onClose}
      onConfirm={async (passphrase, reason) => {
        // Without a changed date nothing would be signed: say so instead of closing as if it were done.
        if (date === (subject[field] ?? ''))
          throw new ReadingError('INVALID', `Enter the corrected ${subjectDateNames[field]}`, 'date');
        await updateSubject(
          session,
          subject.id,
          { [field]: date || null },
          { reason: reason ?? '', passphrase },
        );
        onClose();
      }}
      detail={
        <>
          <p className="muted">
            A read of this subject is signed: the correction marks each signed read &quot;changed after
            signature&quot;, with its responses before and after, until its reader re-signs.
          </p>
          <label className="field">
            {`Now ${subject[field] ?? 'no date'}; correct to`}
            <input
              type="date"
              data-testid="date-correction-date"
              value={date}
              onChange={(e) => setDate(e.target.value)}
            />
          </label>
        </>
      }
    />
  );
}

/**
 * For the administrator's screen (an administrator does not read): the subjects whose dates are frozen
 * by a signature, each date with "Correct…". Mount it where the administrator works.
 */
export function SubjectDateCorrections() {
  const { db } = useServices();
  const frozen = useLiveQuery(() => subjectsWithFrozenDates(db), [db]);
  if (!frozen) return null;
  return (
    <section className="subject-date-corrections" data-testid="subject-date-corrections">
      <h2>Subject dates frozen by a signature</h2>
      {frozen.length === 0 ? (
        <p className="muted">No subject has a signed visit yet: readers edit the dates themselves.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Subject</th>
              {dateKeys.map((field) => (
                <th key={field} scope="col">
                  {subjectDateNames[field]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {frozen.map((subject) => (
              <tr key={subject.id} data-testid="frozen-subject">
                <th scope="row">{subject.label}</th>
                {dateKeys.map((field) => (
                  <td key={field}>
                    {subject[field] ?? 'no date'} <SubjectDateCorrectButton subject={subject} field={field} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const dateKeys = Object.keys(subjectDateNames) as SubjectDateKey[];

async function subjectsWithFrozenDates(db: RecistDatabase): Promise<Subject[]> {
  const subjects = await listSubjects(db);
  const signed = await Promise.all(subjects.map((s) => signedVisitIds(db, s.id)));
  return subjects.filter((_, i) => signed[i]!.size > 0);
}
