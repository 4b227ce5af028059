import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuditSealer } from '../../../../src/renderer/db/auditSealer';
import type { ReadDatabase } from '../../../../src/renderer/db/readSchema';

const db = {} as ReadDatabase;

describe('AuditSealer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('seals once after a burst of edits, when they pause', async () => {
    vi.useFakeTimers();
    const seal = vi.fn(async () => 3);
    const sealer = new AuditSealer(db, () => {}, 1000, seal);
    sealer.schedule();
    await vi.advanceTimersByTimeAsync(600);
    sealer.schedule();
    await vi.advanceTimersByTimeAsync(600);
    expect(seal).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(400);
    expect(seal).toHaveBeenCalledTimes(1);
    expect(seal).toHaveBeenCalledWith(db);
  });

  it('runs seals one at a time and reports a failure without stopping later seals', async () => {
    const order: string[] = [];
    let calls = 0;
    const seal = vi.fn(async () => {
      calls += 1;
      const call = calls;
      order.push(`start ${call}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push(`end ${call}`);
      if (call === 1) throw new Error('event 7 changed while it was being sealed');
      return 1;
    });
    const errors: string[] = [];
    const sealer = new AuditSealer(db, (message) => errors.push(message), 1000, seal);
    await Promise.all([sealer.sealNow(), sealer.sealNow()]);
    expect(order).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
    expect(errors).toEqual([
      'The audit trail could not be sealed: event 7 changed while it was being sealed',
    ]);
  });
});
