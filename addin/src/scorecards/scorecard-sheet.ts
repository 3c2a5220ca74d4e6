/**
 * A scorecard as a Scorecard sheet, and back. Pure: the adapter writes and
 * reads; this decides the layout, reads the typed scores and comments back
 * and names every problem by its cell, with the shared rules (schema/kpi.ts).
 *
 * Layout: row 1 a banner (person, unit, period, status, total and grade);
 * row 2 the header (group, indicator, weight %, max, computed value, score,
 * comment, and a hidden code column); then one row per indicator. On a draft
 * the viewer may score, each manager-scored line's score (whole points 0 to
 * its max) and comment are unlocked; everything else is protected.
 */
import { format, type Words } from '../i18n.ts';
import { columnLetters } from '../excel/chunks.ts';
import type { CellInput } from '../excel/chunks.ts';
import type { GridSheetSpec, SheetRead } from '../excel/workbook.ts';
import { sheetName } from '../excel/sheet-name.ts';
import { checkScores, completenessIssues, scoreFraction, type KpiGrade, type KpiGroup, type ScoreEntry } from '../../../schema/kpi.ts';
import { cellText, type Issue } from '../excel/cells.ts';
import { describeReason } from '../api/describe-error.ts';

export const SCORECARD_KIND = 'scorecard';

export interface ScorecardLine {
  code: string;
  name: string;
  group: KpiGroup;
  weight: string;
  computed: boolean;
  computation: string | null;
  maxScore: number | null;
  value: string | null;
  score: number | null;
  comment: string | null;
  points: string | null;
}

export interface ScorecardView {
  id: string;
  personId: string;
  personName: string;
  employeeNo: string;
  unitName: string;
  periodKey: string;
  status: 'DRAFT' | 'SUBMITTED' | 'APPROVED';
  revision: number;
  total: string | null;
  grade: KpiGrade | null;
  canScore: boolean;
  canApprove: boolean;
  commentBelowPercent: number;
  lines: ScorecardLine[];
  /** The card's history, oldest first: a return's comment says why it came back. */
  events?: { action: string; actor: string; at: string; comment: string | null }[];
}

export const SCORECARD_FIELDS = `id personId personName employeeNo unitName periodKey status revision total grade canScore canApprove commentBelowPercent
  lines { code name group weight computed computation maxScore value score comment points } events { action actor at comment }`;

const SCORE_COL = 5;
const COMMENT_COL = 6;
const CODE_COL = 7;
const HEADER_ROW = 1;
const FIRST_ROW = HEADER_ROW + 1;

/** The sheet's name: the catalogue's word, the employee number and the period, as a name Excel accepts (see sheetName). */
export const scorecardSheetName = (w: Words, card: Pick<ScorecardView, 'employeeNo' | 'periodKey'>) => sheetName(`${w.scorecards.sheet} ${card.employeeNo} ${card.periodKey}`);

export function scorecardBanner(w: Words, card: ScorecardView): string {
  const s = w.scorecards;
  return [
    `${card.personName} (${card.employeeNo})`,
    card.unitName,
    card.periodKey,
    w.kpi.statuses[card.status] ?? card.status,
    `${s.total} ${card.total ?? s.noTotal}`,
    `${s.grade} ${card.grade ? w.kpi.grades[card.grade] : s.noTotal}`,
  ].join(' · ');
}

const num = (text: string | null) => (text === null || text === '' ? '' : Number(text));

