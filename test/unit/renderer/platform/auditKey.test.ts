import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { verifyHeadSignature } from '../../../../src/core/audit/chain';
import { createWebAuditKey, INSTALLATION_KEY_DATABASE } from '../../../../src/renderer/platform/auditKey';
import { createWebPlatform } from '../../../../src/renderer/platform/web';

const head = { seq: 7, hash: 'ef'.repeat(32), at: '2026-03-01T10:00:00.000Z' };

/** A browser profile of its own: the key lives in its IndexedDB. */
function profile() {
  const factory = new IDBFactory();
  return { factory, indexedDB: () => factory };
}

async function storedRecords(factory: IDBFactory): Promise<unknown[]> {
  const opening = factory.open(INSTALLATION_KEY_DATABASE);
  const database = await new Promise<IDBDatabase>((resolve, reject) => {
    opening.onsuccess = () => resolve(opening.result);
    opening.onerror = () => reject(opening.error);
  });
  const all = database.transaction('keys').objectStore('keys').getAll();
  const records = await new Promise<unknown[]>((resolve) => (all.onsuccess = () => resolve(all.result)));
  database.close();
  return records;
}

describe('installation signing key (browser)', () => {
  it('is made once per profile, kept across reloads, and its private key cannot be read out', async () => {
    const { factory, indexedDB } = profile();
    const key = createWebAuditKey({ indexedDB });
    const publicKey = await key.publicKey();
    expect(publicKey).toMatch(/^04[0-9a-f]{128}$/);
    const reloaded = createWebAuditKey({ indexedDB });
    expect(await reloaded.publicKey()).toBe(publicKey);

    const [record] = (await storedRecords(factory)) as { privateKey: CryptoKey; publicKey: string }[];
    expect(record!.publicKey).toBe(publicKey);
    expect(record!.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', record!.privateKey)).rejects.toThrow();
    expect(await createWebAuditKey({ indexedDB: profile().indexedDB }).publicKey()).not.toBe(publicKey);
  });

  it('makes one key when asked at once, from one page or two tabs', async () => {
    const { factory, indexedDB } = profile();
    const generateKey = vi.spyOn(crypto.subtle, 'generateKey');
    try {
      const tab1 = createWebAuditKey({ indexedDB });
      const tab2 = createWebAuditKey({ indexedDB });
      const answers = await Promise.all([
        tab1.publicKey(),
        tab1.publicKey(),
        tab2.publicKey(),
        tab2.publicKey(),
      ]);
      expect(new Set(answers).size).toBe(1);
      // One per tab at most (each made its own before looking), and only one kept.
      expect(generateKey.mock.calls.length).toBeLessThanOrEqual(2);
    } finally {
      generateKey.mockRestore();
    }
    expect(await storedRecords(factory)).toHaveLength(1);
  });

  it('signs heads that core verifies, and nothing else', async () => {
    const key = createWebAuditKey({ indexedDB: profile().indexedDB });
    const publicKey = await key.publicKey();
    for (let seq = 0; seq < 8; seq += 1) {
      const signature = await key.signHead({ ...head, seq });
      expect(signature).toMatch(/^[0-9a-f]{128}$/);
      expect(verifyHeadSignature({ ...head, seq, signature, publicKey })).toBe(true);
    }
    await expect(key.signHead({ ...head, seq: -1 })).rejects.toThrow(/seq: must be 0 or more/);
    await expect(key.signHead({ ...head, hash: 'EF'.repeat(32) })).rejects.toThrow(/hash: must be a SHA-256/);
    await expect(key.signHead({ ...head, at: `${head.at}\nextra` })).rejects.toThrow(/at: must be an ISO/);
    await expect(key.signHead({ ...head, extra: 1 } as typeof head)).rejects.toThrow(/Unrecognized key/);
  });

  it('says so when the stored key is damaged, and does not replace it', async () => {
    const { factory, indexedDB } = profile();
    await createWebAuditKey({ indexedDB }).publicKey();
    const opening = factory.open(INSTALLATION_KEY_DATABASE);
    await new Promise<void>((resolve) => {
      opening.onsuccess = () => {
        const transaction = opening.result.transaction('keys', 'readwrite');
        transaction.objectStore('keys').put({ publicKey: 'garbage' }, 'installation');
        transaction.oncomplete = () => {
          opening.result.close();
          resolve();
        };
      };
    });
    await expect(createWebAuditKey({ indexedDB }).signHead(head)).rejects.toThrow(
      /^The audit trail cannot be signed: this browser's signing key \(database "recist-installation-key"\) is damaged\.$/,
    );
    expect(await storedRecords(factory)).toEqual([{ publicKey: 'garbage' }]);
  });

  it('is the web bridge member, reading the page IndexedDB only when first used', async () => {
    const platform = createWebPlatform('0.0.0');
    expect(Object.keys(platform.auditKey).sort()).toEqual(['publicKey', 'signHead']);
    // The test setup's fake-indexeddb plays the page's.
    const publicKey = await platform.auditKey.publicKey();
    expect(
      verifyHeadSignature({ ...head, signature: await platform.auditKey.signHead(head), publicKey }),
    ).toBe(true);
  });
});
