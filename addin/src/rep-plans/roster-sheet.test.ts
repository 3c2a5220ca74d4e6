/** Who handed in their plan, as a sheet: every rep counted once (submitted, not yet due or missing), so the figures add up to the people. */
import { describe, expect, it } from 'vitest';
import { format, words } from '../i18n.ts';
import { planRosterSheet, rosterCounts } from './roster-sheet.ts';
import type { RepPlanStatus, RosterRow, Timeliness } from './operations.ts';

const row = (no: string, status: RepPlanStatus | null, timeliness: Timeliness, version: number | null = status ? 1 : null): RosterRow => ({
  personId: `p${no}`,
  personName: `Rep ${no}`,
  employeeNo: no,
  unitName: 'Team A',
  planId: status ? `plan${no}` : null,
  status,
  version,
  revision: status ? 1 : null,
  dueOn: '2026-02-28',
  timeliness,
  target: '30000.00',
  planned: status ? '31000.00' : null,
  decisionComment: null,
  belowTargetReason: null,
  canDecide: status === 'SUBMITTED',
});

/** A month whose due day has not come for most: two in, one late; one drafting and nine not started, all not yet due; one missing. */
const rows: RosterRow[] = [
  row('E01', 'ACCEPTED', 'ON_TIME'),
  row('E02', 'SUBMITTED', 'LATE'),
  // Returned, and being redrafted as version 2: it came in (on time) all the same.
  row('E03', 'DRAFT', 'ON_TIME', 2),
  row('E04', 'DRAFT', 'DUE'),
  ...Array.from({ length: 8 }, (_, i) => row(`E1${i}`, null, 'DUE')),
  row('E20', null, 'MISSING'),
];

describe('the plan roster', () => {
  it('counts every rep once, the not yet due too, so submitted, not yet due and missing add up to the people', () => {
    const counts = rosterCounts(rows);
    expect(counts).toEqual({ total: 13, submitted: 3, late: 1, due: 9, missing: 1 });
    expect(counts.submitted + counts.due + counts.missing).toBe(counts.total);
  });

  it('says the not yet due in the banner and in what the pane says, in both languages', () => {
    expect(planRosterSheet(words.en, '2026-03', rows).banner).toBe('2026-03 plans: 3 of 13 submitted (1 late), 9 not yet due, 1 missing');
    expect(planRosterSheet(words['zh-CN'], '2026-03', rows).banner).toBe('2026-03 计划：13 人中已提交 3 人（其中逾期 1 人），未到期 9 人，未交 1 人');
    const wrote = (w: typeof words.en) => format(w.repPlans.rosterWrote, { month: '2026-03', sheet: 'S', ...rosterCounts(rows) });
    expect(wrote(words.en)).toBe('Wrote who handed in their 2026-03 plan to sheet “S”: 3 of 13 submitted (1 late), 9 not yet due, 1 missing.');
    expect(wrote(words['zh-CN'])).toBe('已将 2026-03 计划提交情况写入工作表“S”：13 人中已提交 3 人（其中逾期 1 人），未到期 9 人，未交 1 人。');
  });

  it('marks each row by when its plan came in: late and missing coloured, not yet due said as such', () => {
    const spec = planRosterSheet(words.en, '2026-03', rows);
    expect(spec.rows.map((r) => [r[0], r[3], r[6]])).toEqual([
      ['E01', 'accepted', 'on time'],
      ['E02', 'submitted', 'late'],
      ['E03', 'draft', 'on time'],
      ['E04', 'draft', 'not yet due'],
      ...Array.from({ length: 8 }, (_, i) => [`E1${i}`, 'not started', 'not yet due']),
      ['E20', 'not started', 'missing'],
    ]);
    expect(spec.conditionalFormats!.map((f) => 'value' in f && f.value)).toEqual(['late', 'missing']);
    expect(planRosterSheet(words['zh-CN'], '2026-03', rows).rows[3]![6]).toBe('未到期');
  });

  it('writes a planned total stored too large for a spreadsheet number (before plans had a most) as its exact text, not failing the whole sheet', () => {
    const spec = planRosterSheet(words['zh-CN'], '2026-03', [{ ...row('E01', 'SUBMITTED', 'ON_TIME'), planned: '1000000000001000.00' }, row('E02', 'SUBMITTED', 'ON_TIME')]);
    expect(spec.rows.map((r) => [r[7], r[8]])).toEqual([
      [30000, '1000000000001000.00'],
      [30000, 31000],
    ]);
  });
});
