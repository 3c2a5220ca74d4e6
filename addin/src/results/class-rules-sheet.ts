/**
 * The classes (people) and A/B/C bands (units) as a sheet, and back. Pure:
 * the adapter writes and reads; this decides the layout, reads what an admin
 * typed and names every problem by its cell, with the shared rules
 * (schema/achievement.ts checkClasses).
 *
 * Layout: row 1 a banner; row 2 the header (scheme, class, achievement
 * against, at least / above, percent, and a hidden key); then for each
 * scheme its rules in order, blank rows to add rules, and an Otherwise row
 * giving the class when no rule holds. Class, target, comparison and
 * percent are typed in (the target and comparison from drop-downs); the
 * rest is protected. A class shows by its name in the sheet's language
 * (as on the Performance sheet), from a drop-down of the scheme's known
 * classes; a new class is typed as its code. Read back, a name in either
 * language or a code gives the code.
 */
import { format, type Words } from '../i18n.ts';
import { keyOfLabel } from '../i18n/labels.ts';
import type { CellInput } from '../excel/chunks.ts';
import { cellIssue, cellText, inSheetOrder, type Issue } from '../excel/cells.ts';
import type { GridSheetSpec, SheetRead } from '../excel/workbook.ts';
import { checkClasses, DEFAULT_CLASSES, type Against, type ClassRule, type ResultClasses } from '../../../schema/achievement.ts';
import { className } from './results-sheets.ts';
import { describeReason } from '../api/describe-error.ts';

export const CLASS_RULES_KIND = 'resultClasses';
const SCHEME_FIELDS = 'otherwise rules { code against percent inclusive }';
export const RESULT_CLASSES = `{ resultClasses { persons { ${SCHEME_FIELDS} } units { ${SCHEME_FIELDS} } } }`;
export const SET_RESULT_CLASSES = `mutation SetResultClasses($classes: ResultClassesInput!) { setResultClasses(classes: $classes) { persons { ${SCHEME_FIELDS} } units { ${SCHEME_FIELDS} } } }`;

const FIRST_ROW = 2;
const COL = { scheme: 0, code: 1, against: 2, inclusive: 3, percent: 4, key: 5 } as const;
const SCHEMES = ['persons', 'units'] as const;
type Scheme = (typeof SCHEMES)[number];
export const BLANK_RULE_ROWS = 3;

/** The classes a scheme's drop-down offers: the default ones, then any other it uses now. */
function schemeCodes(classes: ResultClasses, scheme: Scheme): string[] {
  const codes = [DEFAULT_CLASSES[scheme], classes[scheme]].flatMap((s) => [...s.rules.map((r) => r.code), s.otherwise]);
  return [...new Set(codes.filter(Boolean))];
}

/** The code a class cell holds: a class's name (either language) or its code, in capitals. */
function codeOf(w: Words, text: string): string {
  return keyOfLabel(text, Object.keys(w.results.classes), (x) => x.results.classes) ?? text.toUpperCase();
}

export function classRulesSheetSpec(w: Words, classes: ResultClasses): GridSheetSpec {
  const k = w.results.classRules;
  const rows: CellInput[][] = [];
  const typed: number[] = [];
  for (const scheme of SCHEMES) {
    const s = classes[scheme];
    for (let i = 0; i < s.rules.length + BLANK_RULE_ROWS; i++) {
      const r = s.rules[i];
      typed.push(FIRST_ROW + rows.length);
      rows.push([k.schemes[scheme]!, r ? className(w, r.code) : '', r ? k.against[r.against]! : '', r ? k.inclusive[String(r.inclusive)]! : '', r ? Number(r.percent) : '', `${scheme}:rule`]);
    }
    rows.push([k.schemes[scheme]!, className(w, s.otherwise), k.otherwise, '', '', `${scheme}:otherwise`]);
  }
  const list = (values: string[]) => ({ kind: 'list' as const, values, message: k.listRule });
  const blocks = (column: number, columns: number, rule: NonNullable<GridSheetSpec['extraInputs']>[number]['rule'], rowNumbers = typed) =>
    runs(rowNumbers).map(([row, count]) => ({ block: { row, column, rows: count, columns }, rule }));
  // The class cells of each scheme (its rules and its Otherwise row): a drop-down of its classes' names that also takes a new code.
  const classCells = (scheme: Scheme) => {
    const first = FIRST_ROW + rows.findIndex((row) => row[COL.key] === `${scheme}:rule`);
    const last = FIRST_ROW + rows.findIndex((row) => row[COL.key] === `${scheme}:otherwise`);
    const values = schemeCodes(classes, scheme).map((code) => className(w, code));
    return blocks(COL.code, 1, { kind: 'list', values, message: k.classListRule, open: true }, Array.from({ length: last - first + 1 }, (_, i) => first + i));
  };
  return {
    sheetName: k.sheet,
    kind: CLASS_RULES_KIND,
    banner: k.banner,
    columns: [
      { header: k.columns.scheme, numberFormat: '@', width: 60 },
      { header: k.columns.code, numberFormat: '@', width: 70 },
      { header: k.columns.against, numberFormat: '@', width: 110 },
      { header: k.columns.inclusive, numberFormat: '@', width: 70 },
      { header: k.columns.percent, numberFormat: '0.00', width: 60 },
      { header: 'key', numberFormat: '@', width: 40 },
    ],
    rows,
    properties: {},
    input: { row: FIRST_ROW, column: 0, rows: 0, columns: 0 },
    inputRule: { kind: 'whole', message: '' },
    extraInputs: [
      ...SCHEMES.flatMap(classCells),
      ...blocks(COL.against, 1, list(['BASE', 'STRETCH'].map((a) => k.against[a]!))),
      ...blocks(COL.inclusive, 1, list([k.inclusive.true!, k.inclusive.false!])),
      ...blocks(COL.percent, 1, null),
    ],
    hiddenColumns: [COL.key],
    totalRows: [],
    protect: true,
    freeze: { rows: 0, columns: 1 },
  };
}

