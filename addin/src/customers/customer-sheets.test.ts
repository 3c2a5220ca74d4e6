/** The Customers (客户档案) and Cross-territory (窜货) sheets, written through the Excel adapter into the stand-in. */
import { describe, expect, it } from 'vitest';
import { words } from '../i18n.ts';
import { writeSheetTable, type ExcelRun } from '../excel/workbook.ts';
import { createStandInExcel } from '../../../test/support/excel-standin.ts';
import { crossTerritorySheet, customersSheet } from './customer-sheets.ts';
import type { CrossTerritorySale, Customer } from './operations.ts';

const zh = words['zh-CN'];
const customer: Customer = {
  id: 'c1',
  code: 'KH-001',
  name: '=杭州新华贸易',
  type: 'DEALER',
  tier: 'CORE',
  ownerId: 'p1',
  ownerName: '李雷',
  ownerEmployeeNo: 'QB00012',
  ownerUnitName: '杭州一组',
  ownershipStatus: 'PROPOSED',
  confirmedBy: null,
  notes: null,
  lastVisitOn: '2026-11-03',
  revision: 1,
  contacts: [
    { name: '李会计', title: null, phone: null, email: null, primary: false },
    { name: '王经理', title: '采购', phone: '138 1234 5678', email: null, primary: true },
  ],
};
const flag: CrossTerritorySale = {
  id: 'f1',
  externalId: 'S-0001',
  date: '2026-11-10',
  amount: '1200.10',
  sellerName: '张伟',
  sellerEmployeeNo: 'QB00040',
  bookedByName: '张伟',
  customerCode: 'KH-001',
  customerName: '杭州新华贸易',
  customerOwnerName: '李雷',
  sellingUnitName: '南京二组',
  owningUnitName: '杭州一组',
  status: 'OPEN',
  decidedBy: null,
  decidedAt: null,
  comment: null,
  canDecide: true,
  locked: false,
};

function standIn() {
  const s = createStandInExcel();
  return { ...s, run: s.workbook.run as unknown as ExcelRun };
}

describe('the Customers sheet', () => {
  it('writes one row per customer in zh-CN: type, tier and ownership by name, the primary contact, the last visit as a date', async () => {
    const { workbook, run } = standIn();
    const report = await writeSheetTable(run, customersSheet(zh, [customer], { pulledAt: 'now' }));
    expect(report.sheetName).toBe('客户档案');
    const values = workbook.read('客户档案', 'A1:L2');
    expect(values[0]).toEqual(['客户编码', '客户名称', '类型', '等级', '负责人', '工号', '所属单位', '归属状态', '主要联系人', '电话', '最近拜访', '备注']);
    // The server's text stays text: a leading = is not a formula.
    expect(values[1]).toEqual(['KH-001', '=杭州新华贸易', '经销商', '核心', '李雷', 'QB00012', '杭州一组', '待确认', '王经理', '138 1234 5678', 46329, '']);
    expect(workbook.stats.syncs).toBeLessThanOrEqual(6);
  });

  it('is labelled in English too, and empty when there is nobody’s customer', () => {
    const spec = customersSheet(words.en, [], { pulledAt: 'now' });
    expect(spec.sheetName).toBe('Customers');
    expect(spec.columns[3]!.header).toBe('Tier');
    expect(spec.rows).toEqual([]);
  });
});

describe('the Cross-territory sheet', () => {
  it('lists flagged sales with both units, money exact, the status by name', async () => {
    const { workbook, run } = standIn();
    const reassigned = { ...flag, id: 'f2', externalId: 'S-0002', status: 'REASSIGNED' as const, sellerName: '李雷', decidedBy: '王经理', comment: '客户归属本组' };
    await writeSheetTable(run, crossTerritorySheet(zh, [flag, reassigned], { pulledAt: 'now' }));
    const values = workbook.read('窜货', 'A1:M3');
    expect(values[0]).toEqual(['销售单号', '日期', '金额', '销售人员', '销售单位', '客户编码', '客户名称', '客户所属单位', '客户负责人', '状态', '处理人', '处理意见', '业绩计入']);
    expect(values[1]).toEqual(['S-0001', 46336, 1200.1, '张伟', '南京二组', 'KH-001', '杭州新华贸易', '杭州一组', '李雷', '待处理', '', '', '张伟']);
    // Reassigned: the seller stays the one who sold it; the credit now sits with the customer's owner.
    expect(values[2]!.slice(3, 4)).toEqual(['张伟']);
    expect(values[2]!.slice(9)).toEqual(['已改划业绩', '王经理', '客户归属本组', '李雷']);
  });
});
