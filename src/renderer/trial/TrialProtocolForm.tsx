import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type ReactNode } from 'react';
import { TRIAL_CRITERIA, type TrialCriteria } from '../../core/trial/protocol';
import { useServices } from '../app/services';
import { getTrial, saveTrial } from '../db/readTrial';
import { describeError, useReadingSession } from '../reading/useReadingSession';
import { DEFAULT_DRAFT, draftOf, protocolInput, type ProtocolDraft } from './protocolDraft';
import { isProtocolFrozen } from './trialAdminQueries';

const CRITERIA_WORDS: Record<TrialCriteria, string> = {
  'RECIST1.1': 'RECIST 1.1',
  'RECIST1.1+iRECIST': 'RECIST 1.1, with iRECIST reported beside it',
};

const FROZEN_REASON =
  'Reads are signed already: the protocol settings can change only before the first signature of any read.';

/** The trial's protocol: every setting of issue 11's "Trial setup", saved as one audited change. */
export function TrialProtocolForm() {
  const { db } = useServices();
  const session = useReadingSession();
  const trial = useLiveQuery(() => getTrial(db), [db]);
  const frozen = useLiveQuery(() => isProtocolFrozen(db), [db]);
  const [edited, setEdited] = useState<ProtocolDraft | null>(null);
  const [message, setMessage] = useState<{ text: string; problem: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  if (trial === undefined || frozen === undefined) return null;
  const draft = edited ?? (trial ? draftOf(trial.protocol) : DEFAULT_DRAFT);
  const set = <K extends keyof ProtocolDraft>(key: K, value: ProtocolDraft[K]) => {
    setEdited({ ...draft, [key]: value });
    setMessage(null);
  };
  const text = (key: keyof ProtocolDraft) => ({
    value: draft[key] as string,
    onChange: (e: { target: { value: string } }) => set(key, e.target.value),
  });
  const check = (key: 'confirmationRequired' | 'bestResponse' | 'progressionDate' | 'visitResponse') => ({
    checked: draft[key],
    onChange: (e: { target: { checked: boolean } }) => set(key, e.target.checked),
  });
  return (
    <form
      className="trial-form"
      data-testid="trial-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!session) return;
        setBusy(true);
        saveTrial(session, protocolInput(draft))
          .then((saved) => {
            setEdited(null);
            setMessage({ text: `Saved: trial ${saved.value.protocol.protocolId}.`, problem: false });
          })
          .catch((error: unknown) =>
            setMessage({ text: `Not saved: ${describeError(error)}.`, problem: true }),
          )
          .finally(() => setBusy(false));
      }}
    >
      {frozen && (
        <p className="trial-notice" data-testid="trial-frozen">
          {FROZEN_REASON}
        </p>
      )}
      <fieldset disabled={frozen} className="trial-fields">
        <legend>Trial</legend>
        <Field label="Protocol ID" id="trial-protocol-id">
          <input id="trial-protocol-id" autoComplete="off" {...text('protocolId')} />
        </Field>
        <Field label="Sponsor" id="trial-sponsor">
          <input id="trial-sponsor" autoComplete="off" {...text('sponsor')} />
        </Field>
        <Field label="Response criteria" id="trial-criteria">
          <select
            id="trial-criteria"
            value={draft.criteria}
            onChange={(e) => set('criteria', e.target.value as TrialCriteria)}
          >
            {TRIAL_CRITERIA.map((c) => (
              <option key={c} value={c}>
                {CRITERIA_WORDS[c]}
              </option>
            ))}
          </select>
        </Field>
      </fieldset>
      <fieldset disabled={frozen} className="trial-fields">
        <legend>Response rules</legend>
        <label className="trial-check">
          <input
            type="checkbox"
            data-testid="trial-confirmation-required"
            {...check('confirmationRequired')}
          />
          A complete or partial response must be confirmed by a later scan
        </label>
        <Field label="Confirmation at least this many days later" id="trial-confirmation-days">
          <input id="trial-confirmation-days" inputMode="numeric" {...text('confirmationMinDays')} />
        </Field>
        <Field label="Stable disease counts from this many days after enrolment" id="trial-sd-days">
          <input id="trial-sd-days" inputMode="numeric" {...text('sdMinDays')} />
        </Field>
        <Field label="Baseline scan at most this many days before treatment start" id="trial-baseline-days">
          <input id="trial-baseline-days" inputMode="numeric" {...text('baselineWindowDays')} />
        </Field>
      </fieldset>
      <fieldset disabled={frozen} className="trial-fields">
        <legend>Visit schedule</legend>
        <Field label="A visit every this many weeks from treatment start" id="trial-every-weeks">
          <input id="trial-every-weeks" inputMode="numeric" {...text('everyWeeks')} />
        </Field>
        <Field label="Each visit accepted this many days either side" id="trial-window-days">
          <input id="trial-window-days" inputMode="numeric" {...text('windowDays')} />
        </Field>
      </fieldset>
      <fieldset disabled={frozen} className="trial-fields">
        <legend>Adjudication</legend>
        <p className="muted">The adjudicator is asked when both reads are signed and:</p>
        <label className="trial-check">
          <input type="checkbox" data-testid="trial-trigger-best" {...check('bestResponse')} />
          the best overall responses differ
        </label>
        <label className="trial-check">
          <input type="checkbox" data-testid="trial-trigger-date" {...check('progressionDate')} />
          the dates of progression differ
        </label>
        <label className="trial-check">
          <input type="checkbox" data-testid="trial-trigger-visit" {...check('visitResponse')} />
          any visit&apos;s response differs
        </label>
        <Field
          label="or both progressed more than this many days apart (leave empty for no such rule)"
          id="trial-days-apart"
        >
          <input id="trial-days-apart" inputMode="numeric" {...text('progressionDaysApart')} />
        </Field>
        <Field label="When no rule fires, the read of record is" id="trial-accepted">
          <select
            id="trial-accepted"
            value={draft.acceptedWithoutAdjudication}
            onChange={(e) => set('acceptedWithoutAdjudication', e.target.value === '2' ? '2' : '1')}
          >
            <option value="1">Reader 1&apos;s read</option>
            <option value="2">Reader 2&apos;s read</option>
          </select>
        </Field>
      </fieldset>
      {!frozen && (
        <button type="submit" className="primary" data-testid="trial-save" disabled={busy}>
          {trial ? 'Save the protocol' : 'Create the trial'}
        </button>
      )}
      {message && (
        <p
          role={message.problem ? 'alert' : 'status'}
          className={message.problem ? 'form-error' : 'muted'}
          data-testid="trial-message"
        >
          {message.text}
        </p>
      )}
    </form>
  );
}

function Field({ label, id, children }: { label: string; id: string; children: ReactNode }) {
  return (
    <div className="auth-field">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}
