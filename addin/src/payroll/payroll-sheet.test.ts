/** The Payroll sheet (the 薪酬月报表 with totals and sign-off block) and the "what changed" sheet, with exact figures. */
import { formatMoney } from '../../../schema/money.ts';
import { describe, expect, it } from 'vitest';
import { createStandInExcel } from '../../../test/support/excel-standin.ts';
import { readTaggedSheet, writeGridSheet, writeSheetTable, type ExcelRun } from '../excel/workbook.ts';
import { words } from '../i18n.ts';
import { changesFromServer, changesSheetSpec, explainSheetSpec, headerWidth, myPayslipSheet, PAYROLL_KIND, payrollSheetSpec, previousValues, shanghaiTime, type PayslipView, type RunView } from './payroll-sheet.ts';
import { calculatePayslip, DIRECT_SALES_LADDER } from '../../../schema/compensation.ts';
import { reviewLines } from './review.ts';

const line = (code: string, label: string, kind: string, amount: string) => ({
  code,
  label,
  kind,
  amount,
  explanation: { data: JSON.stringify({ rule: { code: 'base', prorate: true, calendar: false }, inputs: { base: amount, workingDays: '22', workingDaysEmployed: '22' }, arithmetic: { code: 'baseFull', full: amount, days: 22 } }) },
});
const slip = (personId: string, employeeNo: string, personName: string, extra: Partial<RunView['payslips'][number]>) => ({
  personId,
  employeeNo,
  personName,
  planCode: 'LADDER',
  planName: '直销阶梯方案',
  unitName: '杭州一组',
  unitPath: '启航 / 华东大区 / 杭州一组',
  rank: 'SR',
  attendanceDays: 21,
  sales: '0.00',
  gross: '0.00',
  deductions: '0.00',
  net: '0.00',
  lines: [],
  ...extra,
});
const view = (net: string, adjustments: ReturnType<typeof line>[] = [], status = 'CALCULATED', signOffs: RunView['signOffs'] = []): RunView => ({
  run: { id: 'run1', month: '2026-03', version: 1, revision: 2, status, scopeUnitName: '杭州一组', scopeUnitId: 'u1' },
  payslips: [
    slip('p1', 'QB00001', '王芳', { sales: '20000.10', gross: net, net, lines: [line('base', 'Base', 'base', '3000.00'), line('commission', 'Commission', 'commission', '3076.92'), ...adjustments] }),
    slip('p2', 'QB00002', '李强', { rank: 'SE', attendanceDays: 19, sales: '0.20', gross: '3500.00', deductions: '50.00', net: '3450.00', lines: [line('base', 'Base', 'base', '3500.00'), line('attendance', 'Attendance', 'attendance', '-50.00')] }),
  ],
  signOffs,
});

