/**
 * No number format a sheet is given leaves a whole number with a bare
 * decimal point: Excel shows 45 in `0.##` as "45." and 100 in `#,##0.##` as
 * "100.". A format whose decimals start with an optional digit (#) does
 * that; `0.00` or General never does. Scans every string literal of the
 * add-in's and the server's source (the server writes .xlsx too), so a new
 * sheet cannot bring the pattern back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../../../test/support/source-files.ts';

const root = path.resolve(import.meta.dirname, '../../..');

/** Every .ts/.tsx file under a folder, tests and generated code aside. */
const sources = (dir: string) => sourceFiles(dir, /\.tsx?$/);

/** A number format that shows a whole number with a trailing dot: its decimals begin with #. */
const leavesBareDot = (format: string) => format.split(';').some((section) => /[0#]\.#/.test(section.replace(/"[^"]*"/g, '')));

/** The string literals of a line of code, comments aside. */
function literals(line: string): string[] {
  const code = line.replace(/^\s*(\*|\/\*|\/\/).*$/, '').replace(/\s\/\/.*$/, '');
  return [...code.matchAll(/'([^'\n]*)'|"([^"\n]*)"|`([^`\n]*)`/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

describe('the number formats the sheets write', () => {
  it('knows the pattern when it sees it', () => {
    for (const f of ['0.##', '#,##0.##', '0.####', '0.##%', '#,##0.00;-#,##0.##']) expect(leavesBareDot(f), f).toBe(true);
    for (const f of ['0.00', '#,##0.00', '0.0#', 'General', '0', '#,##0', '0.00%', '+0;-0;0', 'yyyy-mm-dd', '@']) expect(leavesBareDot(f), f).toBe(false);
  });

  it('never end a whole number in a bare dot (no 0.## or #,##0.##), in the add-in or the server', () => {
    const files = [...sources(path.join(root, 'addin', 'src')), ...sources(path.join(root, 'server'))];
    expect(files.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const file of files) {
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const text of literals(line)) if (leavesBareDot(text)) found.push(`${path.relative(root, file)}:${i + 1}: ${text}`);
        });
    }
    expect(found).toEqual([]);
  });
});