/** Consecutive row numbers as [first, count] runs. */
function runs(rows: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const r of rows) {
    const last = out.at(-1);
    if (last && last[0] + last[1] === r) last[1]++;
    else out.push([r, 1]);
  }
  return out;
}

export interface ClassRulesReadBack {
  classes: ResultClasses;
  issues: Issue[];
}



/** The classes the sheet holds, and every problem named by its cell. */
export function readClassRulesSheet(w: Words, read: SheetRead): ClassRulesReadBack {
  const k = w.results.classRules;
  const issues: Issue[] = [];
  const at = (row: number, column: number, message: string) => issues.push(cellIssue(read.sheetName, row, column, message));
  const classes: ResultClasses = { persons: { rules: [], otherwise: '' }, units: { rules: [], otherwise: '' } };
  const placeOf: { scheme: Scheme; code: string; text: string; percent: string; row: number }[] = [];
  read.values.forEach((row, r) => {
    const [scheme, kind] = cellText(row[COL.key]).split(':') as [Scheme, string];
    if (r < FIRST_ROW || !SCHEMES.includes(scheme)) return;
    const text = cellText(row[COL.code]);
    const code = codeOf(w, text);
    if (kind === 'otherwise') {
      classes[scheme].otherwise = code;
      placeOf.push({ scheme, code, text, percent: '', row: r });
      return;
    }
    const [againstText, inclusiveText, percent] = [cellText(row[COL.against]), cellText(row[COL.inclusive]), cellText(row[COL.percent])];
    if (!code && !againstText && !inclusiveText && !percent) return;
    // A sheet pulled before the targets took domain.md's names (基础指标 / 奋斗指标) still saves.
    const against = keyOfLabel<Against>(againstText, ['BASE', 'STRETCH'], (x) => x.results.classRules.against) ?? keyOfLabel<Against>(againstText, ['BASE', 'STRETCH'], (x) => x.results.classRules.againstFormerly);
    if (!against) at(r, COL.against, format(k.badAgainst, { value: againstText, base: k.against.BASE!, stretch: k.against.STRETCH! }));
    const inclusive = keyOfLabel<'true' | 'false'>(inclusiveText || k.inclusive.true!, ['true', 'false'], (x) => x.results.classRules.inclusive);
    if (!inclusive) at(r, COL.inclusive, format(k.badInclusive, { value: inclusiveText, atLeast: k.inclusive.true!, above: k.inclusive.false! }));
    const rule: ClassRule = { code, against: against ?? 'BASE', percent, inclusive: inclusive !== 'false' };
    classes[scheme].rules.push(rule);
    placeOf.push({ scheme, code, text, percent, row: r });
  });
  // Problems are named by value: the same value in two cells is two problems, each named at its own cell, once.
  const named = new Set<string>();
  for (const p of checkClasses(classes)) {
    const params = { ...p.params, scheme: k.schemes[p.params.scheme]!, ...(p.code === 'CLASS_CODE_TWICE' ? { value: className(w, p.params.value) } : {}) };
    const message = describeReason(w, p.code, params);
    const value = 'value' in p.params ? p.params.value : null;
    const byCode = p.code === 'CLASS_CODE_INVALID' || p.code === 'CLASS_CODE_TWICE';
    const column = byCode ? COL.code : COL.percent;
    const hits = placeOf.filter((x) => x.scheme === p.params.scheme && value !== null && (byCode ? x.code === value : x.percent === value));
    // A class twice is named where it comes again, not where it first stands.
    const place = (p.code === 'CLASS_CODE_TWICE' ? hits.slice(1) : hits).find((x) => !named.has(`${x.row}:${column}`));
    if (place) named.add(`${place.row}:${column}`);
    // A cell that is neither a class's name nor a code, or holds nothing: say so in the words of the drop-down.
    if (place && p.code === 'CLASS_CODE_INVALID') at(place.row, COL.code, format(place.text ? k.badClass : k.noClass, { scheme: params.scheme, value: place.text }));
    else if (place) at(place.row, column, message);
    else issues.push({ cell: null, message });
  }
  // In the sheet's order; problems of a whole scheme last.
  return { classes, issues: inSheetOrder(issues) };
}