describe('the Payroll sheet', () => {
  it('lays the 薪酬月报表 out: unit, rank, plan name, attendance days and sales before the components; exact totals; protected; headers wrap', async () => {
    const { workbook } = createStandInExcel();
    const run = workbook.run as unknown as ExcelRun;
    await writeGridSheet(run, payrollSheetSpec(words.en, view('6076.92')));
    expect(workbook.read('Payroll 2026-03', 'A1')).toEqual([['杭州一组 · 2026-03 · version 1 · calculated']]);
    expect(workbook.read('Payroll 2026-03', 'A2:M2')).toEqual([
      ['Employee no.', 'Name', 'Unit', 'Rank', 'Plan', 'Attendance days', 'Sales', 'Base', 'Commission', 'Attendance', 'Gross', 'Deductions', 'Net pay'],
    ]);
    expect(workbook.read('Payroll 2026-03', 'A3:M4')).toEqual([
      ['QB00001', '王芳', '杭州一组', 'SR', '直销阶梯方案', 21, 20000.1, 3000, 3076.92, '', 6076.92, 0, 6076.92],
      ['QB00002', '李强', '杭州一组', 'SE', '直销阶梯方案', 19, 0.2, 3500, '', -50, 3500, 50, 3450],
    ]);
    // Exact fen sums, not float ones: 20000.10 + 0.20 is 20000.30 (a float sum gives 20000.300000000003).
    expect(workbook.read('Payroll 2026-03', 'A5:M5')).toEqual([['Total (2 people)', '', '', '', '', '', 20000.3, 6500, 3076.92, -50, 9576.92, 50, 9526.92]]);
    expect(workbook.cell('Payroll 2026-03', 'G3')?.numberFormat).toBe('#,##0.00');
    expect(workbook.cell('Payroll 2026-03', 'G5')?.numberFormat).toBe('#,##0.00');
    expect(workbook.cell('Payroll 2026-03', 'F2')?.wrap).toBe(true);
    expect(workbook.sheet('Payroll 2026-03')!.protected).toBe(true);
    expect(workbook.sheet('Payroll 2026-03')!.frozenRows).toBe(2);
  });

  it('sizes columns to their headers, Chinese characters twice as wide, within bounds', () => {
    expect(headerWidth('Net pay', 72)).toBe(72);
    expect(headerWidth('Attendance days', 40)).toBe(108); // 15 × 6.5 + 10 = 107.5
    expect(headerWidth('出勤天数', 40)).toBe(62); // 8 units × 6.5 + 10
    expect(headerWidth('A very long component label indeed', 72)).toBe(120);
    const spec = payrollSheetSpec(words['zh-CN'], view('6076.92'));
    expect(spec.columns.slice(0, 7).map((c) => [c.header, c.width])).toEqual([
      ['工号', 64],
      ['姓名', 56],
      ['所属单位', 72],
      ['职级', 96],
      ['方案', 96],
      ['出勤天数', 62],
      ['销售额', 72],
    ]);
  });

  it('puts a sign-off block below the totals: who signed which step when, and the steps still waiting', async () => {
    const { workbook } = createStandInExcel();
    const run = workbook.run as unknown as ExcelRun;
    const signOffs = [
      { role: 'FINANCE', actor: 'finance', at: '2026-04-02T01:05:00.000Z', comment: null },
      { role: 'FINANCE_MANAGER', actor: 'finmgr', at: '2026-04-02T16:30:00.000Z', comment: '已核对' },
    ];
    await writeGridSheet(run, payrollSheetSpec(words['zh-CN'], view('6076.92', [], 'FINANCE_APPROVED', signOffs)));
    expect(workbook.read('工资表 2026-03', 'A5')).toEqual([['合计（2 人）']]);
    expect(workbook.read('工资表 2026-03', 'A6:D12')).toEqual([
      ['', '', '', ''],
      ['审核签字', '', '', ''],
      ['环节', '签字人', '签字时间', '意见'],
      ['财务制表', 'finance', '2026-04-02 09:05', ''],
      ['财务经理', 'finmgr', '2026-04-03 00:30', '已核对'],
      ['营销总监', '待签', '', ''],
      ['总经理', '待签', '', ''],
    ]);
    expect(workbook.read('工资表 2026-03', 'A1')).toEqual([['杭州一组 · 2026-03 · 第 1 版 · 财务经理已签 · 只读']]);
    // Ranks by their names, as the pane says them, not bare codes.
    expect(workbook.read('工资表 2026-03', 'D3:D4')).toEqual([['业务代表 SR'], ['销售主任 SE']]);
    expect(shanghaiTime('2026-12-31T16:00:00Z')).toBe('2027-01-01 00:00');
  });

  it('highlights and lists exactly the amounts that changed since the last refresh', async () => {
    const { workbook } = createStandInExcel();
    const run = workbook.run as unknown as ExcelRun;
    await writeGridSheet(run, payrollSheetSpec(words.en, view('6076.92')));
    const before = previousValues(await readTaggedSheet(run, PAYROLL_KIND, { month: '2026-03', scope: 'u1' }));
    const spec = payrollSheetSpec(words.en, view('6376.92', [line('adjustment1', 'Reward: top three', 'adjustments', '300.00')]), before);
    await writeGridSheet(run, spec);
    // Wang Fang's reward (a new column, J, after her other components), gross and net changed; Li Qiang's amounts moved right but did not change.
    const changed = spec.highlight!.map((h) => `${'ABCDEFGHIJKLMNO'[h.column]}${h.row + 1}`);
    expect(changed).toEqual(['J3', 'L3', 'N3']);
    expect(workbook.cell('Payroll 2026-03', 'N3')?.fill).toBe('#FFEB9C');
    expect(workbook.cell('Payroll 2026-03', 'N4')?.fill).toBeUndefined();
    expect(spec.changes).toEqual([
      { employeeNo: 'QB00001', personName: '王芳', component: 'Reward', old: null, new: 300, kind: 'money' },
      { employeeNo: 'QB00001', personName: '王芳', component: 'Gross', old: 6076.92, new: 6376.92, kind: 'money' },
      { employeeNo: 'QB00001', personName: '王芳', component: 'Net pay', old: 6076.92, new: 6376.92, kind: 'money' },
    ]);
    // The totals and sign-off rows are not people: nothing of theirs is compared.
    expect(spec.highlight!.every((h) => h.row < 4)).toBe(true);
  });

  it('lists the payslips new since a refresh that had none (the run calculated after), and the amounts of someone no longer in the run', async () => {
    const { workbook } = createStandInExcel();
    const run = workbook.run as unknown as ExcelRun;
    const full = view('6076.92');
    // Refreshed before it was calculated: a sheet with no payslips.
    await writeGridSheet(run, payrollSheetSpec(words.en, { ...full, payslips: [] }));
    const empty = previousValues(await readTaggedSheet(run, PAYROLL_KIND, { month: '2026-03', scope: 'u1' }));
    expect(empty).toEqual(new Map());
    const calculated = payrollSheetSpec(words.en, full, empty);
    // Every figure of both payslips is new; nothing where there is nothing (李强's commission, 王芳's deductions and attendance are 0 or blank).
    expect(calculated.changes.map((c) => [c.personName, c.component, c.old, c.new])).toEqual([
      ['王芳', 'Attendance days', null, 21], ['王芳', 'Sales', null, 20000.1], ['王芳', 'Base', null, 3000], ['王芳', 'Commission', null, 3076.92], ['王芳', 'Gross', null, 6076.92], ['王芳', 'Net pay', null, 6076.92],
      ['李强', 'Attendance days', null, 19], ['李强', 'Sales', null, 0.2], ['李强', 'Base', null, 3500], ['李强', 'Attendance', null, -50], ['李强', 'Gross', null, 3500], ['李强', 'Deductions', null, 50], ['李强', 'Net pay', null, 3450],
    ]);
    expect(calculated.highlight).toHaveLength(13);
    // 李强 moved out of the run: his amounts are listed as gone.
    await writeGridSheet(run, calculated);
    const before = previousValues(await readTaggedSheet(run, PAYROLL_KIND, { month: '2026-03', scope: 'u1' }));
    const without = payrollSheetSpec(words.en, { ...full, payslips: full.payslips.slice(0, 1) }, before);
    expect(without.changes.map((c) => [c.employeeNo, c.personName, c.component, c.old, c.new])).toEqual([
      ['QB00002', '李强', 'Attendance days', 19, null], ['QB00002', '李强', 'Sales', 0.2, null], ['QB00002', '李强', 'Base', 3500, null], ['QB00002', '李强', 'Attendance', -50, null],
      ['QB00002', '李强', 'Gross', 3500, null], ['QB00002', '李强', 'Deductions', 50, null], ['QB00002', '李强', 'Net pay', 3450, null],
    ]);
    expect(without.highlight).toEqual([]);
  });

  it('hides only the id column of the current layout after a recalculation adds a component', async () => {
    const { workbook } = createStandInExcel();
    const run = workbook.run as unknown as ExcelRun;
    await writeGridSheet(run, payrollSheetSpec(words.en, view('6076.92')));
    expect([...workbook.sheet('Payroll 2026-03')!.hiddenColumns]).toEqual([13]);
    await writeGridSheet(run, payrollSheetSpec(words.en, view('6376.92', [line('adjustment1', 'Reward: top three', 'adjustments', '300.00')])));
    expect(workbook.read('Payroll 2026-03', 'N2')).toEqual([['Net pay']]);
    expect([...workbook.sheet('Payroll 2026-03')!.hiddenColumns]).toEqual([14]);
    await writeGridSheet(run, payrollSheetSpec(words.en, view('6076.92')));
    expect([...workbook.sheet('Payroll 2026-03')!.hiddenColumns]).toEqual([13]);
  });
});

