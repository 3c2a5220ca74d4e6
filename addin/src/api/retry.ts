/**
 * Loading with a Try again: when the server is slow or out of reach the
 * caller's `fail` gets a retry that runs the same load once more; `cleared`
 * runs after a successful load so a stale Try again message goes away.
 */
export function loadWithRetry(work: () => Promise<unknown>, fail: (err: unknown, retry: () => void) => void, cleared: () => void): void {
  const attempt = () => {
    work().then(cleared, (err: unknown) => fail(err, attempt));
  };
  attempt();
}
