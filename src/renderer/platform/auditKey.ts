/**
 * The installation's audit signing key in a browser: a WebCrypto ECDSA P-256 key pair made once, its
 * private key non-extractable (no script, ours included, can read it out), kept in an IndexedDB
 * database of its own (CryptoKey objects are structured-cloneable), apart from the app's data so that
 * clearing or migrating the app's database never replaces the key.
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import { headSigningMessage } from '../../core/audit/signing';
import type { AuditKey } from '../../platform/bridge';

export const INSTALLATION_KEY_DATABASE = 'recist-installation-key';
const STORE = 'keys';
const RECORD = 'installation';
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;

interface StoredKey {
  readonly privateKey: CryptoKey;
  readonly publicKey: string;
  readonly createdAt: string;
}

export interface WebAuditKeyOptions {
  /** Read when the key is first needed (tests give fake-indexeddb); the page's by default. */
  readonly indexedDB?: () => IDBFactory;
  readonly subtle?: () => SubtleCrypto;
  readonly databaseName?: string;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function openDatabase(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  const opening = factory.open(name, 1);
  opening.onupgradeneeded = () => opening.result.createObjectStore(STORE);
  return request(opening);
}

/**
 * Stores `candidate` unless a key is already there, in ONE readwrite transaction (IndexedDB runs them
 * one at a time per store, across tabs too), and resolves whichever key is stored: two first calls at
 * once, in one tab or two, end with the same key.
 */
function keepFirst(database: IDBDatabase, candidate: StoredKey): Promise<StoredKey> {
  return new Promise((resolve, reject) => {
    const transaction = database.transaction(STORE, 'readwrite');
    const store = transaction.objectStore(STORE);
    let kept: StoredKey = candidate;
    const existing = store.get(RECORD);
    existing.onsuccess = () => {
      if (existing.result) kept = existing.result as StoredKey;
      else store.add(candidate, RECORD);
    };
    transaction.oncomplete = () => resolve(kept);
    transaction.onerror = () => reject(transaction.error ?? new Error('could not store the signing key'));
    transaction.onabort = () => reject(transaction.error ?? new Error('storing the signing key was aborted'));
  });
}

function isStoredKey(value: unknown): value is StoredKey {
  const candidate = value as Partial<StoredKey> | undefined;
  return (
    typeof candidate?.publicKey === 'string' &&
    /^04[0-9a-f]{128}$/.test(candidate.publicKey) &&
    candidate.privateKey?.type === 'private'
  );
}

export function createWebAuditKey(options: WebAuditKeyOptions = {}): AuditKey {
  const factory = options.indexedDB ?? (() => indexedDB);
  const subtle = options.subtle ?? (() => crypto.subtle);
  const name = options.databaseName ?? INSTALLATION_KEY_DATABASE;
  let loading: Promise<StoredKey> | null = null;

  async function create(): Promise<StoredKey> {
    const pair = await subtle().generateKey(ALGORITHM, false, ['sign', 'verify']);
    const raw = await subtle().exportKey('raw', pair.publicKey);
    return {
      privateKey: pair.privateKey,
      publicKey: bytesToHex(new Uint8Array(raw)),
      createdAt: new Date().toISOString(),
    };
  }

  async function load(): Promise<StoredKey> {
    const database = await openDatabase(factory(), name);
    try {
      const stored: unknown = await request(database.transaction(STORE).objectStore(STORE).get(RECORD));
      if (stored !== undefined) {
        if (!isStoredKey(stored))
          throw new Error(
            `The audit trail cannot be signed: this browser's signing key (database "${name}") is damaged.`,
          );
        return stored;
      }
      // The key is made outside the transaction (WebCrypto is asynchronous), then kept only if first.
      return await keepFirst(database, await create());
    } finally {
      database.close();
    }
  }

  function key(): Promise<StoredKey> {
    loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading;
  }

  return {
    publicKey: async () => (await key()).publicKey,
    async signHead(head) {
      // Checked before the key is touched, and the key signs nothing but these bytes.
      const message = headSigningMessage(head);
      const { privateKey } = await key();
      const signature = await subtle().sign(
        { name: 'ECDSA', hash: 'SHA-256' },
        privateKey,
        new Uint8Array(message),
      );
      return bytesToHex(new Uint8Array(signature));
    },
  };
}
