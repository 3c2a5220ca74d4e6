/** The compensation plan sheet written into the stand-in and read back, with finance's typing. */
import { describe, expect, it } from 'vitest';
import { createStandInExcel } from '../../../test/support/excel-standin.ts';
import { readTaggedSheet, writeGridSheet, type ExcelRun } from '../excel/workbook.ts';
import { format, words, type Words } from '../i18n.ts';
import { BASE_PLUS_COMMISSION, DIRECT_SALES_LADDER, parsePlan } from '../../../schema/compensation.ts';
import { BLANK_PLAN_ROWS, newPlanFrom, PLAN_CODE, PLAN_KIND, PLAN_TAGS, planSheetSpec, readPlanSheet, typedIn, type PlanView } from './plan-sheet.ts';

const ladder: PlanView = { id: 'plan-1', code: 'DIRECT_SALES_LADDER', version: 2, name: '直销职级方案', effectiveFrom: '2026-01-01T00:00:00.000Z', document: JSON.stringify(DIRECT_SALES_LADDER) };
const plain: PlanView = { id: 'plan-2', code: 'BASE_PLUS_COMMISSION', version: 1, name: '底薪加提成', effectiveFrom: '2000-01-01T00:00:00.000Z', document: JSON.stringify(BASE_PLUS_COMMISSION) };

async function setup(view: PlanView = ladder, w: Words = words['zh-CN']) {
  const s = createStandInExcel();
  const run = s.workbook.run as unknown as ExcelRun;
  const report = await writeGridSheet(run, planSheetSpec(w, view));
  const read = async (as: Words = w, name?: string) => {
    const r = await readTaggedSheet(run, PLAN_KIND, { code: view.code }, ['version', 'name']);
    if (!r) throw new Error('not found');
    return readPlanSheet(as, view, r, name);
  };
  return { ...s, read, sheet: report.sheetName };
}

/** The first blank row (1-based), below the plan's rows. */
const blankRow = (workbook: ReturnType<typeof createStandInExcel>['workbook'], sheet: string) => {
  const values = workbook.read(sheet, 'A1:A80');
  return values.findIndex((r, i) => i >= 2 && r[0] === '') + 1;
};