describe('refreshing a big Payroll sheet (issue 12 §4)', () => {
  /** `people` payslips, `shift` fen added to every amount (a refresh where everything changed). */
  const bigView = (people: number, shift: number): RunView => ({
    ...view('0.00'),
    payslips: Array.from({ length: people }, (_, i) => {
      // Amounts in fen, exact; shown as the server sends them (decimal text).
      const base = 300_000n + BigInt(i % 900) * 100n + BigInt(shift);
      const commission = BigInt((i * 7919) % 300_000) + BigInt(shift);
      const gross = base + commission;
      return slip(`p${i}`, `QB${String(i).padStart(6, '0')}`, `员工${i}`, {
        gross: formatMoney(gross),
        net: formatMoney(gross),
        lines: [line('base', 'Base', 'base', formatMoney(base)), line('commission', 'Commission', 'commission', formatMoney(commission))],
      });
    }),
  });

  it('reads back, compares and rewrites 10,000 rows with every amount changed in 4 syncs, within 2 of the floor and none refused', async () => {
    const { workbook } = createStandInExcel();
    const run = workbook.run as unknown as ExcelRun;
    const stats = workbook.stats;
    await writeGridSheet(run, payrollSheetSpec(words.en, bigView(10_000, 0)));
    const at = { syncs: stats.syncs, answers: stats.responseBytes.length };
    // As the pane does (usePayroll.ts): the write takes the sheet the read found, and does not look for it again.
    const before = await readTaggedSheet(run, PAYROLL_KIND, { month: '2026-03', scope: 'u1' });
    const readSyncs = stats.syncs - at.syncs;
    const spec = payrollSheetSpec(words.en, bigView(10_000, 1), previousValues(before));
    const report = await writeGridSheet(run, spec, { sheet: before!.sheet });
    expect(spec.highlight!.length).toBe(10_000 * 4); // the two components, gross and net of everyone (sales and deductions stay)
    // Reading: one sync finds the (active) sheet and its tags, two bring its rows back; writing: one, the whole sheet with its highlights.
    expect([readSyncs, report.syncs]).toEqual([1 + 2, 1]);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const limit = 5 * 1024 * 1024;
    const floor = 1 + Math.ceil(sum(stats.requestBytes.slice(at.answers)) / limit) + Math.ceil(sum(stats.responseBytes.slice(at.answers)) / limit);
    expect(stats.syncs - at.syncs).toBeLessThanOrEqual(floor + 2);
    expect(stats.failedRequests).toBe(0);
    expect(workbook.read('Payroll 2026-03', 'A3')).toEqual([['QB000000']]);
  });
});

