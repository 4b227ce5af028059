import { describe, expect, it } from 'vitest';
import { addLesion, setAssessment } from '../../../../src/renderer/db/readLesions';
import { signTimepoint } from '../../../../src/renderer/db/readSignoff';
import { measure } from '../../core/reading/fixtures';
import { baselineRead, refusal, signBaseline } from './policyFixtures';
import { PASSPHRASE } from './readTestDb';

describe('signing a visit needs a word on every new lesion known by then', () => {
  // Before issue 10 only baseline lesions were checked: week 16 could be signed with N1 (seen at week 8)
  // not assessed, and the engine read the silence as "gone", so an iUPD could reset.
  it('refuses a later visit while a new lesion seen earlier is not assessed there, then signs once it is', async () => {
    const f = await baselineRead();
    await signBaseline(f);
    for (const lesion of [f.t1, f.nt1])
      await setAssessment(f.session, {
        lesionId: lesion.id,
        timepointId: f.week8.id,
        value:
          lesion.kind === 'target'
            ? { status: 'measured', fragments: [measure(21)] }
            : { status: 'present', marker: null },
      });
    const n1 = (
      await addLesion(f.session, {
        readId: f.read.id,
        kind: 'new',
        locationCode: 'liver.s6',
        timepointId: f.week8.id,
        value: { status: 'equivocal', measurement: null, marker: null },
      })
    ).value.lesion;
    await signTimepoint(f.session, { passphrase: PASSPHRASE, readId: f.read.id, timepointId: f.week8.id });
    for (const lesion of [f.t1, f.nt1])
      await setAssessment(f.session, {
        lesionId: lesion.id,
        timepointId: f.week16.id,
        value:
          lesion.kind === 'target'
            ? { status: 'measured', fragments: [measure(20)] }
            : { status: 'present', marker: null },
      });

    const refused = await refusal(
      signTimepoint(f.session, { passphrase: PASSPHRASE, readId: f.read.id, timepointId: f.week16.id }),
    );
    expect(refused.code).toBe('INCOMPLETE');
    expect(refused.message).toContain('N1 not assessed');

    await setAssessment(f.session, {
      lesionId: n1.id,
      timepointId: f.week16.id,
      value: { status: 'not-evaluated', note: 'out of the field of view' },
    });
    const signed = await signTimepoint(f.session, {
      passphrase: PASSPHRASE,
      readId: f.read.id,
      timepointId: f.week16.id,
    });
    expect(signed.value.signoff.timepointId).toBe(f.week16.id);
  });
});
