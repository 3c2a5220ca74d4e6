/**
 * One statement for a read that many requests ask at the same moment, each
 * for its own key (issue 12 §5: every rep's pane asks its own targets on
 * opening). On PostgreSQL a statement costs a round trip, and under load the
 * round trip, not the rows, is most of what a request costs the server and
 * the database; asked together, ten reps cost one.
 *
 * Keys asked while no statement is out are sent together once the current
 * turn of the event loop has taken in every request that arrived with them
 * (setImmediate); keys asked while `maxInFlight` statements are out wait for
 * one of them to come back, and go together in the next, but never longer
 * than `patienceMs`: a statement the database is slow to answer (a busy
 * moment, a checkpoint) does not hold back the reads behind it, which then
 * go on a further connection as they would without coalescing. A key is never
 * answered by a statement sent before it was asked, so a request sees every
 * commit made before it (a director's publish, then the rep's read).
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
  resolve(value: V): void;
  reject(error: unknown): void;
}

/** `readMany` answers each key it is given (a key it does not answer gets `absent`). */
export function coalescedRead<K, V>(readMany: (keys: K[]) => Promise<Map<K, V>>, absent: V, { maxKeys, maxInFlight, patienceMs }: CoalesceOptions): CoalescedRead<K, V> {
  let waiting: Waiting<K, V>[] = [];
  let inFlight = 0;
  let scheduled = false;
  let impatient: NodeJS.Timeout | null = null;

  /** Sends what waits: while fewer than maxInFlight statements are out, or all of it when it has waited patienceMs. */
  const send = (waitedLongEnough = false) => {
    scheduled = false;
    if (impatient && (waitedLongEnough || inFlight < maxInFlight)) {
      clearTimeout(impatient);
      impatient = null;
    }
    while (waiting.length && (inFlight < maxInFlight || waitedLongEnough)) {
      const batch = waiting.slice(0, maxKeys);
      waiting = waiting.slice(maxKeys);
      inFlight++;
      let read: Promise<Map<K, V>>;
      try {
        read = readMany([...new Set(batch.map((w) => w.key))]);
      } catch (error) {
        read = Promise.reject(error);
      }
      read.then(
        (found) => {
          for (const w of batch) w.resolve(found.has(w.key) ? (found.get(w.key) as V) : absent);
        },
        (error: unknown) => {
          for (const w of batch) w.reject(error);
        },
      ).finally(() => {
        inFlight--;
        if (waiting.length) schedule();
      });
    }
    if (waiting.length) waitPatiently();
  };
  const waitPatiently = () => {
    impatient ??= setTimeout(() => {
      impatient = null;
      send(true);
    }, patienceMs);
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(send);
  };

  return (key: K) =>
    new Promise<V>((resolve, reject) => {
      waiting.push({ key, resolve, reject });
      if (inFlight < maxInFlight) schedule();
      else waitPatiently();
    });
}