describe('the "what changed" sheet', () => {
  it('lists person, component, before, now and the exact difference, saying against what', async () => {
    const { workbook } = createStandInExcel();
    const run = workbook.run as unknown as ExcelRun;
    const rows = changesFromServer(words.en, [
      { employeeNo: 'QB00001', personName: '王芳', component: 'commission', label: 'Commission', old: '1730.77', new: '3076.92' },
      { employeeNo: 'QB00001', personName: '王芳', component: 'net', label: '', old: '4730.77', new: '6076.92' },
      { employeeNo: 'QB00003', personName: '张伟', component: 'base', label: 'Base', old: null, new: '0.10' },
      { employeeNo: '=QB9', personName: '赵六', component: 'base', label: 'Base', old: '0.30', new: null },
    ]);
    await writeSheetTable(run, changesSheetSpec(words.en, view('6076.92'), 'against the previous month (2026-02 version 1)', rows));
    expect(workbook.read('Changes 2026-03', 'A1')).toEqual([['杭州一组 · 2026-03 · version 1 · calculated · changes against the previous month (2026-02 version 1)']]);
    expect(workbook.read('Changes 2026-03', 'A2:F6')).toEqual([
      ['Employee no.', 'Name', 'Component', 'Before', 'Now', 'Difference'],
      ['QB00001', '王芳', 'Commission', 1730.77, 3076.92, 1346.15],
      ['QB00001', '王芳', 'Net pay', 4730.77, 6076.92, 1346.15],
      ['QB00003', '张伟', 'Base', '', 0.1, 0.1],
      ['=QB9', '赵六', 'Base', 0.3, '', -0.3],
    ]);
    expect(workbook.cell('Changes 2026-03', 'F3')?.numberFormat).toBe('#,##0.00');
  });

  it('says so when nothing changed', () => {
    const spec = changesSheetSpec(words['zh-CN'], view('6076.92'), '自上次刷新以来', []);
    expect(spec.rows).toEqual([['没有变动。', '', '', '', '', '']]);
    expect(spec.banner).toBe('杭州一组 · 2026-03 · 第 1 版 · 已计算 · 自上次刷新以来的变动');
  });
});