describe('the compensation plan sheet', () => {
  it('lists each component’s settings a row each, in the reader’s words, with blank rows to add to; only what finance types is unlocked', async () => {
    const { workbook, sheet } = await setup();
    expect(sheet).toBe('薪酬方案 DIRECT_SALES_LADDER');
    expect(workbook.read(sheet, 'A1')[0]![0]).toBe('直销职级方案（DIRECT_SALES_LADDER）· 第 2 版 · 2026-01-01 起生效');
    expect(workbook.read(sheet, 'A2:G2')).toEqual([['项目代码', '名称', '类型', '设置', '值', '值 2', '值 3']]);
    expect(workbook.read(sheet, 'A3:G14')).toEqual([
      ['base', '基本工资', '基本工资', '折算方式', '按工作日折算', '', ''],
      ['commission', '提成', '阶梯提成', '阶梯依据', '销售额', '', ''],
      ['commission', '', '', '提成基数（公式）', 'sales * 0.9 / 1.17', '', ''],
      ['commission', '', '', '阶梯方式', '全额按所达档位', '', ''],
      ['commission', '', '', '封顶金额（空白为不封顶）', '', '', ''],
      ['commission', '', '', '阶梯：起点（元）· 比例 %', '13000', '10', ''],
      ['commission', '', '', '阶梯：起点（元）· 比例 %', '15000', '15', ''],
      ['commission', '', '', '阶梯：起点（元）· 比例 %', '20000', '20', ''],
      ['morningStar', '晨星奖', '达标奖', '截止日（空白为月末）', '20', '', ''],
      ['morningStar', '', '', '档位：职级 · 达成额 · 奖金', 'SR, SE, SSE', '15000', '1500'],
      ['morningStar', '', '', '档位：职级 · 达成额 · 奖金', 'SM, SSM', '20000', '4000'],
      ['morningStar', '', '', '档位：职级 · 达成额 · 奖金', 'SD, SSD, TE', '30000', '4000'],
    ]);
    const rows = workbook.read(sheet, 'A3:A80').filter((r) => r[0] !== '').length;
    expect(workbook.sheet(sheet)!.protected).toBe(true);
    for (const cell of ['A3', 'B3', 'C3', 'D3', 'E3', 'F8', 'G12', `A${3 + rows + BLANK_PLAN_ROWS - 1}`]) expect(workbook.cell(sheet, cell)?.unlocked, cell).toBe(true);
    for (const cell of ['A1', 'A2', 'H3', `A${3 + rows + BLANK_PLAN_ROWS}`]) expect(workbook.cell(sheet, cell)?.unlocked, cell).not.toBe(true);
    expect(workbook.cell(sheet, 'C3')?.validation).toEqual({ list: { inCellDropDown: true, source: '基本工资,阶梯提成,达标奖,团队奖,考勤扣款,奖惩' } });
  });

  it('offers drop-downs Excel accepts in either language: no comma inside a choice, the list within 255 characters', () => {
    for (const w of [words['zh-CN'], words.en]) {
      const lists = planSheetSpec(w, ladder).extraInputs!.flatMap((x) => (x.rule?.kind === 'list' ? [x.rule.values] : []));
      expect(lists).toHaveLength(2);
      for (const values of lists) {
        expect(values.filter((v) => v.includes(','))).toEqual([]);
        expect(values.join(',').length).toBeLessThanOrEqual(255);
        expect(new Set(values).size).toBe(values.length);
      }
    }
  });

  it('round-trips a cap, no pro-rating and the “nothing” choices, typed in either language', async () => {
    const plan = parsePlan({
      code: 'CAPPED',
      name: 'Capped',
      components: [
        { kind: 'base', code: 'base', label: 'Base', prorate: 'none' },
        { kind: 'commission', code: 'c', label: 'C', tierOn: 'margin', base: 'margin', mode: 'marginal', tiers: [{ from: '0', rate: '3.5' }], cap: '8000.50' },
        { kind: 'attendance', code: 'a', label: 'A', perLate: '20', freeLates: 0, absentDay: 'dayPay', personalLeaveDay: 'none', fieldVisitWithoutSlip: 'none' },
        { kind: 'adjustments', code: 'adj', label: 'Adj' },
      ],
    });
    const view: PlanView = { id: 'p', code: 'CAPPED', version: 4, name: 'Capped', effectiveFrom: '2026-06-01T00:00:00.000Z', document: JSON.stringify(plan) };
    for (const w of [words.en, words['zh-CN']]) {
      const { read } = await setup(view, w);
      const back = await read();
      expect(back.issues).toEqual([]);
      expect(parsePlan(back.document)).toEqual(plan);
    }
    // A choice typed in the other language is read too.
    const { workbook, read, sheet } = await setup(view, words.en);
    workbook.type(sheet, 'E3', '按工作日折算');
    expect(parsePlan((await read()).document).components[0]).toMatchObject({ prorate: 'workingDays' });
  });

  it('names the built-in plans’ components in the reader’s language and saves back the labels the plan stores; a name typed anew is kept as typed', async () => {
    const { workbook, read, sheet } = await setup(ladder, words.en);
    const names = () => workbook.read(sheet, 'A3:B40').filter((r) => r[1] !== '');
    expect(names()).toEqual([
      ['base', 'Base salary'],
      ['commission', 'Commission'],
      ['morningStar', 'Morning Star bonus'],
      ['openStar', 'Open Star bonus'],
      ['override', 'Team bonus'],
      ['attendance', 'Attendance deductions'],
      ['adjustment', 'Rewards & penalties'],
    ]);
    // Saved as pulled, in either reader's language: the plan's own labels (基本工资 …), not the names shown.
    const labels = (doc: { components: Record<string, unknown>[] }) => doc.components.map((c) => c.label);
    expect(labels((await read()).document)).toEqual(DIRECT_SALES_LADDER.components.map((c) => c.label));
    expect(labels((await read(words['zh-CN'])).document)).toEqual(['基本工资', '提成', '晨星奖', '开星奖', '团队奖', '考勤扣款', '奖惩']);
    // Renamed: the new name is the plan's label, as typed.
    workbook.type(sheet, 'B3', 'Monthly base');
    expect(parsePlan((await read()).document).components[0]!.label).toBe('Monthly base');
    // zh-CN: as it always was.
    const zh = await setup(plain);
    expect(zh.workbook.read(zh.sheet, 'A3:B20').filter((r) => r[1] !== '')).toEqual([
      ['base', '基本工资'],
      ['commission', '提成'],
      ['attendance', '考勤扣款'],
      ['adjustment', '奖惩'],
    ]);
    expect(labels((await zh.read()).document)).toEqual(BASE_PLUS_COMMISSION.components.map((c) => c.label));
  });

  it('tells a sheet typed in from one left as written (pulling again asks before writing over typing)', async () => {
    const run = async () => {
      const s = createStandInExcel();
      const excel = s.workbook.run as unknown as ExcelRun;
      await writeGridSheet(excel, planSheetSpec(words.en, ladder));
      return { ...s, read: async () => (await readTaggedSheet(excel, PLAN_KIND, { code: ladder.code }, PLAN_TAGS))! };
    };
    const { workbook, read } = await run();
    expect(typedIn(await read())).toBe(false);
    workbook.type('Plan DIRECT_SALES_LADDER', 'F8', '12');
    expect(typedIn(await read())).toBe(true);
    // Typed back as it was: untouched again; typing into a blank row counts.
    workbook.type('Plan DIRECT_SALES_LADDER', 'F8', '10');
    expect(typedIn(await read())).toBe(false);
    workbook.type('Plan DIRECT_SALES_LADDER', 'A30', 'commission');
    expect(typedIn(await read())).toBe(true);
  });

  it('starts a new plan from another: its terms under a new code and name, version 0 until saved', async () => {
    const fresh = newPlanFrom(ladder, 'TEAM_B', '二队方案', '2027-01-01');
    expect(fresh).toMatchObject({ id: '', code: 'TEAM_B', version: 0, name: '二队方案' });
    expect(JSON.parse(fresh.document)).toEqual({ ...DIRECT_SALES_LADDER, code: 'TEAM_B', name: '二队方案' });
    const { workbook, read, sheet } = await setup(fresh);
    expect(sheet).toBe('薪酬方案 TEAM_B');
    expect(workbook.read(sheet, 'A1')[0]![0]).toBe('二队方案（TEAM_B）· 新方案，尚未保存');
    const back = await read();
    expect(back.version).toBe(0);
    expect(back.document).toMatchObject({ code: 'TEAM_B', name: '二队方案' });
    expect(PLAN_CODE.test('TEAM_B') && !PLAN_CODE.test('team b') && !PLAN_CODE.test('X')).toBe(true);
  });

  it('reads back an unchanged sheet as the plan itself, in either language', async () => {
    for (const view of [ladder, plain]) {
      for (const w of [words['zh-CN'], words.en]) {
        const { read } = await setup(view, w);
        const back = await read();
        expect(back.issues).toEqual([]);
        expect(back.version).toBe(view.version);
        // Saved explicitly: a field-visit day without a slip counts as an absence, the default.
        const explicit = JSON.parse(view.document);
        for (const c of explicit.components) if (c.kind === 'attendance') c.fieldVisitWithoutSlip ??= 'absent';
        expect(parsePlan(back.document)).toEqual(explicit);
      }
    }
  });

  it('saves under the name the pane gives, else the name the sheet was pulled with', async () => {
    const { read, workbook } = await setup(ladder);
    const pulled = await readTaggedSheet(workbook.run as unknown as ExcelRun, PLAN_KIND, { code: ladder.code }, ['version', 'name']);
    // The plan renamed elsewhere since the pull: the sheet still says which name it was pulled with.
    expect(readPlanSheet(words['zh-CN'], { ...ladder, name: '别处改的名称' }, pulled!).document.name).toBe('直销职级方案');
    const renamed = await read(words['zh-CN'], '华东直销方案');
    expect(renamed.issues).toEqual([]);
    expect(renamed.document).toMatchObject({ code: 'DIRECT_SALES_LADDER', name: '华东直销方案' });
    expect(parsePlan(renamed.document).components).toEqual(parsePlan((await read()).document).components);
  });

  it('reads a changed rate, a tier and a milestone row added below, and choices typed in the other language', async () => {
    const { workbook, read, sheet } = await setup();
    workbook.type(sheet, 'F8', 12.5);
    workbook.type(sheet, 'E6', 'each slice at its rate');
    const at = blankRow(workbook, sheet);
    workbook.type(sheet, `A${at}`, 'commission');
    workbook.type(sheet, `D${at}`, '阶梯：起点（元）· 比例 %');
    workbook.type(sheet, `E${at}`, 30000);
    workbook.type(sheet, `F${at}`, 25);
    workbook.type(sheet, `A${at + 1}`, 'morningStar');
    workbook.type(sheet, `D${at + 1}`, 'Row: ranks · sales · bonus');
    workbook.type(sheet, `E${at + 1}`, '业务代表 SR');
    workbook.type(sheet, `F${at + 1}`, '50000');
    workbook.type(sheet, `G${at + 1}`, '500.50');
    // Moved from the last rank row: SR now only in the new row.
    workbook.type(sheet, 'E12', 'SE，SSE');
    const back = await read();
    expect(back.issues).toEqual([]);
    const plan = parsePlan(back.document);
    const commission = plan.components[1] as Extract<(typeof plan.components)[number], { kind: 'commission' }>;
    expect(commission.mode).toBe('marginal');
    expect(commission.tiers).toEqual([
      { from: '13000', rate: '12.5' },
      { from: '15000', rate: '15' },
      { from: '20000', rate: '20' },
      { from: '30000', rate: '25' },
    ]);
    const morningStar = plan.components.find((c) => c.code === 'morningStar') as Extract<(typeof plan.components)[number], { kind: 'milestone' }>;
    expect(morningStar.table.map((r) => r.ranks)).toEqual([['SE', 'SSE'], ['SM', 'SSM'], ['SD', 'SSD', 'TE'], ['SR']]);
    expect(morningStar.table.at(-1)).toEqual({ ranks: ['SR'], threshold: '50000', bonus: '500.50' });
  });

  it('names every problem by its cell in the reader’s language, with the shared rules', async () => {
    const { workbook, read, sheet } = await setup(ladder, words.en);
    workbook.type(sheet, 'E10', '14000'); // below the tier before it (15000)
    workbook.type(sheet, 'F9', '20%');
    workbook.type(sheet, 'E5', 'sales * bonus');
    workbook.type(sheet, 'G12', '1,500');
    workbook.type(sheet, 'E13', 'SM, SSM, SR');
    workbook.type(sheet, 'D3', 'Tier mode');
    const at = blankRow(workbook, sheet);
    workbook.type(sheet, `E${at}`, '99');
    const back = await read();
    expect(back.issues.map((i) => i.message)).toEqual([
      'Plan DIRECT_SALES_LADDER!D3: “Tier mode” is not a setting of a Base salary.',
      'Plan DIRECT_SALES_LADDER!D3: base has no row for “Pro-rate”: add one (with the code base) in a blank row.',
      'Plan DIRECT_SALES_LADDER!E5: “sales * bonus” is not a formula of sales, units, collections and margin, such as sales * 0.9 / 1.17.',
      'Plan DIRECT_SALES_LADDER!F9: “20%” is not a percentage such as 20 or 2.5.',
      'Plan DIRECT_SALES_LADDER!E10: Tiers must rise: 14000 does not come after 15000.',
      'Plan DIRECT_SALES_LADDER!G12: “1,500” is not an amount in yuan such as 1500 or 1500.00.',
      'Plan DIRECT_SALES_LADDER!E13: Rank SR is in two rows.',
      `Plan DIRECT_SALES_LADDER!A${at}: Give the component’s code in this row.`,
    ]);
    expect(back.issues[0]!.cell).toBe('Plan DIRECT_SALES_LADDER!D3');
  });

  it('puts the problems the server names by path at their cells, in the reader’s language', async () => {
    const { read, sheet } = await setup(ladder);
    const back = await read();
    expect(back.issues).toEqual([]);
    const zh = words['zh-CN'].reasons;
    expect(
      back.place([
        { path: 'components.1.tiers.2.rate', reason: 'PLAN_PERCENT_INVALID', params: { value: '101' } },
        { path: 'components.1.tiers.0.from', reason: 'PLAN_AMOUNT_INVALID', params: { value: '1e9' } },
        { path: 'nowhere', reason: 'PLAN_NOT_A_REASON', params: {} },
      ]),
    ).toEqual([
      { cell: `${sheet}!E8`, message: `${sheet}!E8: ${format(zh.PLAN_AMOUNT_INVALID, { value: '1e9' })}` },
      { cell: `${sheet}!F10`, message: `${sheet}!F10: ${format(zh.PLAN_PERCENT_INVALID, { value: '101' })}` },
      { cell: null, message: zh.PLAN_VALUE_INVALID },
    ]);
  });

  it('names an unknown kind, a setting given twice and a missing setting, in Chinese', async () => {
    const { workbook, read, sheet } = await setup(plain);
    const at = blankRow(workbook, sheet);
    workbook.type(sheet, `A${at}`, 'bonus');
    workbook.type(sheet, `B${at}`, '年终奖');
    workbook.type(sheet, `C${at}`, '年终');
    workbook.type(sheet, `A${at + 1}`, 'commission');
    workbook.type(sheet, `D${at + 1}`, '阶梯方式');
    workbook.type(sheet, `E${at + 1}`, '全额按所达档位');
    workbook.type(sheet, 'D3', '');
    workbook.type(sheet, 'E3', '');
    const back = await read();
    expect(back.issues.map((i) => i.message)).toEqual([
      '薪酬方案 BASE_PLUS_COMMISSION!D3: base 缺少“折算方式”一行：请在空行中补上（项目代码填 base）。',
      `薪酬方案 BASE_PLUS_COMMISSION!C${at}: “年终”不是有效的项目类型。`,
      `薪酬方案 BASE_PLUS_COMMISSION!D${at + 1}: commission 的“阶梯方式”填写了两次。`,
    ]);
  });
});
