/**
 * A compensation plan as a sheet, and back. Pure: the adapter writes and
 * reads; this decides the layout, reads what finance typed and names every
 * problem by its cell, with the shared rules (schema/compensation.ts
 * planProblems, the same the server applies).
 *
 * Layout: row 1 a banner (name, code, version, effective from); row 2 the
 * header; then one row per setting of each component, every row carrying
 * its component's code (so a row can be added anywhere): the component's
 * first row also its name and kind; a tier, a milestone row, each a row of
 * its own. Blank rows below take new tiers, milestone rows or components
 * (the sheet is protected, so rows cannot be inserted). Kinds and settings
 * are drop-downs in the reader's language; choices (how base pay is
 * pro-rated, the tier mode…) are read in either language.
 */
import { format, type Words } from '../i18n.ts';
import { keyOfLabel } from '../i18n/labels.ts';
import { componentName } from '../i18n/pay-components.ts';
import type { CellInput } from '../excel/chunks.ts';
import { cellIssue, cellText, cellsDigest, inSheetOrder, type Issue } from '../excel/cells.ts';
import type { GridSheetSpec, SheetRead } from '../excel/workbook.ts';
import { sheetName } from '../excel/sheet-name.ts';
import { MEASURES, RANKS, planProblems, type CompensationPlan, type PlanComponent } from '../../../schema/compensation.ts';
import { componentKey } from '../../../schema/payroll-report.ts';
import { describeReason } from '../api/describe-error.ts';

export const PLAN_KIND = 'compensationPlan';

export interface PlanView {
  id: string;
  code: string;
  /** 0 for a new plan not saved yet. */
  version: number;
  name: string;
  effectiveFrom: string;
  document: string;
}

export const PLAN_FIELDS = 'id code version name effectiveFrom document';
export const PLANS = `query CompensationPlans { compensationPlans { ${PLAN_FIELDS} } }`;
export const SAVE_PLAN = `mutation SaveCompensationPlan($document: String!, $effectiveFrom: Date!, $basedOnVersion: Int) {
  saveCompensationPlan(document: $document, effectiveFrom: $effectiveFrom, basedOnVersion: $basedOnVersion) { ${PLAN_FIELDS} }
}`;

type Kind = PlanComponent['kind'];
const KINDS: readonly Kind[] = ['base', 'commission', 'milestone', 'override', 'attendance', 'adjustments'];
type Setting = keyof Words['compensation']['settings'];
type Choice = keyof Words['compensation']['choices'];

/** The settings of each kind, in the order the sheet lists them. */
const SETTINGS: Record<Kind, readonly Setting[]> = {
  base: ['prorate'],
  commission: ['tierOn', 'base', 'mode', 'cap', 'tier'],
  milestone: ['byDay', 'row'],
  override: ['rate', 'qualifying', 'ranks'],
  attendance: ['perLate', 'freeLates', 'personalLeaveDay', 'fieldVisitWithoutSlip'],
  adjustments: [],
};
/** Settings that may take several rows (a list); every other is given once. */
const LISTS: ReadonlySet<Setting> = new Set(['tier', 'row']);
/** Settings a component may leave out (no cap; field visits without a slip as absences). */
const OPTIONAL: ReadonlySet<Setting> = new Set(['cap', 'fieldVisitWithoutSlip']);
/** The document's value for each choice. */
const CHOICES: Partial<Record<Setting, Partial<Record<Choice, string>>>> = {
  prorate: { workingDays: 'workingDays', noProrate: 'none' },
  mode: { whole: 'whole', marginal: 'marginal' },
  personalLeaveDay: { dayPay: 'dayPay', nothing: 'none' },
  fieldVisitWithoutSlip: { absent: 'absent', nothing: 'none' },
};
/** Where each setting goes in the document. */
const FIELD: Partial<Record<Setting, string>> = {
  prorate: 'prorate',
  tierOn: 'tierOn',
  base: 'base',
  mode: 'mode',
  cap: 'cap',
  tier: 'tiers',
  byDay: 'byDay',
  row: 'table',
  rate: 'ratePercent',
  qualifying: 'qualifyingSales',
  ranks: 'eligibleRanks',
  perLate: 'perLate',
  freeLates: 'freeLates',
  personalLeaveDay: 'personalLeaveDay',
  fieldVisitWithoutSlip: 'fieldVisitWithoutSlip',
};

