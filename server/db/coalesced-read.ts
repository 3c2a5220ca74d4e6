/**
 * One statement for a read that many requests ask at the same moment, each
 * for its own key (issue 12 §5: every rep's pane asks its own targets on
 * opening). On PostgreSQL a statement costs a round trip, and under load the
 * round trip, not the rows, is most of what a request costs the server and
 * the database; asked together, ten reps cost one.
 *
 * A key is sent once the current turn of the event loop has taken in every
 * request that arrived with it (setImmediate), together with them, while
 * fewer than `maxInFlight` statements are out. Keys asked while that many
 * are out wait for one to come back and go together in the next, but none
 * waits longer than `patienceMs` from when it was asked: a statement the
 * database is slow to answer (a busy moment, a checkpoint) does not hold back
 * the reads behind it, which then go on a further connection as they would
 * without coalescing. A key is never answered by a statement sent before it
 * was asked, so a request sees every commit made before it (a director's
 * publish, then the rep's read). A statement's failure reaches every key it
 * carried, and no other.
 */
export interface CoalescedRead<K, V> {
  (key: K): Promise<V>;
}

export interface CoalesceOptions {
  /** Keys a statement carries at most (its parameters). */
  maxKeys: number;
  /** Statements out at once before further keys wait for one to come back. */
  maxInFlight: number;
  /** How long a key waits for a statement out to come back before it goes in one of its own (with any others waiting). */
  patienceMs: number;
}

interface Waiting<K, V> {
  key: K;
  /** performance.now() when the key was asked. */
  askedAt: number;
  resolve(value: V): void;
  reject(error: unknown): void;
}

/** Timers fire on whole milliseconds: a key this close to its patience is sent with those that reached it. */
const TIMER_GRAIN_MS = 1;

/** `readMany` answers each key it is given; a key it does not answer gets a fresh `absent()`. */
export function coalescedRead<K, V>(readMany: (keys: K[]) => Promise<Map<K, V>>, absent: () => V, { maxKeys, maxInFlight, patienceMs }: CoalesceOptions): CoalescedRead<K, V> {
  const waiting: Waiting<K, V>[] = [];
  let inFlight = 0;
  let scheduled = false;
  let impatient: NodeJS.Timeout | null = null;

  /** The oldest keys waiting, up to maxKeys, as one statement. */
  const sendBatch = () => {
    const batch = waiting.splice(0, maxKeys);
    inFlight++;
    let read: Promise<Map<K, V>>;
    try {
      read = readMany([...new Set(batch.map((w) => w.key))]);
    } catch (error) {
      read = Promise.reject(error);
    }
    read
      .then(
        (found) => {
          for (const w of batch) w.resolve(found.has(w.key) ? (found.get(w.key) as V) : absent());
        },
        (error: unknown) => {
          for (const w of batch) w.reject(error);
        },
      )
      .finally(() => {
        inFlight--;
        if (waiting.length) schedule();
      });
  };

  /** Sends what may go: batches while fewer than maxInFlight are out, then every key that has waited patienceMs; then waits for the oldest left. */
  const send = () => {
    scheduled = false;
    if (impatient) clearTimeout(impatient);
    impatient = null;
    while (waiting.length && inFlight < maxInFlight) sendBatch();
    while (waiting.length && performance.now() - waiting[0]!.askedAt >= patienceMs - TIMER_GRAIN_MS) sendBatch();
    if (waiting.length) impatient = setTimeout(send, Math.max(0, waiting[0]!.askedAt + patienceMs - performance.now()));
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(send);
  };

  return (key: K) =>
    new Promise<V>((resolve, reject) => {
      waiting.push({ key, askedAt: performance.now(), resolve, reject });
      if (inFlight < maxInFlight) schedule();
      else impatient ??= setTimeout(send, patienceMs);
    });
}
