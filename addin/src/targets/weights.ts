/**
 * Weights typed per row or per period for the WEIGHTS method: equal shares
 * to start from (exact to four decimals, summing to 100), and the sum of what
 * was typed, in exact decimals. Pure.
 */
const PLACES = 4n;
const SCALE = 10n ** PLACES;

const toScaled = (percent: string): bigint | null => {
  const m = /^(\d+)(?:\.(\d{1,4}))?$/.exec(percent.trim());
  return m ? BigInt(m[1]!) * SCALE + BigInt((m[2] ?? '').padEnd(Number(PLACES), '0')) : null;
};
const fromScaled = (v: bigint) => {
  const frac = (v % SCALE).toString().padStart(Number(PLACES), '0').replace(/0+$/, '');
  return `${v / SCALE}${frac ? `.${frac}` : ''}`;
};

/** 100 % shared equally among the keys, the remainder to the first ones, so the shares sum to exactly 100. */
export function equalWeights(keys: string[]): Record<string, string> {
  if (!keys.length) return {};
  const total = 100n * SCALE;
  const each = total / BigInt(keys.length);
  let rest = total - each * BigInt(keys.length);
  return Object.fromEntries(
    keys.map((k) => {
      const extra = rest > 0n ? 1n : 0n;
      rest -= extra;
      return [k, fromScaled(each + extra)];
    }),
  );
}

/** The sum of the typed percentages ("100" when right), or null when one is not a percentage. */
export function weightsSum(weights: Record<string, string>): string | null {
  let sum = 0n;
  for (const v of Object.values(weights)) {
    const s = toScaled(v);
    if (s === null) return null;
    sum += s;
  }
  return fromScaled(sum);
}
