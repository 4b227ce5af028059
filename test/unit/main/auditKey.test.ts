import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { verifyHeadSignature } from '../../../src/core/audit/chain';
import { hasHighS } from '../core/audit/trail';
import { AuditKeyError, createInstallationKey, type SafeStorageLike } from '../../../src/main/auditKey';

const root = mkdtempSync(join(tmpdir(), 'recist-audit-key-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
const newFolder = () => join(root, `user-data-${(folders += 1)}`);

/** A keychain that really transforms the text (so a key stored in clear would show) and counts its use. */
function fakeSafeStorage(overrides: Partial<SafeStorageLike> = {}) {
  const storage = {
    isAsyncEncryptionAvailable: vi.fn(() => Promise.resolve(true)),
    getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
    // A fresh nonce each time, as a real keychain's ciphertext differs on each encryption.
    encryptStringAsync: vi.fn((text: string) =>
      Promise.resolve(
        Buffer.from(`sealed:${randomUUID()}:${Buffer.from(text).reverse().toString('base64')}`),
      ),
    ),
    decryptStringAsync: vi.fn((encrypted: Buffer) => {
      const match = /^sealed:[0-9a-f-]{36}:(.*)$/s.exec(encrypted.toString());
      if (!match) return Promise.reject(new Error('Error while decrypting the ciphertext'));
      return Promise.resolve({
        result: Buffer.from(match[1]!, 'base64').reverse().toString(),
        shouldReEncrypt: false,
      });
    }),
    ...overrides,
  };
  return storage;
}

const head = { seq: 12, hash: 'ab'.repeat(32), at: '2026-03-01T10:00:00.000Z' };

async function signedHead(key: ReturnType<typeof createInstallationKey>, h = head) {
  return { ...h, signature: await key.signHead(h), publicKey: await key.publicKey() };
}

describe('installation signing key (main process)', () => {
  it('is created once, encrypted, and the same after a restart', async () => {
    const file = join(newFolder(), 'installation-key.json');
    const safeStorage = fakeSafeStorage();
    const first = createInstallationKey({ file, safeStorage });
    const publicKey = await first.publicKey();
    expect(publicKey).toMatch(/^04[0-9a-f]{128}$/);

    const stored = readFileSync(file, 'utf8');
    expect(stored).not.toMatch(/PRIVATE KEY/);
    expect(JSON.parse(stored)).toMatchObject({ format: 'recist-installation-key', version: 1, publicKey });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);

    const restarted = createInstallationKey({ file, safeStorage });
    expect(await restarted.publicKey()).toBe(publicKey);
    expect(verifyHeadSignature(await signedHead(restarted))).toBe(true);
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledTimes(1);
    expect(readdirSync(join(file, '..'))).toEqual(['installation-key.json']);
  });

  it('makes one key when asked many times at once, in one process or two', async () => {
    const file = join(newFolder(), 'installation-key.json');
    const safeStorage = fakeSafeStorage();
    const key = createInstallationKey({ file, safeStorage });
    const other = createInstallationKey({ file, safeStorage });
    const keys = await Promise.all([key.publicKey(), key.publicKey(), key.signHead(head), other.publicKey()]);
    expect(new Set([keys[0], keys[1], keys[3]]).size).toBe(1);
    expect(JSON.parse(readFileSync(file, 'utf8')).publicKey).toBe(keys[0]);
    expect(readdirSync(join(file, '..'))).toEqual(['installation-key.json']);
  });

  it('signs heads that core verifies, in both forms of s, and only with its own key', async () => {
    const key = createInstallationKey({ file: join(newFolder(), 'k.json'), safeStorage: fakeSafeStorage() });
    const forms = new Set<boolean>();
    // 24 signatures: all in one form of s happens once in 8 million runs.
    for (let seq = 0; seq < 24; seq += 1) {
      const signed = await signedHead(key, { ...head, seq });
      forms.add(hasHighS(signed.signature));
      expect(signed.signature).toMatch(/^[0-9a-f]{128}$/);
      expect(verifyHeadSignature(signed), `seq ${seq}`).toBe(true);
      expect(verifyHeadSignature({ ...signed, seq: seq + 1 })).toBe(false);
    }
    expect(forms.size).toBe(2);
  });

  it('refuses to sign anything but a well-formed head', async () => {
    const safeStorage = fakeSafeStorage();
    const key = createInstallationKey({ file: join(newFolder(), 'k.json'), safeStorage });
    const refusals: [unknown, RegExp][] = [
      [{ ...head, seq: -1 }, /seq: must be 0 or more/],
      [{ ...head, seq: 1.5 }, /seq: must be a whole number/],
      [{ ...head, hash: 'AB'.repeat(32) }, /hash: must be a SHA-256/],
      [{ ...head, hash: 'ab' }, /hash: must be a SHA-256/],
      [{ ...head, at: '2026-03-01' }, /at: must be an ISO date and time/],
      [{ ...head, at: `${head.at}\n99\n${'0'.repeat(64)}` }, /at: must be an ISO date and time/],
      [{ ...head, note: 'sign this too' }, /Unrecognized key: "note"/],
      ['recist-audit-head-v1\n1\nab', /expected object/],
      [null, /expected object/],
    ];
    for (const [bad, problem] of refusals)
      await expect(key.signHead(bad as typeof head), JSON.stringify(bad)).rejects.toThrow(problem);
    // Refused before the key is even made.
    expect(safeStorage.encryptStringAsync).not.toHaveBeenCalled();
  });

  it('says so, and stores nothing, when the system keychain cannot protect the key', async () => {
    const folder = newFolder();
    const unavailable = createInstallationKey({
      file: join(folder, 'k.json'),
      safeStorage: fakeSafeStorage({ isAsyncEncryptionAvailable: () => Promise.resolve(false) }),
    });
    await expect(unavailable.publicKey()).rejects.toThrow(
      /^The audit trail cannot be signed: the system keychain is not available/,
    );
    const plainText = createInstallationKey({
      file: join(folder, 'k.json'),
      safeStorage: fakeSafeStorage({ getSelectedStorageBackend: () => 'basic_text' }),
      platform: 'linux',
    });
    await expect(plainText.signHead(head)).rejects.toThrow(
      /no keyring \(GNOME Keyring or KWallet\) is running/,
    );
    await expect(plainText.signHead(head)).rejects.toBeInstanceOf(AuditKeyError);
    expect(() => readdirSync(folder)).toThrow(/ENOENT/);
    // Elsewhere the backend question does not arise (it is a Linux-only API).
    const mac = createInstallationKey({
      file: join(folder, 'k.json'),
      safeStorage: fakeSafeStorage({ getSelectedStorageBackend: () => 'basic_text' }),
      platform: 'darwin',
    });
    await expect(mac.publicKey()).resolves.toMatch(/^04/);
  });

  it('names a damaged key file clearly and does not replace it', async () => {
    const folder = newFolder();
    const file = join(folder, 'k.json');
    const good = createInstallationKey({ file, safeStorage: fakeSafeStorage() });
    await good.publicKey();
    const original = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    const other = join(newFolder(), 'other.json');
    await createInstallationKey({ file: other, safeStorage: fakeSafeStorage() }).publicKey();
    const otherKey = JSON.parse(readFileSync(other, 'utf8')) as Record<string, string>;

    const cases: [string, RegExp][] = [
      ['{"format": "recist-installation-key", "vers', /damaged \(it is not valid JSON\)/],
      [JSON.stringify({ ...original, publicKey: 'zz' }), /damaged \(publicKey: /],
      [JSON.stringify({ ...original, version: 2 }), /damaged \(version: /],
      [JSON.stringify({ ...original, publicKey: otherKey['publicKey'] }), /public key does not belong/],
      [
        JSON.stringify({
          ...original,
          encryptedPrivateKey: Buffer.from(`sealed:${randomUUID()}:AAAA`).toString('base64'),
        }),
        /private key does not decode/,
      ],
      [JSON.stringify({ ...original, encryptedPrivateKey: 'AAAA' }), /signing key cannot be unlocked/],
    ];
    for (const [content, problem] of cases) {
      writeFileSync(file, content);
      const restarted = createInstallationKey({ file, safeStorage: fakeSafeStorage() });
      await expect(restarted.signHead(head), content).rejects.toThrow(problem);
      await expect(restarted.publicKey()).rejects.toThrow(/^The audit trail cannot be signed: /);
      expect(readFileSync(file, 'utf8')).toBe(content);
    }
    writeFileSync(file, '{}');
    await expect(createInstallationKey({ file, safeStorage: fakeSafeStorage() }).publicKey()).rejects.toThrow(
      /restore .*k\.json from a backup/,
    );
  });

  it('tries again after a failure (a keychain unlocked later), and re-encrypts when the keychain asks', async () => {
    const file = join(newFolder(), 'k.json');
    const publicKey = await createInstallationKey({ file, safeStorage: fakeSafeStorage() }).publicKey();
    const base = fakeSafeStorage();
    let locked = true;
    const safeStorage = fakeSafeStorage({
      decryptStringAsync: (encrypted) =>
        locked
          ? Promise.reject(new Error('the keyring is locked'))
          : base.decryptStringAsync(encrypted).then((r) => ({ ...r, shouldReEncrypt: true })),
    });
    const key = createInstallationKey({ file, safeStorage });
    await expect(key.publicKey()).rejects.toThrow(/cannot be unlocked \(the keyring is locked\)/);
    locked = false;
    const before = readFileSync(file, 'utf8');
    await expect(key.publicKey()).resolves.toBe(publicKey);
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledTimes(1);
    expect(readFileSync(file, 'utf8')).not.toBe(before);
    expect(JSON.parse(readFileSync(file, 'utf8')).publicKey).toBe(publicKey);
    expect(readdirSync(join(file, '..'))).toEqual(['k.json']);
  });
});
