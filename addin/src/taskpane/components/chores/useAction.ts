/**
 * What every chores screen does around a request: one action at a time
 * (a second click while busy does nothing), its outcome as a status line,
 * and a session that ended sends the user back to sign in.
 */
import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../../../api/client.ts';

export interface Status {
  intent: 'success' | 'error' | 'info';
  message: string;
}

export function useAction(onSessionEnded: () => void) {
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const [status, setStatus] = useState<Status | null>(null);

  const fail = useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return onSessionEnded();
      setStatus({ intent: 'error', message: (err as Error).message });
    },
    [onSessionEnded],
  );

  /** Runs one action; its result, when a string, is shown as success. */
  const act = useCallback(
    async (work: () => Promise<string | void>) => {
      if (running.current) return;
      running.current = true;
      setBusy(true);
      setStatus(null);
      try {
        const message = await work();
        if (message) setStatus({ intent: 'success', message });
      } catch (err) {
        fail(err);
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [fail],
  );

  return { busy, status, setStatus, fail, act };
}
