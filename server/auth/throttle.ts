/**
 * Slows password guessing: after too many wrong passwords for one username
 * within a window, that username is refused for the rest of the window,
 * right or wrong. In memory, so per server process (a deployment with
 * several processes would want a shared store).
 */
export interface Throttle {
  /** Milliseconds until the username may try again, or 0. */
  blockedFor(username: string, now?: number): number;
  failed(username: string, now?: number): void;
  succeeded(username: string): void;
}

export function createThrottle(maxFailures = 10, windowMs = 15 * 60_000): Throttle {
  const failures = new Map<string, number[]>();
  const recent = (username: string, now: number) => (failures.get(username) ?? []).filter((t) => now - t < windowMs);
  return {
    blockedFor(username, now = Date.now()) {
      const times = recent(username, now);
      failures.set(username, times);
      return times.length >= maxFailures ? windowMs - (now - times[0]!) : 0;
    },
    failed(username, now = Date.now()) {
      failures.set(username, [...recent(username, now), now]);
    },
    succeeded(username) {
      failures.delete(username);
    },
  };
}