describe('the Explain sheet', () => {
  it('explains each line in the reader’s language only, from the data the server gives', () => {
    const zh = explainSheetSpec(words['zh-CN'], view('3000.00'));
    expect(zh.rows[0]!.slice(4)).toEqual(['月基本工资，按在岗工作日折算', '3,000.00（22 个工作日全部在岗）', '基本工资: 3,000.00; 应出勤工作日: 22; 在岗工作日: 22']);
    const en = explainSheetSpec(words.en, view('3000.00'));
    expect(en.rows[0]!.slice(4)).toEqual(['Monthly base, pro-rated by working days employed', '3,000.00 (employed all 22 working days)', 'base salary: 3,000.00; working days: 22; working days employed: 22']);
  });
});

describe('My payslip', () => {
  // An attendance deduction as the server explains it: the dates counted absent, leave without a request, field visits without a slip, the lates, the day's pay.
  const attendance = {
    code: 'attendance',
    label: '考勤扣款',
    kind: 'deduction',
    amount: '-436.36',
    explanation: {
      data: JSON.stringify({
        rule: { code: 'attendance', perLate: '50', freeLates: 2, personalLeaveDayPay: true, calendar: false, fieldVisitWithoutSlip: 'absent' },
        inputs: { lates: '3', absentDays: '2', personalLeaveDays: '0', absentDates: '2026-03-09, 2026-03-10', leaveWithoutRequest: '2026-03-10', fieldVisitsWithoutSlip: '2026-03-12', dayPay: '136.36' },
        arithmetic: { code: 'attendance', charged: 1, perLate: '50', days: 3, dayParts: { absent: 2, unslipped: 1, personalLeave: 0 }, base: '3000.00', workingDays: 22, total: '436.36' },
      }),
    },
  };
  const mine = slip('p1', 'QB00001', '王芳', { gross: '3000.00', deductions: '436.36', net: '2563.64', lines: [line('base', '基本工资', 'base', '3000.00'), attendance] });

  it('carries every line’s inputs after its rule and arithmetic, in the reader’s language, as the Explain sheet shows them', () => {
    const zh = myPayslipSheet(words['zh-CN'], '2026-03', mine);
    expect(zh.columns.map((c) => c.header)).toEqual(['项目', '金额', '规则', '计算过程', '依据']);
    expect(zh.rows[1]![4]).toBe('迟到次数: 3; 旷工天数: 2; 事假天数: 0; 记为旷工的日期: 2026-03-09, 2026-03-10; 未事先获批的请假日期（按旷工计）: 2026-03-10; 无已批准出访单的外勤日: 2026-03-12; 日薪: 136.36');
    const explained = explainSheetSpec(words['zh-CN'], { ...view('2563.64'), payslips: [mine] });
    expect(zh.rows.slice(0, 2).map((r) => r.slice(2))).toEqual(explained.rows.map((r) => r.slice(4)));
    const en = myPayslipSheet(words.en, '2026-03', mine);
    expect(en.columns.map((c) => c.header)).toEqual(['Component', 'Amount', 'Rule', 'Arithmetic', 'Inputs']);
    expect(en.rows[1]![4]).toMatch(/^late arrivals: 3; days absent: 2; .*recorded absent on: 2026-03-09, 2026-03-10; .*field-visit days without an approved visit slip: 2026-03-12; day’s pay: 136\.36$/);
    // Gross, deductions and net below, as wide as the lines.
    expect(zh.rows.slice(2)).toEqual([['应发', 3000, '', '', ''], ['扣款', -436.36, '', '', ''], ['实发', 2563.64, '', '', '']]);
  });
});

