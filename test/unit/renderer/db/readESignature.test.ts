/**
 * Issue 10, e-signatures: before, signTimepoint took no passphrase at all and stored a bare sign-off
 * (who and when): nothing re-authenticated the signer and nothing bound what was signed.
 */
import { describe, expect, it } from 'vitest';
import { verifyHeadSignature } from '../../../../src/core/audit/chain';
import { runCommand } from '../../../../src/renderer/db/commandRunner';
import { readTables } from '../../../../src/renderer/db/readSchema';
import { signTimepoint } from '../../../../src/renderer/db/readSignoff';
import { baselineRead, refusal, storedTables } from './policyFixtures';
import { PASSPHRASE } from './readTestDb';

describe('signing a visit is an e-signature', () => {
  it('does not sign with a wrong passphrase, or none: nothing stored, the visit stays open', async () => {
    const f = await baselineRead();
    const before = await storedTables(f.db);
    const wrong = await refusal(
      signTimepoint(f.session, {
        passphrase: 'not my passphrase',
        readId: f.read.id,
        timepointId: f.baseline.id,
      }),
    );
    expect(wrong.code).toBe('SIGNATURE');
    expect(wrong.message).toBe('That passphrase is not right: nothing was signed');
    const none = await refusal(
      runCommand(f.session, {
        type: 'signVisit',
        input: { readId: f.read.id, timepointId: f.baseline.id },
        label: 'sign visit',
      }),
    );
    expect(none.code).toBe('SIGNATURE');
    expect(await storedTables(f.db)).toEqual(before);
    expect(await readTables(f.db).signoffs.count()).toBe(0);
  });

  it('stores signer, role, meaning, content hash and the signed audit head', async () => {
    const f = await baselineRead();
    const signed = await signTimepoint(f.session, {
      passphrase: PASSPHRASE,
      readId: f.read.id,
      timepointId: f.baseline.id,
    });
    const signature = signed.value.signature;
    expect(signature).toMatchObject({
      kind: 'sign-visit',
      signerId: f.reader.id,
      signerName: 'Dr Reader',
      role: 'bicr-reader',
      meaning: 'I, Dr Reader, confirm this assessment of Baseline is my own.',
      readId: f.read.id,
      timepointId: f.baseline.id,
    });
    expect(signature.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(signature.signedHead).not.toBeNull();
    expect(verifyHeadSignature(signature.signedHead!)).toBe(true);
    expect(signature.signedHead!.publicKey).toBe(await f.signer.publicKey());
    // the head signed is the trail as it stood just before this signature
    const events = await readTables(f.db).auditTrail.orderBy('seq').toArray();
    const firstOfSign = events.find((e) => e.commandId === signed.commandId)!;
    expect(signature.signedHead!.seq).toBe(firstOfSign.seq - 1);
    expect(signature.signedHead!.hash).toBe(firstOfSign.prevHash);
    expect(await readTables(f.db).eSignatures.get(signature.id)).toEqual(signature);
    expect(signed.value.signoff.signatureId).toBe(signature.id);
  });
});