export function scorecardSheetSpec(w: Words, card: ScorecardView): GridSheetSpec {
  const s = w.scorecards;
  const rows: CellInput[][] = card.lines.map((l) => [
    w.kpi.groups[l.group] ?? l.group,
    l.name,
    Number(l.weight),
    l.maxScore ?? '',
    num(l.value),
    l.computed ? '' : (l.score ?? ''),
    l.comment ?? '',
    l.code,
  ]);
  const editable = card.canScore && card.status === 'DRAFT';
  const extraInputs: NonNullable<GridSheetSpec['extraInputs']> = editable
    ? card.lines.flatMap((l, i) =>
        l.computed || l.maxScore === null
          ? []
          : [
              { block: { row: FIRST_ROW + i, column: SCORE_COL, rows: 1, columns: 1 }, rule: { kind: 'whole' as const, min: 0, max: l.maxScore, message: format(s.scoreRule, { min: 0, max: l.maxScore }) } },
              { block: { row: FIRST_ROW + i, column: COMMENT_COL, rows: 1, columns: 1 }, rule: null },
            ],
      )
    : [];
  return {
    sheetName: scorecardSheetName(w, card),
    kind: SCORECARD_KIND,
    identity: { personId: card.personId, periodKey: card.periodKey },
    banner: scorecardBanner(w, card),
    columns: [
      { header: s.group, numberFormat: '@', width: 90 },
      { header: s.indicator, numberFormat: '@', width: 150 },
      { header: s.weight, numberFormat: '0.00', width: 55 },
      { header: s.max, numberFormat: '0', width: 45 },
      { header: s.value, numberFormat: '#,##0.00', width: 80 },
      { header: s.score, numberFormat: '0', width: 50 },
      { header: s.comment, numberFormat: '@', width: 200 },
      { header: 'ID', numberFormat: '@', width: 40 },
    ],
    rows,
    properties: { scorecardId: card.id, revision: String(card.revision), status: card.status },
    input: { row: FIRST_ROW, column: SCORE_COL, rows: 0, columns: 0 },
    inputRule: { kind: 'whole', message: '' },
    extraInputs,
    hiddenColumns: [CODE_COL],
    totalRows: [],
    protect: true,
    freeze: { rows: 0, columns: 2 },
    readOnly: !editable,
  };
}

export type { Issue } from '../excel/cells.ts';


export interface ScorecardReadBack {
  entries: ScoreEntry[];
  issues: Issue[];
  /** Manager-scored indicators still blank, each at its score cell: they stop a submission, not a draft (in `issues` too with `complete`). */
  incomplete: Issue[];
  revision: number | null;
}

/**
 * What the sheet holds, as score entries, and every problem named by its
 * cell: rows missing, then the shared rules (whole points 0..max, a comment
 * below the threshold); scores still blank in `incomplete`, by the rule the
 * server's submission runs (schema/kpi.ts completenessIssues), and with
 * `complete` in `issues` too (as submitting requires, and validating says).
 */
export function readScorecardSheet(w: Words, card: ScorecardView, read: SheetRead, complete = false): ScorecardReadBack {
  const s = w.scorecards;
  const sheet = read.sheetName;
  const h = Math.max(0, read.values.findIndex((row) => cellText(row[CODE_COL]) === 'ID'));
  const rowOf = new Map<string, number>();
  read.values.slice(h + 1).forEach((row, i) => {
    const code = cellText(row[CODE_COL]);
    if (code && !rowOf.has(code)) rowOf.set(code, h + 1 + i);
  });
  const issues: Issue[] = [];
  const scored = card.lines.filter((l) => !l.computed && l.maxScore !== null);
  const present = scored.filter((l) => {
    if (rowOf.has(l.code)) return true;
    issues.push({ cell: null, message: format(s.missingLine, { indicator: l.name }) });
    return false;
  });
  const entries: ScoreEntry[] = present.map((l) => {
    const row = read.values[rowOf.get(l.code)!] ?? [];
    return { code: l.code, score: cellText(row[SCORE_COL]) || null, comment: cellText(row[COMMENT_COL]) || null };
  });
  const cellOf = (code: string, column: number) => `${sheet}!${columnLetters(column)}${rowOf.get(code)! + 1}`;
  const checked = checkScores(
    card.lines.map((l) => ({ code: l.code, name: l.name, computation: (l.computation as never) ?? null, maxScore: l.maxScore })),
    entries,
    card.commentBelowPercent,
  );
  for (const i of checked.issues) {
    const code = entries[i.index ?? -1]?.code;
    const cell = code ? cellOf(code, i.reason === 'KPI_COMMENT_REQUIRED' ? COMMENT_COL : SCORE_COL) : null;
    const message = describeReason(w, i.reason, i.params);
    issues.push({ cell, message: cell ? `${cell}: ${message}` : message });
  }
  // The manager-scored lines as the submission sees them: a blank score has no fraction (a score typed but
  // refused by the rules above counts as given here: it is named once, as what it is).
  const incomplete: Issue[] = [];
  const typed = present.map((l, i) => {
    const score = entries[i]!.score === null ? null : (checked.scores.get(l.code) ?? 0);
    return { name: l.name, computation: null, score, fraction: score === null ? null : scoreFraction(score, l.maxScore!) };
  });
  for (const i of completenessIssues(typed)) {
    const cell = cellOf(present[i.index!]!.code, SCORE_COL);
    incomplete.push({ cell, message: `${cell}: ${describeReason(w, i.reason, i.params)}` });
  }
  if (complete) issues.push(...incomplete);
  const revision = read.properties.revision ? Number(read.properties.revision) : null;
  return { entries, issues, incomplete, revision };
}