describe('the built-in plans’ components, named in the reader’s language', () => {
  // An SR under the built-in ladder (its labels as stored: 基本工资, 提成, 晨星奖 … 奖惩), with the demo's top-three reward.
  const computed = calculatePayslip(DIRECT_SALES_LADDER, {
    month: '2026-03',
    workingDays: 22,
    workingDaysEmployed: 22,
    person: { name: '王芳', rank: 'SR', baseSalaryFen: 300_000n },
    measures: { sales: 2_000_000n, units: 0n, collections: 0n, margin: 0n },
    dailySalesFen: [0n, 2_000_000n, ...Array.from({ length: 29 }, () => 0n)],
    trainees: [],
    attendance: { lates: 3, absentDays: 0, personalLeaveDays: 0 },
    adjustments: [{ amountFen: 60_000n, reason: '月度销售前三名奖励（第2名）', approvedBy: 'director' }],
  });
  const lines: PayslipView['lines'] = computed.lines.map((l) => ({ code: l.code, label: l.label, kind: l.kind, amount: formatMoney(l.amountFen), explanation: { data: JSON.stringify(l.explanation) } }));
  // And a customer's own plan: its labels are theirs, in any language.
  const own = [line('base', '底薪', 'base', '2800.00'), line('quarterBonus', '季度奖', 'commission', '500.00')];
  const ladder = slip('p1', 'QB00001', '王芳', { gross: formatMoney(computed.grossFen), deductions: formatMoney(computed.deductionsFen), net: formatMoney(computed.netFen), lines });
  const run: RunView = { ...view('0.00'), payslips: [ladder, slip('p2', 'QB00002', '李强', { lines: own })] };
  const en = ['Base salary', 'Commission', 'Morning Star bonus', 'Open Star bonus', 'Team bonus', 'Attendance deductions', 'Rewards & penalties'];
  const zh = ['基本工资', '提成', '晨星奖', '开星奖', '团队奖', '考勤扣款', '奖惩'];

  it('heads the Payroll sheet’s component columns in English for an English reader, as today in zh-CN, and a plan’s own labels as written', () => {
    expect(payrollSheetSpec(words.en, run).columns.map((c) => c.header).slice(7, 16)).toEqual([...en, '季度奖', 'Gross']);
    expect(payrollSheetSpec(words['zh-CN'], run).columns.map((c) => c.header).slice(7, 16)).toEqual([...zh, '季度奖', '应发']);
    // The customer's 底薪 under code base is the base column (its key), named as the first slip's plan names it.
    expect(payrollSheetSpec(words.en, run).rows[1]!.slice(7, 9)).toEqual([2800, '']);
  });

  it('names each line on the Explain sheet and My payslip, and the component an explanation speaks of, in the reader’s language', () => {
    const explained = explainSheetSpec(words.en, run);
    expect(explained.rows.map((r) => r[2])).toEqual([...en.slice(0, 6), 'Rewards & penalties: Monthly top-three sales reward (place 2)', '底薪', '季度奖']);
    // An SR earns no team bonus: said by its English name, not 团队奖.
    expect(explained.rows[4]![5]).toBe('rank SR earns no Team bonus');
    expect(explained.rows[6]![6]).toBe('reason: Monthly top-three sales reward (place 2); approved by: director');
    const mine = myPayslipSheet(words.en, '2026-03', ladder);
    expect(mine.rows.map((r) => r[0])).toEqual([...en.slice(0, 6), 'Rewards & penalties: Monthly top-three sales reward (place 2)', 'Gross', 'Deductions', 'Net pay']);
    expect(mine.rows.slice(0, 7).map((r) => r.slice(2))).toEqual(explained.rows.slice(0, 7).map((r) => r.slice(4)));
    expect(mine.rows.flat().join(' ')).not.toMatch(/[\u4e00-\u9fff]/);
    // zh-CN: exactly as before.
    const zhMine = myPayslipSheet(words['zh-CN'], '2026-03', ladder);
    expect(zhMine.rows.map((r) => r[0]).slice(0, 7)).toEqual([...zh.slice(0, 6), '奖惩: 月度销售前三名奖励（第2名）']);
    expect(zhMine.rows[4]![3]).toBe('职级 业务代表 SR 不享受“团队奖”');
    expect(explainSheetSpec(words['zh-CN'], run).rows.map((r) => r[2])).toEqual([...zh.slice(0, 6), '奖惩: 月度销售前三名奖励（第2名）', '底薪', '季度奖']);
  });

  it('names the components on the Changes sheet and in the review’s By-component table', () => {
    const changes = [
      { employeeNo: 'QB00001', personName: '王芳', component: 'commission', label: '提成', old: '1730.77', new: '3076.92' },
      { employeeNo: 'QB00001', personName: '王芳', component: 'adjustments', label: '奖惩', old: null, new: '600.00' },
      { employeeNo: 'QB00002', personName: '李强', component: 'quarterBonus', label: '季度奖', old: null, new: '500.00' },
      { employeeNo: 'QB00002', personName: '李强', component: 'net', label: '', old: '1.00', new: '2.00' },
    ];
    expect(changesFromServer(words.en, changes).map((c) => c.component)).toEqual(['Commission', 'Rewards & penalties', '季度奖', 'Net pay']);
    expect(changesFromServer(words['zh-CN'], changes).map((c) => c.component)).toEqual(['提成', '奖惩', '季度奖', '实发']);
    // Since the last refresh: the sheet's own headers.
    const before = new Map<string, unknown>([['p1|Employee no.', 'QB00001'], ['p1|Commission', 0]]);
    expect(payrollSheetSpec(words.en, run, before).changes.map((c) => c.component)).toContain('Commission');
    const totals = { headcount: 2, gross: '1.00', deductions: '0.00', net: '1.00', components: [...zh.map((label, i) => ({ key: DIRECT_SALES_LADDER.components[i]!.code.replace(/^adjustment$/, 'adjustments'), label, kind: '', total: '1.00' })), { key: 'quarterBonus', label: '季度奖', kind: 'commission', total: '1.00' }] };
    const review = { totals, comparison: { base: null, baseTotals: null } };
    expect(reviewLines(review, { net: 'Net', gross: 'Gross' }, 'en').map((l) => l.label)).toEqual(['Net', 'Gross', ...en, '季度奖']);
    expect(reviewLines(review, { net: '实发', gross: '应发' }, 'zh-CN').map((l) => l.label)).toEqual(['实发', '应发', ...zh, '季度奖']);
  });
});
