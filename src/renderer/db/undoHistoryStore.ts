/**
 * The undo history of this window's session, kept where a reload finds it again. It is session state,
 * not read data: nothing here changes a read, and undoing or redoing still goes through runWrite with
 * its audit events (readUndo.ts). IndexedDB rather than sessionStorage because a history holds key
 * image PNGs (a redo must put the very picture back) and sessionStorage keeps strings only.
 *
 * The session is the window's: sessionStorage names it, so a reload keeps it while closing the window
 * (or quitting the app) ends it. A history is kept for the reader and subject it was made on, and only
 * given back to the same pair.
 */
import Dexie, { type Table } from 'dexie';
import type { UndoHistory } from '../../core/reading/undo';

export interface UndoHistoryScope {
  readonly readerId: string;
  readonly subjectId: string;
}

interface StoredHistory extends UndoHistoryScope {
  readonly session: string;
  readonly history: UndoHistory;
  readonly savedAt: number;
}

const SESSION_KEY = 'recist.undoSession';
/** Histories of sessions that ended without a goodbye (a crash, a closed window) are dropped after this. */
const STALE_AFTER_MS = 2 * 24 * 3600 * 1000;

class UndoHistoryDatabase extends Dexie {
  histories!: Table<StoredHistory, string>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({ histories: 'session, savedAt' });
  }
}

const databases = new Map<string, UndoHistoryDatabase>();

function databaseFor(readDatabaseName: string): UndoHistoryDatabase {
  let db = databases.get(readDatabaseName);
  if (!db) {
    db = new UndoHistoryDatabase(`${readDatabaseName}.undo-history`);
    databases.set(readDatabaseName, db);
  }
  return db;
}

/** This window's session id; null where sessionStorage is refused (then nothing outlives a reload). */
export function windowSession(): string | null {
  try {
    const storage = globalThis.sessionStorage;
    if (!storage) return null;
    let id = storage.getItem(SESSION_KEY);
    if (!id) {
      id = crypto.randomUUID();
      storage.setItem(SESSION_KEY, id);
    }
    return id;
  } catch {
    return null;
  }
}

export class UndoHistoryStore {
  private readonly db: UndoHistoryDatabase;
  /** Saves run one after another, so a slow one never lands after a newer history. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readDatabaseName: string,
    private readonly session: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.db = databaseFor(readDatabaseName);
  }

  /** The history this session kept for the reader and subject, or null. */
  async load(scope: UndoHistoryScope): Promise<UndoHistory | null> {
    await this.queue;
    const stale = this.clock() - STALE_AFTER_MS;
    await this.db.histories.where('savedAt').below(stale).delete();
    const stored = await this.db.histories.get(this.session);
    if (!stored || stored.readerId !== scope.readerId || stored.subjectId !== scope.subjectId) return null;
    return stored.history;
  }

  save(scope: UndoHistoryScope, history: UndoHistory): Promise<void> {
    const record: StoredHistory = { session: this.session, ...scope, history, savedAt: this.clock() };
    const next = this.queue.then(() => this.db.histories.put(record));
    this.queue = next.catch(() => undefined);
    return next.then(() => undefined);
  }
}