const HEADER_ROW = 1;
const FIRST_ROW = HEADER_ROW + 1;
const COL = { code: 0, label: 1, kind: 2, setting: 3, value: 4, value2: 5, value3: 6 } as const;
const WIDTH = 7;
export const BLANK_PLAN_ROWS = 12;

export const planSheetName = (w: Words, code: string) => sheetName(format(w.compensation.sheet, { code }));

const choiceLabel = (w: Words, setting: Setting, value: string | undefined) => {
  const entry = Object.entries(CHOICES[setting] ?? {}).find(([, v]) => v === value);
  return entry ? w.compensation.choices[entry[0] as Choice] : (value ?? '');
};

/** The rows of one component: [setting, value, value 2, value 3] each. */
function settingRows(w: Words, c: PlanComponent): [Setting | null, CellInput, CellInput, CellInput][] {
  const k = w.compensation;
  switch (c.kind) {
    case 'base':
      return [['prorate', choiceLabel(w, 'prorate', c.prorate), '', '']];
    case 'commission':
      return [
        ['tierOn', k.measures[c.tierOn], '', ''],
        ['base', c.base, '', ''],
        ['mode', choiceLabel(w, 'mode', c.mode), '', ''],
        ['cap', c.cap ?? '', '', ''],
        ...c.tiers.map((t): [Setting, CellInput, CellInput, CellInput] => ['tier', t.from, t.rate, '']),
      ];
    case 'milestone':
      return [['byDay', c.byDay === null ? '' : String(c.byDay), '', ''], ...c.table.map((r): [Setting, CellInput, CellInput, CellInput] => ['row', r.ranks.join(', '), r.threshold, r.bonus])];
    case 'override':
      return [
        ['rate', c.ratePercent, '', ''],
        ['qualifying', c.qualifyingSales, '', ''],
        ['ranks', c.eligibleRanks.join(', '), '', ''],
      ];
    case 'attendance':
      return [
        ['perLate', c.perLate, '', ''],
        ['freeLates', String(c.freeLates), '', ''],
        ['personalLeaveDay', choiceLabel(w, 'personalLeaveDay', c.personalLeaveDay), '', ''],
        ['fieldVisitWithoutSlip', choiceLabel(w, 'fieldVisitWithoutSlip', c.fieldVisitWithoutSlip ?? 'absent'), '', ''],
      ];
    case 'adjustments':
      return [[null, '', '', '']];
  }
}

/** A component's name as the sheet shows it: a built-in plan's in the reader's language, any other label as written. */
const shownLabel = (w: Words, c: Pick<PlanComponent, 'code' | 'kind' | 'label'>) => componentName(w.locale, { key: componentKey(c), label: c.label });

