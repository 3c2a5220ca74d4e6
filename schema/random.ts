/** Small deterministic generators, the same on every JavaScript engine: for reproducible samples and demo data. No I/O. */

/**
 * Mulberry32 (Tommy Ettinger, public domain): a 32-bit-state generator of
 * numbers in [0, 1), good enough to pick a fair sample and the same on every
 * JavaScript engine for a given seed.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
