/**
 * What every chores screen does around a request: one action at a time
 * (a second click while busy does nothing), its outcome as a status line,
 * and a session that ended sends the user back to sign in. When the server
 * was slow or out of reach, the status offers to run the same action again.
 */
import { describeError, isTransient } from '../../../api/describe-error.ts';
import type { Words } from '../../../i18n.ts';
import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import { loadWithRetry, oneAtATime, withoutRetryOf } from '../../../api/retry.ts';
import { useStatusState } from '../../status-state.ts';

export interface Status {
  intent: 'success' | 'error' | 'info';
  message: string;
  /** Present when the server was slow or out of reach: runs the same action again. */
  retry?: () => void;
}

export function useAction(w: Words, onSessionEnded: () => void) {
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const [status, setStatus] = useStatusState<Status | null>(null);

  const fail = useCallback(
    (err: unknown, retry?: () => void) => {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return onSessionEnded();
      setStatus({ intent: 'error', message: describeError(w, err), ...(retry && isTransient(err) ? { retry } : {}) });
    },
    [w, onSessionEnded],
  );

  /** Runs one action; its result, when a string, is shown as success. */
  const act = useCallback(
    (work: () => Promise<string | void>): Promise<void> =>
      oneAtATime(
        running,
        {
          start: () => {
            setBusy(true);
            setStatus(null);
          },
          fail,
          finish: () => setBusy(false),
        },
        async () => {
          const message = await work();
          if (message) setStatus({ intent: 'success', message });
        },
      )(),
    [fail],
  );

  /**
   * Loads what a screen shows (no busy state, other actions stay possible);
   * a slow or unreachable server leaves a Try again that loads once more and
   * clears the message when it works.
   */
  const load = useCallback(
    function load(work: () => Promise<unknown>): void {
      loadWithRetry(work, fail, (retry) => setStatus(withoutRetryOf<Status | null>(retry, null)));
    },
    [fail],
  );

  return { busy, status, setStatus, fail, act, load };
}
