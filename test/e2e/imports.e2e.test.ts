/**
 * End to end, finance's imports: sales typed in the active sheet are
 * previewed (counts, and a problem naming its cell, which the pane goes to),
 * fixed, previewed again and imported, and are then on the server; attendance
 * from a GBK CSV as Excel zh-CN saves it; the main labels in both languages.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, hasChromium, signIn, tokenFor, useE2e, openScreen } from './browser.ts';
import { root } from '../../server/db/providers.ts';

describe.skipIf(!hasChromium)('imports in the task pane', () => {
  const e2e = useE2e('imports');
  const standIn = <T,>(page: Page, f: string, ...args: unknown[]) =>
    page.evaluate(({ f, args }) => (window as any).__standIn[f](...args), { f, args }) as Promise<T>;
  const text = (page: Page, id: string) => page.getByTestId(id).first().innerText();

  it('finance previews the active sheet, goes to the problem’s cell, fixes it and imports; then a GBK attendance file', async () => {
    const page = await e2e.pane();
    const rep = (await api(page, await tokenFor(page, 'rep'), '{ viewer { person { employeeNo } } }')).data.viewer.person.employeeNo as string;

    await signIn(page, 'finance');
    await openScreen(page, 'imports');
    await expect(text(page, 'import-pane')).resolves.toMatch(/单号 \(externalId\), 工号 \(employeeNo\)/);

    // An empty sheet says what to do.
    await page.getByTestId('import-preview-sheet').click();
    await expect(text(page, 'import-status')).resolves.toMatch(/The active sheet “Sheet1” has no rows to import/);

    // A title line, the header, two rows: one amount is not an amount.
    const rows = [
      ['2026年3月销售明细'],
      ['单号', '工号', '日期', '金额', '客户'],
      ['E2E-IMP-1', rep, '2026/3/2', '1200.50', '杭州客户'],
      ['E2E-IMP-2', rep, '2026-03-03', 'abc', ''],
    ];
    for (const [r, row] of rows.entries()) for (const [c, v] of row.entries()) if (v) await standIn(page, 'type', 'Sheet1', `${'ABCDE'[c]}${r + 1}`, v);
    await page.getByTestId('import-preview-sheet').click();
    await page.getByTestId('import-preview').waitFor();
    await expect(text(page, 'import-summary')).resolves.toBe('2 rows read: 1 new, 0 changed, 0 unchanged.');
    await expect(text(page, 'import-problems')).resolves.toMatch(/^1 problem\. Nothing will be imported/);
    await expect(text(page, 'import-problem')).resolves.toMatch(/^Sheet1!D4: .*abc/);
    expect(await page.getByTestId('import-run').count()).toBe(0);
    await page.getByTestId('import-problem').first().click();
    await expect.poll(() => page.evaluate(() => (window as any).__standIn.selection)).toBe('Sheet1!D4');

    // Fixed, previewed again, imported.
    await standIn(page, 'type', 'Sheet1', 'D4', 300);
    await page.getByTestId('import-preview-sheet').click();
    await page.getByTestId('import-run').waitFor();
    await expect(text(page, 'import-summary')).resolves.toBe('2 rows read: 2 new, 0 changed, 0 unchanged.');
    await expect(text(page, 'import-run')).resolves.toBe('Import 2 rows');
    await page.getByTestId('import-run').click();
    await expect(text(page, 'import-status')).resolves.toBe('Imported from Sheet1: 2 new, 0 changed, 0 unchanged.');
    expect(await standIn(page, 'read', 'Sheet1', 'A3:E4')).toEqual([
      ['E2E-IMP-1', rep, '2026/3/2', 1200.5, '杭州客户'],
      ['E2E-IMP-2', rep, '2026-03-03', 300, ''],
    ]); // the pane wrote nothing to the sheet

    // The server imports a sheet as a job. Refused there (March was locked after the preview), the pane
    // previews again, so the problem shows at its cell, and says the import was refused; nothing is saved.
    await standIn(page, 'type', 'Sheet1', 'A5', 'E2E-IMP-3');
    await standIn(page, 'type', 'Sheet1', 'B5', rep);
    await standIn(page, 'type', 'Sheet1', 'C5', '2026-03-04');
    await standIn(page, 'type', 'Sheet1', 'D5', 50);
    await page.getByTestId('import-preview-sheet').click();
    await page.getByTestId('import-run').waitFor();
    await expect(text(page, 'import-summary')).resolves.toBe('3 rows read: 1 new, 0 changed, 2 unchanged.');
    const admin = await tokenFor(page, 'admin');
    expect((await api(page, admin, 'mutation { lockPeriod(periodKey: "2026-03", reason: "e2e") { periodKey } }')).errors).toBeUndefined();
    await page.getByTestId('import-run').click();
    await expect(text(page, 'import-status')).resolves.toMatch(/^The import was refused and nothing was saved: \d+ problems?\./);
    await expect(text(page, 'import-problem')).resolves.toMatch(/^Sheet1!C\d: .*locked/);
    expect(await page.getByTestId('import-run').count()).toBe(0);
    expect((await api(page, admin, 'mutation { reopenPeriod(periodKey: "2026-03", reason: "e2e") }')).errors).toBeUndefined();
    // Nothing of it was saved: previewed again, the new row is still new.
    await page.getByTestId('import-preview-sheet').click();
    await page.getByTestId('import-run').waitFor();
    await expect(text(page, 'import-summary')).resolves.toBe('3 rows read: 1 new, 0 changed, 2 unchanged.');

    // The sales are on the server: the same records again change nothing.
    const finance = await tokenFor(page, 'finance');
    const again = await api(page, finance, 'mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created updated unchanged } }', {
      r: [
        { externalId: 'E2E-IMP-1', employeeNo: rep, date: '2026-03-02', amount: '1200.50', customer: '杭州客户' },
        { externalId: 'E2E-IMP-2', employeeNo: rep, date: '2026-03-03', amount: '300.00' },
      ],
    });
    expect(again.data.importSalesActuals).toEqual({ created: 0, updated: 0, unchanged: 2 });

    // Attendance from a file Excel zh-CN saved as CSV (GBK).
    await page.getByTestId('import-kind').selectOption('attendance');
    await page.getByTestId('import-file-input').setInputFiles(path.join(root, 'test', 'fixtures', 'imports', 'attendance-gbk.csv'));
    await page.getByTestId('import-run').waitFor();
    await expect(text(page, 'import-preview')).resolves.toMatch(/From attendance-gbk\.csv\s+2 rows read: 2 new/);
    await page.getByTestId('import-run').click();
    await expect(text(page, 'import-status')).resolves.toBe('Imported from attendance-gbk.csv: 2 new, 0 changed, 0 unchanged.');
  }, 180_000);

  it('speaks Chinese: the tab, the buttons and the preview', async () => {
    const page = await e2e.pane('zh-CN');
    await signIn(page, 'finance');
    await openScreen(page, 'imports');
    await expect(page.getByRole('heading', { name: '导入', exact: true }).count()).resolves.toBeGreaterThan(0);
    await expect(text(page, 'import-preview-sheet')).resolves.toBe('预览当前工作表');
    await expect(text(page, 'import-choose-file')).resolves.toBe('预览文件…');
    await page.getByTestId('import-kind').selectOption('attendance');
    await expect(page.getByTestId('import-kind').locator('option:checked').innerText()).resolves.toBe('考勤');
    await page.getByTestId('import-preview-sheet').click();
    await expect(text(page, 'import-status')).resolves.toBe('当前工作表“Sheet1”没有可导入的行。请填入表头行和数据，或选择文件。');
    for (const [a, v] of [['A1', '工号'], ['B1', '日期'], ['C1', '状态'], ['A2', 'QB00007'], ['B2', '2025/3/4'], ['C2', '迟到']] as const) await standIn(page, 'type', 'Sheet1', a, v);
    await page.getByTestId('import-preview-sheet').click();
    await page.getByTestId('import-preview').waitFor();
    await expect(text(page, 'import-summary')).resolves.toMatch(/^共读取 1 行：/);
  }, 120_000);
});
