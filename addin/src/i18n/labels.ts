/**
 * Reading a choice back from a cell: a code given as itself or as its label
 * in either language (a sheet's drop-down shows the reader's language; a
 * sheet may be filled by someone reading the other).
 */
import { words, type Words } from '../i18n.ts';

/** The key whose code or label (in any language, case and surrounding spaces aside) is `value`; null for none or a blank. */
export function keyOfLabel<K extends string>(value: string, keys: readonly K[], labels: (w: Words) => Record<K, string>): K | null {
  const t = value.trim().toLowerCase();
  if (!t) return null;
  return keys.find((key) => key.toLowerCase() === t || Object.values(words).some((w) => labels(w)[key]?.trim().toLowerCase() === t)) ?? null;
}
