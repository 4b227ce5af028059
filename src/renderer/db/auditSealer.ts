import { sealAuditTrail } from './auditSeal';
import type { ReadDatabase } from './readSchema';

/**
 * Seals the audit trail a moment after the reader's last edit: one hash-chain pass for a burst of
 * edits instead of one per keystroke, and never inside a write (see auditSeal.ts). A failure is
 * reported, and the next edit tries again: the unsealed events stay in the trail either way.
 */
export class AuditSealer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: ReadDatabase,
    private readonly onError: (message: string) => void,
    private readonly delayMs = 1000,
    private readonly seal: (db: ReadDatabase) => Promise<number> = sealAuditTrail,
  ) {}

  /** After an edit: seal once edits pause for `delayMs`. */
  schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.sealNow();
    }, this.delayMs);
  }

  /** Seals what is unsealed now (after a sign-off, or before the window closes); runs one at a time. */
  sealNow(): Promise<unknown> {
    this.running = this.running.then(() =>
      this.seal(this.db).catch((error: unknown) =>
        this.onError(
          `The audit trail could not be sealed: ${error instanceof Error ? error.message : String(error)}`,
        ),
      ),
    );
    return this.running;
  }
}
