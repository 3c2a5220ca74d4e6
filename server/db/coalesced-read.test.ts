/**
 * Reads many requests ask at once, sent together (coalesced-read.ts): each
 * key gets its own answer; a key is never answered by a statement sent
 * before it was asked; a failure reaches every key of its statement and no
 * other; slow statements hold the keys behind them for patienceMs at most.
 */
import { describe, expect, it, vi } from 'vitest';
import { coalescedRead } from './coalesced-read.ts';

/** A readMany whose statements are held until released, each remembering its keys and when it was sent. */
function heldReads(answer: (key: string, sent: number) => string | undefined = (key, sent) => `${key}@${sent}`) {
  const sent: { keys: string[]; at: number; release(): void; fail(error: Error): void }[] = [];
  const readMany = (keys: string[]) =>
    new Promise<Map<string, string>>((resolve, reject) => {
      const n = sent.length;
      sent.push({
        keys,
        at: performance.now(),
        release: () => resolve(new Map(keys.flatMap((k) => (answer(k, n) === undefined ? [] : [[k, answer(k, n)!] as [string, string]])))),
        fail: reject,
      });
    });
  return { sent, readMany };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('coalesced reads', () => {
  it('send the keys asked in one turn as one statement, each answered with its own, an unanswered one with the default', async () => {
    const { sent, readMany } = heldReads((key, n) => (key === 'nobody' ? undefined : `${key}@${n}`));
    const read = coalescedRead(readMany, () => 'none', { maxKeys: 32, maxInFlight: 2, patienceMs: 1000 });
    const answers = Promise.all(['a', 'b', 'a', 'nobody', 'c'].map(read));
    await turn();
    expect(sent.map((s) => s.keys)).toEqual([['a', 'b', 'nobody', 'c']]);
    sent[0]!.release();
    expect(await answers).toEqual(['a@0', 'b@0', 'a@0', 'none', 'c@0']);
  });

  it('answer a key asked while a statement is out by a later statement, never by that one', async () => {
    const { sent, readMany } = heldReads();
    const read = coalescedRead(readMany, () => 'none', { maxKeys: 32, maxInFlight: 1, patienceMs: 1000 });
    const first = read('a');
    await turn();
    expect(sent).toHaveLength(1);
    // 'a' again and 'b', asked after statement 0 was sent (say, after a publish committed): they wait for statement 1.
    const again = read('a');
    const b = read('b');
    await turn();
    expect(sent).toHaveLength(1);
    sent[0]!.release();
    expect(await first).toBe('a@0');
    await turn();
    await turn();
    expect(sent.map((s) => s.keys)).toEqual([['a'], ['a', 'b']]);
    sent[1]!.release();
    expect(await Promise.all([again, b])).toEqual(['a@1', 'b@1']);
  });

  it('carry at most maxKeys keys a statement, and at most maxInFlight statements out', async () => {
    const { sent, readMany } = heldReads();
    const read = coalescedRead(readMany, () => 'none', { maxKeys: 2, maxInFlight: 2, patienceMs: 1000 });
    const answers = Promise.all(['a', 'b', 'c', 'd', 'e'].map(read));
    await turn();
    expect(sent.map((s) => s.keys)).toEqual([['a', 'b'], ['c', 'd']]);
    sent[1]!.release();
    await turn();
    await turn();
    expect(sent.map((s) => s.keys)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    sent[0]!.release();
    sent[2]!.release();
    expect(await answers).toEqual(['a@0', 'b@0', 'c@1', 'd@1', 'e@2']);
  });

  it('reject every key of a failed statement, and answer the next keys anew', async () => {
    const { sent, readMany } = heldReads();
    const read = coalescedRead(readMany, () => 'none', { maxKeys: 32, maxInFlight: 2, patienceMs: 1000 });
    const [a, b] = [read('a'), read('b')];
    await turn();
    sent[0]!.fail(new Error('connection lost'));
    await expect(a).rejects.toThrow('connection lost');
    await expect(b).rejects.toThrow('connection lost');
    const c = read('c');
    await turn();
    sent[1]!.release();
    expect(await c).toBe('c@1');
    // A readMany that throws before it returns a promise fails its keys the same way.
    const throwing = coalescedRead<string, string>(() => {
      throw new Error('bad statement');
    }, () => 'none', { maxKeys: 32, maxInFlight: 2, patienceMs: 1000 });
    await expect(throwing('x')).rejects.toThrow('bad statement');
  });

  it('send keys held behind slow statements once they have waited patienceMs, before those statements come back', async () => {
    // On the clock the test moves (timers and performance.now): what is measured is the rule, not how busy the machine is.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'performance'] });
    try {
      const { sent, readMany } = heldReads();
      const read = coalescedRead(readMany, () => 'none', { maxKeys: 32, maxInFlight: 1, patienceMs: 20 });
      const slow = read('a');
      await vi.advanceTimersByTimeAsync(0);
      const asked = performance.now();
      const behind = Promise.all([read('b'), read('c')]);
      await vi.advanceTimersByTimeAsync(5);
      expect(sent).toHaveLength(1);
      while (sent.length < 2 && performance.now() - asked < 200) await vi.advanceTimersByTimeAsync(1);
      const waited = sent[1]!.at - asked;
      expect(waited).toBeGreaterThanOrEqual(18);
      expect(waited).toBeLessThanOrEqual(20);
      expect(sent[1]!.keys).toEqual(['b', 'c']);
      sent[1]!.release();
      expect(await behind).toEqual(['b@1', 'c@1']);
      // The slow one still comes back with its own answer.
      sent[0]!.release();
      expect(await slow).toBe('a@0');
    } finally {
      vi.useRealTimers();
    }
  });

  it('keep patienceMs from when each key was asked, while statements come back one by one more slowly than keys arrive', async () => {
    // On the clock the test moves (timers and performance.now): what is measured is the rule, not how busy the machine is.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'performance'] });
    try {
      const { sent, readMany } = heldReads((key) => key);
      const read = coalescedRead(readMany, () => 'none', { maxKeys: 1, maxInFlight: 1, patienceMs: 20 });
      const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
      const askedAt = performance.now();
      const answers = Promise.all(keys.map(read));
      // A statement comes back every 15 ms, the oldest first: never in time for all the keys behind it.
      let returned = 0;
      const returning = setInterval(() => sent[returned] && sent[returned++]!.release(), 15);
      await vi.advanceTimersByTimeAsync(500);
      expect(await answers).toEqual(keys);
      clearInterval(returning);
      // Each key is sent once it has waited patienceMs (20 ms), give or take the timer's grain: none waits for the statements before it.
      const longest = Math.max(...sent.map((s) => s.at - askedAt));
      expect(longest).toBeGreaterThanOrEqual(18);
      expect(longest).toBeLessThanOrEqual(20);
    } finally {
      vi.useRealTimers();
    }
  });
});
