/**
 * GET /plan-template.xlsx (issue 11 §1): the rep's plan template as a
 * package — the web-extension and task-pane parts that open the Quotabook
 * pane with it, their relationships and content types present and
 * well-formed, the custom properties that say what it is — and as a
 * workbook read back with exceljs: the cover with the rep's target and due
 * day, the plan sheet with its input cells unlocked and validated and
 * everything else protected. Who may have whose template.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { planWeeks } from '../../schema/rep-plan.ts';
import { createStandInExcel } from '../support/excel-standin.ts';
import { workbookFileFromXlsx } from '../support/xlsx-standin.ts';
import { writeDocumentProperties, writeGridSheet, type ExcelRun } from '../../addin/src/excel/workbook.ts';
import { coverSheetSpec, TEMPLATE_VERSION, templateProperties } from '../../addin/src/rep-plans/plan-template.ts';
import { planSheetSpec } from '../../addin/src/rep-plans/plan-sheet.ts';
import { MY_REP_PLAN, MY_REP_PLAN_COVER } from '../../addin/src/rep-plans/operations.ts';
import { MY_WORK_MONTH } from '../../addin/src/work-reports/operations.ts';
import { logSheetSpec, reportSheetSpec } from '../../addin/src/work-reports/month-sheets.ts';
import { words } from '../../addin/src/i18n.ts';
import { customProperties } from '../support/xlsx-standin.ts';

const MONTH = '2026-11';

/** Whether xmllint (libxml2-utils, installed by CI) finds the XML well-formed. */
function wellFormed(xml: string): boolean {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qb-xml-')), 'part.xml');
  fs.writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', file], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

describe.each(testProviders)('GET /plan-template.xlsx on %s', (provider) => {
  let s: TestServer;
  let server: http.Server;
  let base = '';
  const t = {} as Record<'admin' | 'manager' | 'rep', string>;
  let rep: { id: string; employeeNo: string; name: string };

  beforeAll(async () => {
    s = await startTestServer(provider, { results: { today: '2026-11-30' } });
    server = http.createServer(s.app.handle);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const u of ['admin', 'manager', 'rep'] as const) t[u] = await s.login(u);
    rep = (await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'rep' }, include: { person: true } })).person!;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await s.close();
  });

  const get = (query: string, token?: string) => fetch(`${base}/plan-template.xlsx?${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('is a package that opens the Quotabook pane by itself: web-extension and task-pane parts, relationships, content types, well-formed', async () => {
    const res = await get(`month=${MONTH}`, t.rep);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="plan-${rep.employeeNo}-${MONTH}.xlsx"`);
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const part = (name: string) => zip.file(name)!.async('string');
    const manifest = fs.readFileSync('manifest.xml', 'utf8');
    const id = /<Id>([^<]+)<\/Id>/.exec(manifest)![1]!;

    const extension = await part('xl/webextensions/webextension1.xml');
    expect(extension).toContain(`<we:reference id="${id}" version="0.1.0.0" store="EXCatalog" storeType="EXCatalog"/>`);
    expect(extension).toContain('<we:property name="Office.AutoShowTaskpaneWithDocument" value="true"/>');
    const panes = await part('xl/webextensions/taskpanes.xml');
    expect(panes).toMatch(/<wetp:taskpane dockstate="right" visibility="1"[^>]*>\s*<wetp:webextensionref [^>]*r:id="rId1"\/>/);
    expect(await part('xl/webextensions/_rels/taskpanes.xml.rels')).toContain('Type="http://schemas.microsoft.com/office/2011/relationships/webextension" Target="webextension1.xml"');
    const rels = await part('_rels/.rels');
    expect(rels).toContain('Type="http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes" Target="xl/webextensions/taskpanes.xml"');
    expect(rels).toContain('Target="docProps/custom.xml"');
    expect(new Set([...rels.matchAll(/Id="(rId\d+)"/g)].map((m) => m[1])).size).toBe([...rels.matchAll(/Id="/g)].length);
    const types = await part('[Content_Types].xml');
    expect(types).toContain('<Override PartName="/xl/webextensions/webextension1.xml" ContentType="application/vnd.ms-office.webextension+xml"/>');
    expect(types).toContain('<Override PartName="/xl/webextensions/taskpanes.xml" ContentType="application/vnd.ms-office.webextensiontaskpanes+xml"/>');
    expect(types).toContain('<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>');
    const custom = await part('docProps/custom.xml');
    for (const [name, value] of [['QuotabookKind', 'rep-plan-template'], ['QuotabookPersonId', rep.id], ['QuotabookMonth', MONTH], ['QuotabookTemplateVersion', '1']]) {
      expect(custom).toContain(`name="${name}"><vt:lpwstr>${value}</vt:lpwstr>`);
    }
    for (const name of ['xl/webextensions/webextension1.xml', 'xl/webextensions/taskpanes.xml', 'xl/webextensions/_rels/taskpanes.xml.rels', '_rels/.rels', '[Content_Types].xml', 'docProps/custom.xml']) {
      expect(wellFormed(await part(name)), name).toBe(true);
    }
  });

  it('reads back as a workbook: the cover names the rep, month, target and due day; the plan sheet has its weeks, input cells unlocked and validated, the rest protected', async () => {
    const res = await get(`month=${MONTH}`, t.rep);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const cover = book.getWorksheet('封面')!;
    const label = (text: string) => {
      let found: unknown;
      cover.eachRow((row) => {
        if (row.getCell(1).value === text) found = row.getCell(2).value;
      });
      return found;
    };
    expect(label('姓名')).toBe(rep.name);
    expect(label('月份')).toBe(MONTH);
    expect(label('截止日')).toBe('2026-10-28');
    const { target, stretchTarget } = (await s.gql('query($m: String!) { myRepPlan(month: $m) { target stretchTarget } }', { m: MONTH }, t.rep)).data.myRepPlan;
    expect(label('基础指标')).toBe(Number(target));
    // The stretch target too (both levels are published targets, brief §3–§4); the demo publishes one.
    expect(stretchTarget).not.toBeNull();
    expect(label('奋斗指标')).toBe(Number(stretchTarget));
    expect(Number(stretchTarget)).toBeGreaterThan(Number(target));
    const sheet = book.getWorksheet(`工作计划 ${rep.employeeNo} ${MONTH}`)!;
    expect(sheet.getRow(2).values).toEqual([undefined, '部分', '周 / 客户', '日期', '计划销售额', '电话', '拜访', '活动', 'ID']);
    const weeks = planWeeks(MONTH);
    weeks.forEach((w, i) => expect(sheet.getCell(3 + i, 2).value).toBe(w.key));
    const total = sheet.getCell(3 + weeks.length, 4).value as { formula: string };
    expect(total.formula).toBe(`SUM(D3:D${2 + weeks.length})`);
    expect(sheet.getCell(3, 4).protection).toMatchObject({ locked: false });
    expect(sheet.getCell(3, 4).dataValidation).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0] });
    expect(sheet.getCell(3, 5).dataValidation).toMatchObject({ type: 'whole', formulae: [0, 10000] });
    expect(sheet.getCell(3, 2).protection?.locked).not.toBe(false);
    expect(sheet.getColumn(8).hidden).toBe(true);
    expect((sheet as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
  });

  it('is what the pane makes in the open workbook with the same words: the cover and plan sheet cell by cell, and the document properties', async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const server = createStandInExcel();
      server.workbook.load(await workbookFileFromXlsx(Buffer.from(await (await get(`month=${MONTH}${lang === 'en' ? '&lang=en' : ''}`, t.rep)).arrayBuffer())));
      const pane = createStandInExcel([]);
      const run = pane.workbook.run as unknown as ExcelRun;
      const form = (await s.gql(MY_REP_PLAN, { month: MONTH }, t.rep)).data.myRepPlan;
      const more = (await s.gql(MY_REP_PLAN_COVER, { month: MONTH }, t.rep)).data.myRepPlan;
      expect(more.customers.length).toBeGreaterThan(0);
      const w = words[lang];
      const cover = await writeGridSheet(run, coverSheetSpec(w, { ...form, ...more }));
      const plan = await writeGridSheet(run, planSheetSpec(w, { personId: form.person.id, personName: form.person.name, employeeNo: form.person.employeeNo }, form, form.plan, !form.plan || form.plan.canEdit));
      const owner = { personId: form.person.id, personName: form.person.name, employeeNo: form.person.employeeNo };
      const work = (await s.gql(MY_WORK_MONTH, { month: MONTH }, t.rep)).data.myWorkMonth;
      const log = await writeGridSheet(run, logSheetSpec(w, owner, work));
      const reports = await writeGridSheet(run, reportSheetSpec(w, owner, work));
      await writeDocumentProperties(run, templateProperties({ personId: form.person.id, personName: form.person.name, month: MONTH, version: TEMPLATE_VERSION, sheet: plan.sheetName, logSheet: log.sheetName, reportSheet: reports.sheetName }));
      expect(pane.workbook.sheets.map((x) => x.name)).toEqual(server.workbook.sheets.map((x) => x.name));
      expect(pane.workbook.read(cover.sheetName, 'A1:C40')).toEqual(server.workbook.read(cover.sheetName, 'A1:C40'));
      expect(pane.workbook.read(plan.sheetName, 'A1:H40')).toEqual(server.workbook.read(plan.sheetName, 'A1:H40'));
      for (const cell of ['D3', 'E3', 'B18', 'D12', 'A3', 'B3']) expect(pane.workbook.cell(plan.sheetName, cell)?.unlocked, cell).toBe(server.workbook.cell(plan.sheetName, cell)?.unlocked);
      expect(pane.workbook.sheet(plan.sheetName)!.protected && server.workbook.sheet(plan.sheetName)!.protected).toBe(true);
      // The month's work log and reports (issue 11 §3): the same cells, the same cells open to type in.
      expect(pane.workbook.read(log.sheetName, 'A1:J34')).toEqual(server.workbook.read(log.sheetName, 'A1:J34'));
      expect(pane.workbook.read(reports.sheetName, 'A1:G30')).toEqual(server.workbook.read(reports.sheetName, 'A1:G30'));
      for (const cell of ['C3', 'F3', 'G33', 'A3', 'H3']) expect(pane.workbook.cell(log.sheetName, cell)?.unlocked, `${log.sheetName}!${cell}`).toBe(server.workbook.cell(log.sheetName, cell)?.unlocked);
      for (const cell of ['D3', 'D4', 'D25', 'C4']) expect(pane.workbook.cell(reports.sheetName, cell)?.unlocked, `${reports.sheetName}!${cell}`).toBe(server.workbook.cell(reports.sheetName, cell)?.unlocked);
      expect(server.workbook.cell(log.sheetName, 'C3')?.unlocked).toBe(true);
      expect(server.workbook.sheet(log.sheetName)!.protected && server.workbook.sheet(reports.sheetName)!.protected).toBe(true);
      expect(Object.fromEntries([...pane.workbook.customProperties.values()].map((p) => [p.key, p.value]))).toEqual(Object.fromEntries([...server.workbook.customProperties.values()].map((p) => [p.key, p.value])));
    }
  });

  it('makes the template and the team’s zip of a plan stored with an amount too large for a spreadsheet number (saved before plans had a most), the amount as its exact text for Check to name, not a failure', async () => {
    const month = '2026-12';
    const weeks = planWeeks(month).map((w) => ({ weekKey: w.key, sales: '1000.00', calls: 0, visits: 0, events: 0 }));
    const saved = await s.gql('mutation($m: String!, $i: RepPlanInput!) { saveRepPlan(month: $m, input: $i) { id } }', { m: month, i: { weeks, customers: [] } }, t.rep);
    expect(saved.errors).toBeUndefined();
    const planId = saved.data.saveRepPlan.id as string;
    // As such a plan was stored: 1e15 yuan in the first week (the API refuses it now).
    await s.db.prisma.repPlanLine.updateMany({ where: { planId, kind: 'WEEK', key: weeks[0]!.weekKey }, data: { salesFen: 100_000_000_000_000_000n } });
    await s.db.prisma.repPlan.update({ where: { id: planId }, data: { plannedFen: 100_000_000_000_000_000n + 100_000n * BigInt(weeks.length - 1) } });
    const res = await get(`month=${month}`, t.rep);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = book.getWorksheet(`工作计划 ${rep.employeeNo} ${month}`)!;
    expect([sheet.getCell(3, 4).value, sheet.getCell(4, 4).value]).toEqual(['1000000000000000.00', 1000]);
    const zip = await fetch(`${base}/plan-templates.zip?month=${month}`, { headers: { authorization: `Bearer ${t.manager}` } });
    expect(zip.status).toBe(200);
    const files = Object.keys((await JSZip.loadAsync(Buffer.from(await zip.arrayBuffer()))).files);
    expect(files).toContain(`plan-${rep.employeeNo}-${month}.xlsx`);
    // The plan itself says what is wrong with it, by its code.
    const issues = (await s.gql('query($id: ID!) { repPlan(id: $id) { issues { reason field } } }', { id: planId }, t.rep)).data.repPlan.issues;
    expect(issues).toContainEqual({ reason: 'REP_PLAN_OUT_OF_RANGE', field: 'weeks.0.sales' });
  });

  it('a manager hands out a template of a rep in their units; a rep never gets another’s; unknown or out-of-scope people are not found', async () => {
    expect((await get(`month=${MONTH}&personId=${rep.id}&lang=en`, t.manager)).status).toBe(200);
    const other = await s.db.prisma.person.findFirstOrThrow({ where: { id: { not: rep.id }, position: 'SALES_REP', status: 'ACTIVE' } });
    const refused = await get(`month=${MONTH}&personId=${other.id}`, t.rep);
    expect(refused.status).toBe(404);
    expect((await refused.json()).errors[0].extensions.reason).toBe('PERSON_NOT_FOUND');
    expect((await get(`month=2026-13`, t.rep)).status).toBe(400);
    expect((await get(`month=${MONTH}`)).status).toBe(401);
  });

  it('a manager downloads the templates of all the reps in their units as one zip, one per rep as each would get it; a rep may not; a unit not theirs is not found', async () => {
    const zipOf = (query: string, token?: string) => fetch(`${base}/plan-templates.zip?${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const res = await zipOf(`month=${MONTH}`, t.manager);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="plan-templates-${MONTH}.zip"`);
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const roster = (await s.gql('query($m: String!) { repPlanRoster(month: $m) { personId employeeNo } }', { m: MONTH }, t.manager)).data.repPlanRoster as { personId: string; employeeNo: string }[];
    expect(roster.length).toBeGreaterThan(1);
    expect(Object.keys(zip.files).sort()).toEqual(roster.map((r) => `plan-${r.employeeNo}-${MONTH}.xlsx`).sort());
    for (const r of roster) {
      const props = await customProperties(await zip.file(`plan-${r.employeeNo}-${MONTH}.xlsx`)!.async('uint8array'));
      expect(props).toMatchObject({ QuotabookKind: 'rep-plan-template', QuotabookPersonId: r.personId, QuotabookMonth: MONTH });
    }
    const refused = await zipOf(`month=${MONTH}`, t.rep);
    expect(refused.status).toBe(403);
    expect((await refused.json()).errors[0].extensions.reason).toBe('ROLE_NOT_ALLOWED');
    const root = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { parentId: null } });
    const outside = await zipOf(`month=${MONTH}&unitId=${root.id}`, t.manager);
    expect(outside.status).toBe(404);
    expect((await zipOf(`month=2026-13`, t.manager)).status).toBe(400);
    expect((await zipOf(`month=${MONTH}`)).status).toBe(401);
  });
});
