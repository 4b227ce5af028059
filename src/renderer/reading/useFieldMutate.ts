import { useCallback } from 'react';
import type { Mutation, ReadingSession } from '../db/commandRunner';
import { describeError, recordWrite, useReadingSession } from './useReadingSession';

export type FieldOutcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/**
 * Like useMutate, for an edit the reader typed into one field: a refusal comes back to the caller,
 * which shows it next to that field, instead of in the workspace's banner far from it.
 */
export function useFieldMutate() {
  const session = useReadingSession();
  return useCallback(
    async <T>(mutation: (session: ReadingSession) => Promise<Mutation<T>>): Promise<FieldOutcome<T>> => {
      if (!session) return { ok: false, message: 'Sign in first.' };
      try {
        const result = await mutation(session);
        recordWrite(session, result.command);
        return { ok: true, value: result.value };
      } catch (error) {
        return { ok: false, message: describeError(error) };
      }
    },
    [session],
  );
}

/** For InlineEdit: the refusal's message, or null once saved. */
export async function refusalOf(outcome: Promise<FieldOutcome<unknown>>): Promise<string | null> {
  const result = await outcome;
  return result.ok ? null : result.message;
}
