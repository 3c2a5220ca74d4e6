/**
 * A plan template workbook, as the pane meets it (issue 11 §1): the server
 * makes one per rep and month (server/rep-plans/template.ts) and the pane
 * can make the same in the open workbook; custom document properties say
 * what it is. Opening it opens the pane, which reads these properties to
 * open My plan on that person and month by itself.
 */
import { readDocumentProperties, type ExcelRun, type GridSheetSpec } from '../excel/workbook.ts';
import type { CellInput } from '../excel/chunks.ts';
import type { Words } from '../i18n.ts';
import { fenToCellNumber, parseMoney } from '../../../schema/money.ts';

export const TEMPLATE_KIND = 'rep-plan-template';
/** The layout version; the pane reads templates of the versions it knows. */
export const TEMPLATE_VERSION = '1';
export const READABLE_TEMPLATE_VERSIONS: readonly string[] = ['1'];

/** The custom document properties a template carries. */
export const TEMPLATE_PROPS = {
  kind: 'QuotabookKind',
  personId: 'QuotabookPersonId',
  personName: 'QuotabookPersonName',
  month: 'QuotabookMonth',
  version: 'QuotabookTemplateVersion',
  sheet: 'QuotabookSheet',
  logSheet: 'QuotabookLogSheet',
  reportSheet: 'QuotabookReportSheet',
} as const;

export interface TemplateMarker {
  personId: string;
  personName: string;
  month: string;
  version: string;
  /** The plan sheet's name as the template was made. */
  sheet: string;
  /** The month's work-log and report sheets (issue 11 §3), when the template has them. */
  logSheet?: string;
  reportSheet?: string;
}

/** The document properties of a template for this person, month and plan sheet. */
export const templateProperties = (m: TemplateMarker): Record<string, string> => ({
  [TEMPLATE_PROPS.kind]: TEMPLATE_KIND,
  [TEMPLATE_PROPS.personId]: m.personId,
  [TEMPLATE_PROPS.personName]: m.personName,
  [TEMPLATE_PROPS.month]: m.month,
  [TEMPLATE_PROPS.version]: m.version,
  [TEMPLATE_PROPS.sheet]: m.sheet,
  ...(m.logSheet ? { [TEMPLATE_PROPS.logSheet]: m.logSheet } : {}),
  ...(m.reportSheet ? { [TEMPLATE_PROPS.reportSheet]: m.reportSheet } : {}),
});

/** What the properties say, when they say this is a plan template (null otherwise). */
export function templateMarker(props: Record<string, string>): TemplateMarker | null {
  if (props[TEMPLATE_PROPS.kind] !== TEMPLATE_KIND) return null;
  const personId = props[TEMPLATE_PROPS.personId];
  const month = props[TEMPLATE_PROPS.month];
  if (!personId || !month) return null;
  const logSheet = props[TEMPLATE_PROPS.logSheet];
  const reportSheet = props[TEMPLATE_PROPS.reportSheet];
  return {
    personId,
    personName: props[TEMPLATE_PROPS.personName] ?? '',
    month,
    version: props[TEMPLATE_PROPS.version] ?? '',
    sheet: props[TEMPLATE_PROPS.sheet] ?? '',
    ...(logSheet ? { logSheet } : {}),
    ...(reportSheet ? { reportSheet } : {}),
  };
}

/** Whether the open workbook is a plan template, and whose, for which month (one sync). */
export async function readTemplateMarker(run: ExcelRun): Promise<TemplateMarker | null> {
  return templateMarker(await readDocumentProperties(run, Object.values(TEMPLATE_PROPS)));
}

/** What a template's cover says: who, which unit and month, the published targets (base and stretch), the due day, and the rep's customers. */
export interface TemplateCover {
  person: { id: string; name: string; employeeNo: string };
  unitName: string | null;
  month: string;
  target: string | null;
  stretchTarget: string | null;
  dueOn: string;
  customers: { code: string; name: string; tier: string }[];
}

export const COVER_KIND = 'rep-plan-cover';
/** The cover's rows below its title and a blank row: the server's file and the pane's sheet hold the same. */
export function coverRows(w: Words, c: TemplateCover): CellInput[][] {
  const t = w.repPlans.template;
  return [
    [t.labels.name, c.person.name, ''],
    [t.labels.no, c.person.employeeNo, ''],
    [t.labels.unit, c.unitName ?? '', ''],
    [t.labels.month, c.month, ''],
    [t.labels.target, c.target === null ? w.repPlans.noTarget : fenToCellNumber(parseMoney(c.target)), ''],
    // The stretch target only when one is published (most reps plan against the base one).
    ...(c.stretchTarget === null ? [] : [[t.labels.stretchTarget, fenToCellNumber(parseMoney(c.stretchTarget)), '']]),
    [t.labels.due, c.dueOn, ''],
    [t.labels.version, TEMPLATE_VERSION, ''],
    ['', '', ''],
    [t.howTo, '', ''],
    ['', '', ''],
    [t.customers, '', ''],
    [t.customerColumns.code, t.customerColumns.name, t.customerColumns.tier],
    ...c.customers.map((x) => [x.code, x.name, t.tiers[x.tier] ?? x.tier]),
  ];
}

/** The cover as the pane writes it: the title above, a blank header row, the rows; nothing to type in, protected. */
export function coverSheetSpec(w: Words, c: TemplateCover): GridSheetSpec {
  const t = w.repPlans.template;
  return {
    sheetName: t.cover,
    kind: COVER_KIND,
    identity: { personId: c.person.id, month: c.month },
    banner: t.title,
    columns: [
      { header: '', numberFormat: '@', width: 112 },
      { header: '', numberFormat: '@', width: 280 },
      { header: '', numberFormat: '@', width: 84 },
    ],
    rows: coverRows(w, c),
    properties: {},
    input: { row: 2, column: 0, rows: 0, columns: 0 },
    inputRule: { kind: 'decimal', message: '' },
    hiddenColumns: [],
    totalRows: [],
    protect: true,
  };
}