export function planSheetSpec(w: Words, view: PlanView): GridSheetSpec {
  const k = w.compensation;
  const plan = JSON.parse(view.document) as CompensationPlan;
  const rows: CellInput[][] = [];
  for (const c of plan.components) {
    settingRows(w, c).forEach(([setting, v1, v2, v3], i) => {
      rows.push([c.code, i === 0 ? shownLabel(w, c) : '', i === 0 ? k.kinds[c.kind] : '', setting ? k.settings[setting] : '', v1, v2, v3]);
    });
  }
  for (let i = 0; i < BLANK_PLAN_ROWS; i++) rows.push(Array.from({ length: WIDTH }, () => ''));
  const count = rows.length;
  const column = (c: number, columns = 1) => ({ row: FIRST_ROW, column: c, rows: count, columns });
  return {
    sheetName: planSheetName(w, view.code),
    kind: PLAN_KIND,
    identity: { code: view.code },
    banner: format(view.version === 0 ? k.bannerNew : k.banner, { name: view.name, code: view.code, version: view.version, from: view.effectiveFrom.slice(0, 10) }),
    columns: [
      { header: k.columns.code, numberFormat: '@', width: 90 },
      { header: k.columns.label, numberFormat: '@', width: 90 },
      { header: k.columns.kind, numberFormat: '@', width: 110 },
      { header: k.columns.setting, numberFormat: '@', width: 190 },
      { header: k.columns.value, numberFormat: '@', width: 120 },
      { header: k.columns.value2, numberFormat: '@', width: 70 },
      { header: k.columns.value3, numberFormat: '@', width: 70 },
    ],
    rows,
    properties: { planId: view.id, version: String(view.version), name: view.name, pulled: cellsDigest(rows) },
    input: { row: FIRST_ROW, column: 0, rows: 0, columns: 0 },
    inputRule: { kind: 'whole', message: '' },
    extraInputs: [
      { block: column(COL.code, 2), rule: null },
      { block: column(COL.kind), rule: { kind: 'list', values: KINDS.map((x) => k.kinds[x]), message: k.listRule } },
      { block: column(COL.setting), rule: { kind: 'list', values: [...new Set(KINDS.flatMap((x) => SETTINGS[x]))].map((x) => k.settings[x]), message: k.listRule } },
      { block: column(COL.value, 3), rule: null },
    ],
    hiddenColumns: [],
    totalRows: [],
    protect: true,
    freeze: { rows: 0, columns: 1 },
  };
}

export interface PlanReadBack {
  /** The plan document the sheet holds (checked: no issues) or as far as it could be read. */
  document: { code: string; name: string; components: Record<string, unknown>[] };
  issues: Issue[];
  /** The version the sheet was pulled at. */
  version: number | null;
  /** Problems the server named by document path (a refused save), each at its cell in the reader's language. */
  place(problems: readonly PathProblem[]): Issue[];
}

/** A problem with a plan document, at a path in it (schema/compensation.ts planProblems, the server's `problems`). */
export interface PathProblem {
  path: string;
  reason: string;
  params: Record<string, string | number>;
}

/** "SR, SE" / "SR，SE" / "SR、SE" / "SR SE", or the ranks' names in either language. */
function ranksOf(text: string): string[] {
  return text
    .split(/[,，、;；]+/)
    .map((part) => part.trim())
    .filter(Boolean)
    .flatMap((part) => {
      const whole = keyOfLabel(part, RANKS, (w) => w.chores.ranks);
      return whole ? [whole] : part.split(/\s+/).map((r) => keyOfLabel(r, RANKS, (w) => w.chores.ranks) ?? r);
    });
}

/** A whole number typed as such, else the text (the shared rules name it). */
const wholeOr = (text: string): number | string => (/^\d+$/.test(text) ? Number(text) : text);

/** Each document path's cell: [row, column]. */
type Located = Map<string, [number, number]>;

/**
 * The plan the sheet holds, and every problem named by its cell: a row
 * without a component code, a kind or setting not of the lists, a setting
 * given twice, a choice not of its list, then the shared rules (amounts,
 * rates, formulas, rising tiers, a rank in two rows…). `name` renames the
 * plan from this version on (the pane's Name field); the sheet's own otherwise.
 */
