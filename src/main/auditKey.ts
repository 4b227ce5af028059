/**
 * The installation's audit signing key in the desktop app: an ECDSA P-256 key pair made once with
 * node:crypto, the private key kept in a file under userData encrypted by Electron's safeStorage (the
 * operating system's keychain: Keychain, DPAPI, GNOME Keyring / KWallet). The renderer never sees it:
 * it asks the main process to sign heads (core/audit/signing.ts decides what may be signed).
 *
 * safeStorage's asynchronous API: the synchronous encryptString/decryptString are deprecated in
 * Electron 45 and can block the main process while the keychain asks the user.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  sign,
  type KeyObject,
} from 'node:crypto';
import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { headSigningMessage } from '../core/audit/signing';
import type { AuditKey } from '../platform/bridge';

/** The parts of Electron's safeStorage used here (injected: tests run without Electron). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  getSelectedStorageBackend(): string;
}

export interface InstallationKeyOptions {
  /** The key file, e.g. userData/installation-key.json. */
  readonly file: string;
  readonly safeStorage: SafeStorageLike;
  /** process.platform: on Linux, safeStorage may fall back to a fixed password, which protects nothing. */
  readonly platform?: NodeJS.Platform;
  readonly now?: () => Date;
}

export class AuditKeyError extends Error {
  override readonly name = 'AuditKeyError';
}

const KeyFileSchema = z.strictObject({
  format: z.literal('recist-installation-key'),
  version: z.literal(1),
  createdAt: z.string(),
  publicKey: z.string().regex(/^04[0-9a-f]{128}$/),
  /** The private key (PKCS#8 PEM) as safeStorage encrypted it, base64. */
  encryptedPrivateKey: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/),
});
type KeyFile = z.infer<typeof KeyFileSchema>;

interface LoadedKey {
  readonly privateKey: KeyObject;
  readonly publicKey: string;
}

function publicKeyHex(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'P-256' || !jwk.x || !jwk.y) throw new AuditKeyError('the key is not a P-256 key');
  return `04${Buffer.from(jwk.x, 'base64url').toString('hex')}${Buffer.from(jwk.y, 'base64url').toString('hex')}`;
}

const noProtectedStorage = (why: string) =>
  new AuditKeyError(
    `The audit trail cannot be signed: ${why}, so this computer cannot keep the installation's signing key protected. ` +
      'Ask your IT support to set one up (on Linux, GNOME Keyring or KWallet, unlocked at login), then try again.',
  );

function damaged(file: string, why: string): AuditKeyError {
  return new AuditKeyError(
    `The audit trail cannot be signed: this installation's signing key file is damaged (${why}). ` +
      `Ask your IT support to restore ${file} from a backup; do not delete it, or the trail will be signed with a new key.`,
  );
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createInstallationKey(options: InstallationKeyOptions): AuditKey {
  const { file, safeStorage } = options;
  const platform = options.platform ?? process.platform;
  const now = options.now ?? (() => new Date());
  let loading: Promise<LoadedKey> | null = null;

  async function checkStorage(): Promise<void> {
    if (!(await safeStorage.isAsyncEncryptionAvailable()))
      throw noProtectedStorage('the system keychain is not available');
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')
      throw noProtectedStorage('no keyring (GNOME Keyring or KWallet) is running');
  }

  async function readKeyFile(): Promise<KeyFile | null> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new AuditKeyError(
        `The audit trail cannot be signed: the signing key file cannot be read (${message(error)}).`,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw damaged(file, 'it is not valid JSON');
    }
    const parsed = KeyFileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw damaged(file, `${issue.path.map(String).join('.') || 'the file'}: ${issue.message}`);
    }
    return parsed.data;
  }

  async function unlock(stored: KeyFile): Promise<LoadedKey> {
    let decrypted: { result: string; shouldReEncrypt: boolean };
    try {
      decrypted = await safeStorage.decryptStringAsync(Buffer.from(stored.encryptedPrivateKey, 'base64'));
    } catch (error) {
      throw new AuditKeyError(
        `The audit trail cannot be signed: the signing key cannot be unlocked (${message(error)}). ` +
          'It opens only for the user account and computer that created it, with the system keychain unlocked.',
      );
    }
    let privateKey: KeyObject;
    try {
      privateKey = createPrivateKey(decrypted.result);
    } catch (error) {
      throw damaged(file, `the private key does not decode: ${message(error)}`);
    }
    let derived: string;
    try {
      derived = publicKeyHex(createPublicKey(privateKey));
    } catch (error) {
      throw damaged(file, message(error));
    }
    if (derived !== stored.publicKey)
      throw damaged(file, 'its public key does not belong to its private key');
    // The keychain rotated its key: store the private key under the new one (same key pair).
    if (decrypted.shouldReEncrypt)
      await writeKeyFile({ ...stored, ...(await encrypt(decrypted.result)) }, true);
    return { privateKey, publicKey: stored.publicKey };
  }

  async function encrypt(pem: string): Promise<Pick<KeyFile, 'encryptedPrivateKey'>> {
    return { encryptedPrivateKey: (await safeStorage.encryptStringAsync(pem)).toString('base64') };
  }

  /**
   * Writes beside the target, then links (a new key: fails if another process made one first) or
   * renames (re-encryption) it into place: a crash never leaves half a key file.
   */
  async function writeKeyFile(content: KeyFile, replace: boolean): Promise<boolean> {
    await mkdir(dirname(file), { recursive: true });
    const temporary = `${file}.${randomUUID()}.tmp`;
    await writeFile(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
    try {
      if (replace) await rename(temporary, file);
      else await link(temporary, file);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    } finally {
      await rm(temporary, { force: true });
    }
  }

  async function create(): Promise<LoadedKey> {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const content: KeyFile = {
      format: 'recist-installation-key',
      version: 1,
      createdAt: now().toISOString(),
      publicKey: publicKeyHex(createPublicKey(privateKey)),
      ...(await encrypt(pem)),
    };
    if (await writeKeyFile(content, false)) return { privateKey, publicKey: content.publicKey };
    // Another process of this installation made the key first: use that one.
    const theirs = await readKeyFile();
    if (!theirs) throw damaged(file, 'it vanished while it was being created');
    return unlock(theirs);
  }

  async function load(): Promise<LoadedKey> {
    await checkStorage();
    const stored = await readKeyFile();
    return stored ? unlock(stored) : create();
  }

  /** One key per installation: concurrent first calls share one creation; a failure is retried next time. */
  function key(): Promise<LoadedKey> {
    loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading;
  }

  return {
    publicKey: async () => (await key()).publicKey,
    async signHead(head) {
      const bytes = headSigningMessage(head);
      const { privateKey } = await key();
      return sign('sha256', bytes, { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('hex');
    },
  };
}
