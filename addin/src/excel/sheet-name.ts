/**
 * Sheet names Excel accepts, whatever the data they are built from (an
 * employee number or a plan code may hold "/" or ":", or be 32 characters
 * long). Excel's rules: 1 to 31 characters, none of \ / ? * [ ] :, and no
 * apostrophe at either end. Pure: no Excel here.
 */
export const SHEET_NAME_MAX = 31;

const FORBIDDEN = /[\\/?*[\]:]/g;

/**
 * A legal sheet name for `text`: forbidden characters become "-", apostrophes
 * at the ends go, and a name longer than `max` loses characters from its
 * middle (marked "…"), so that both ends stay: the word at the start and the
 * part that tells one sheet from the next at the end (a period, the end of a
 * plan code). "Scorecard EAST-SALES-000123 2026-03" → "Scorecard EAST-…-000123 2026-03".
 */
export function sheetName(text: string, max = SHEET_NAME_MAX): string {
  const clean = text.replace(FORBIDDEN, '-').replace(/^'+|'+$/g, '').trim() || '-';
  if (clean.length <= max) return clean;
  // By code points, so a character outside the BMP is never cut in half; measured in UTF-16 units, as Excel counts.
  const chars = Array.from(clean);
  let left = Math.ceil((max - 1) / 2);
  let right = max - 1 - left;
  for (;;) {
    const name = `${chars.slice(0, left).join('')}…${right > 0 ? chars.slice(-right).join('') : ''}`;
    if (name.length <= max) return name;
    if (left > right) left -= 1;
    else right -= 1;
  }
}

/** The name with " (n)" after it, the name shortened (in its middle) so that the whole stays a legal sheet name. */
export const numberedSheetName = (name: string, n: number) => `${sheetName(name, SHEET_NAME_MAX - ` (${n})`.length)} (${n})`;