export function readPlanSheet(w: Words, view: PlanView, read: SheetRead, name?: string): PlanReadBack {
  const k = w.compensation;
  const sheet = read.sheetName;
  const issues: Issue[] = [];
  const at = (row: number, column: number, message: string) => issues.push(cellIssue(sheet, row, column, message));
  const located: Located = new Map();
  const groups = new Map<string, { first: number; rows: { r: number; cells: string[] }[] }>();
  read.values.forEach((row, r) => {
    if (r < FIRST_ROW) return;
    const cells = Array.from({ length: WIDTH }, (_, c) => cellText(row[c]));
    if (cells.every((c) => !c)) return;
    const code = cells[COL.code]!;
    if (!code) return at(r, COL.code, k.codeRequired);
    if (!groups.has(code)) groups.set(code, { first: r, rows: [] });
    groups.get(code)!.rows.push({ r, cells });
  });
  const components: Record<string, unknown>[] = [];
  // The plan as pulled: a name left as the sheet showed it (a built-in one in either language) keeps the label the plan stores.
  const pulled = new Map(((JSON.parse(view.document) as Partial<CompensationPlan>).components ?? []).map((c) => [c.code, c]));
  for (const [code, group] of groups) {
    const i = components.length;
    const path = (...keys: (string | number)[]) => ['components', i, ...keys].join('.');
    const first = group.rows[0]!;
    const kindText = group.rows.map((x) => x.cells[COL.kind]!).find(Boolean) ?? '';
    const kindRow = group.rows.find((x) => x.cells[COL.kind])?.r ?? first.r;
    const typed = group.rows.map((x) => x.cells[COL.label]!).find(Boolean) ?? '';
    const was = pulled.get(code);
    const label = was && shownLabel(w, { ...was, label: typed }) === shownLabel(w, was) ? was.label : typed;
    const labelRow = group.rows.find((x) => x.cells[COL.label])?.r ?? first.r;
    located.set(path(), [kindRow, COL.kind]);
    located.set(path('code'), [first.r, COL.code]);
    located.set(path('label'), [labelRow, COL.label]);
    located.set(path('kind'), [kindRow, COL.kind]);
    const kind = keyOfLabel<Kind>(kindText, KINDS, (x) => x.compensation.kinds);
    if (!kindText) at(first.r, COL.kind, k.kindRequired);
    else if (!kind) at(kindRow, COL.kind, format(k.badKind, { value: kindText }));
    const component: Record<string, unknown> = { kind: kind ?? kindText, code, label };
    components.push(component);
    if (!kind) continue;
    const allowed = SETTINGS[kind];
    const seen = new Set<Setting>();
    const lists: Partial<Record<Setting, { r: number; cells: string[] }[]>> = {};
    for (const x of group.rows) {
      const settingText = x.cells[COL.setting]!;
      if (!settingText) {
        // A row of only the code, name or kind (an adjustments component has nothing else) says nothing more.
        if (x.cells.slice(COL.value).some(Boolean)) at(x.r, COL.setting, k.settingRequired);
        continue;
      }
      const setting = keyOfLabel<Setting>(settingText, allowed, (y) => y.compensation.settings);
      if (!setting) {
        at(x.r, COL.setting, format(k.badSetting, { value: settingText, kind: k.kinds[kind] }));
        continue;
      }
      if (LISTS.has(setting)) {
        (lists[setting] ??= []).push(x);
        continue;
      }
      if (seen.has(setting)) {
        at(x.r, COL.setting, format(k.settingTwice, { setting: k.settings[setting], code }));
        continue;
      }
      seen.add(setting);
      const field = FIELD[setting]!;
      const value = x.cells[COL.value]!;
      located.set(path(field), [x.r, COL.value]);
      if (CHOICES[setting]) {
        const choices = CHOICES[setting]!;
        // Its label in either language, its key, or the document's own value.
        const keys = Object.keys(choices) as Choice[];
        const choice = keyOfLabel(value, keys, (y) => y.compensation.choices) ?? keys.find((c) => choices[c] === value) ?? null;
        if (!choice) at(x.r, COL.value, format(k.badChoice, { value, choices: Object.keys(choices).map((c) => k.choices[c as Choice]).join(' / ') }));
        component[field] = choice ? choices[choice] : value;
      } else if (setting === 'tierOn') {
        const measure = keyOfLabel(value, MEASURES, (y) => y.compensation.measures);
        if (!measure) at(x.r, COL.value, format(k.badChoice, { value, choices: MEASURES.map((m) => k.measures[m]).join(' / ') }));
        component[field] = measure ?? value;
      } else if (setting === 'cap') {
        if (value) component[field] = value;
      } else if (setting === 'byDay') {
        component[field] = value === '' ? null : wholeOr(value);
      } else if (setting === 'freeLates') {
        component[field] = wholeOr(value);
      } else if (setting === 'ranks') {
        component[field] = ranksOf(value);
      } else {
        component[field] = value;
      }
    }
    if (kind === 'commission') {
      component.tiers = (lists.tier ?? []).map((x, j) => {
        located.set(path('tiers', j, 'from'), [x.r, COL.value]);
        located.set(path('tiers', j, 'rate'), [x.r, COL.value2]);
        return { from: x.cells[COL.value], rate: x.cells[COL.value2] };
      });
      located.set(path('tiers'), [lists.tier?.[0]?.r ?? first.r, COL.setting]);
    }
    if (kind === 'milestone') {
      component.table = (lists.row ?? []).map((x, j) => {
        located.set(path('table', j, 'ranks'), [x.r, COL.value]);
        located.set(path('table', j, 'threshold'), [x.r, COL.value2]);
        located.set(path('table', j, 'bonus'), [x.r, COL.value3]);
        return { ranks: ranksOf(x.cells[COL.value]!), threshold: x.cells[COL.value2], bonus: x.cells[COL.value3] };
      });
      located.set(path('table'), [lists.row?.[0]?.r ?? first.r, COL.setting]);
    }
    if (kind === 'attendance') component.absentDay = 'dayPay';
    // A setting (or a list's first row) not given at all is named at the component's first row.
    for (const setting of allowed) {
      const missing = LISTS.has(setting) ? !lists[setting]?.length : !seen.has(setting);
      if (!missing || OPTIONAL.has(setting)) continue;
      at(first.r, COL.setting, format(k.settingMissing, { code, setting: k.settings[setting] }));
      located.set(path(FIELD[setting]!), [first.r, COL.setting]);
    }
  }
  const document = { code: view.code, name: name ?? (read.properties.name || view.name), components };
  /** Each problem at its cell (or, with none, without one), one message a cell, none where `flagged` has one. */
  const placed = (problems: readonly PathProblem[], flagged: Set<string | null>): Issue[] => {
    const out: Issue[] = [];
    for (const p of problems) {
      const place = placeOf(located, p.path);
      const message = describeReason(w, p.reason in w.reasons ? p.reason : 'PLAN_VALUE_INVALID', p.params);
      if (!place) {
        out.push({ cell: null, message });
        continue;
      }
      const issue = cellIssue(sheet, place[0], place[1], message);
      if (flagged.has(issue.cell)) continue;
      flagged.add(issue.cell);
      out.push(issue);
    }
    return out;
  };
  // The shared rules, only where the sheet's own reading found nothing (one message a cell).
  issues.push(...placed(planProblems(document), new Set(issues.map((i) => i.cell))));
  return {
    document,
    issues: inSheetOrder(issues),
    version: read.properties.version ? Number(read.properties.version) : null,
    place: (problems) => inSheetOrder(placed(problems, new Set())),
  };
}

/** The cell of a document path, or of its nearest located parent (a rank within a list is its list's cell). */
function placeOf(located: Located, path: string): [number, number] | null {
  for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const place = located.get(p);
    if (place) return place;
  }
  return null;
}

export { PLAN_CODE, PLAN_NAME_MAX } from '../../../schema/compensation.ts';

/** A new plan (version 0, not saved) with the terms of `source`, under its own code and name. */
export function newPlanFrom(source: PlanView, code: string, name: string, effectiveFrom: string): PlanView {
  const doc = { ...(JSON.parse(source.document) as CompensationPlan), code, name };
  return { id: '', code, version: 0, name, effectiveFrom, document: JSON.stringify(doc) };
}

/** The properties to read with a plan sheet (readTaggedSheet). */
export const PLAN_TAGS = ['version', 'name', 'pulled'];

/** Whether a plan sheet holds typing not saved: its cells no longer give the digest they were written with. */
export function typedIn(read: SheetRead): boolean {
  const pulled = read.properties.pulled;
  return !pulled || cellsDigest(read.values.slice(FIRST_ROW).map((r) => r.slice(0, WIDTH))) !== pulled;
}
