/**
 * End to end, the pane's month and date fields: in a Chinese pane on an
 * English browser (an English Windows with Office in Chinese, or a pane
 * language chosen against the system's), the calendar speaks Chinese, as the
 * rest of the pane does; a browser's own month picker would have said
 * "December 2026". A month picked there is taken; one typed loosely is put in
 * form when the field is left; a wrong one is named under the field and not
 * taken.
 */
import { describe, expect, it } from 'vitest';
import { api, hasChromium, openScreen, signIn, tokenFor, useE2e } from './browser.ts';

const ENGLISH_MONTHS = /January|February|March|April|May|June|July|August|September|October|November|December|\bJan\b|\bFeb\b|\bMar\b|\bApr\b|\bJun\b|\bJul\b|\bAug\b|\bSep\b|\bOct\b|\bNov\b|\bDec\b|Today|Sunday|Monday/;

describe.skipIf(!hasChromium)('month and date fields', () => {
  const e2e = useE2e('date-inputs');

  it('a Chinese pane on an English browser: the month picker speaks Chinese, and a picked, typed or wrong month does what it says', async () => {
    const page = await e2e.pane('en-US');
    await page.getByTestId('language').selectOption('zh-CN');
    await signIn(page, 'finance');
    // A run in January, for the screen to offer that month from a month without runs.
    const finance = await tokenFor(page, 'finance');
    const team = (await api(page, finance, '{ orgTree { id kind } }')).data.orgTree.find((u: { kind: string }) => u.kind === 'TEAM').id;
    expect((await api(page, finance, 'mutation($u: ID!) { createPayrollRun(month: "2026-01", scopeUnitId: $u) { run { id } } }', { u: team })).errors).toBeUndefined();
    await openScreen(page, 'payroll');
    const month = page.getByTestId('payroll-month');
    await expect(month.getAttribute('type')).resolves.toBe('text');
    await month.fill('2026-03');
    await expect(month.inputValue()).resolves.toBe('2026-03');

    // The picker, in the pane's language.
    await page.getByTestId('payroll-month-pick').click();
    const calendar = page.getByRole('dialog', { name: '选择月份' });
    await calendar.waitFor();
    const shown = await calendar.innerText();
    expect(shown).toContain('2026');
    expect(shown).toContain('10月');
    expect(shown).not.toMatch(ENGLISH_MONTHS);
    // What a screen reader says of its buttons too.
    const said = await calendar.locator('[aria-label],[title]').evaluateAll((els) => els.flatMap((e) => [e.getAttribute('aria-label') ?? '', e.getAttribute('title') ?? '']));
    expect(said.filter((l) => ENGLISH_MONTHS.test(l) || /previous|next|year|month/i.test(l))).toEqual([]);
    await calendar.getByRole('gridcell', { name: '10月' }).click();
    await expect.poll(() => month.inputValue()).toBe('2026-10');
    await calendar.waitFor({ state: 'detached' });

    // Typed loosely, put in form when the field is left.
    await month.fill('2026/2');
    await month.blur();
    await expect.poll(() => month.inputValue()).toBe('2026-02');
    await page.getByTestId('payroll-pane').getByText('2026年2月').first().waitFor();

    // Not a month: named under the field, in Chinese, kept as typed; no month is chosen (the February run is no longer
    // shown as if it were the month in the field).
    await month.fill('2026-13');
    await month.blur();
    await expect(page.getByTestId('payroll-month-problem').innerText()).resolves.toBe('请按“年-月”输入月份，例如 2026-03。');
    await expect(month.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(month.inputValue()).resolves.toBe('2026-13');
    await month.fill('2026-04');
    await page.getByTestId('payroll-month-problem').waitFor({ state: 'detached' });
    await page.getByTestId('payroll-pane').getByText('2026年4月').first().waitFor();

    // A month set by the screen while the user is in the field (here a month button pressed by script, as the screen
    // opening on a waiting run does) does not replace the text under the caret: what they type replaces what they selected.
    await page.getByTestId('payroll-other-month').first().waitFor();
    await month.focus();
    await month.selectText();
    await page.evaluate(() => (document.querySelector('[data-testid=payroll-other-month]') as HTMLElement).click());
    await page.keyboard.type('2026-05');
    await expect(month.inputValue()).resolves.toBe('2026-05');
    await month.blur();
    await page.getByTestId('payroll-pane').getByText('2026年5月').first().waitFor();
  }, 120_000);

  it('a date field: the calendar names days and months in the pane’s language, and a picked day is taken', async () => {
    const page = await e2e.pane('en-US');
    await page.getByTestId('language').selectOption('zh-CN');
    await signIn(page, 'manager');
    const asOf = page.getByTestId('as-of');
    await asOf.fill('2026-11-01');
    await page.getByTestId('as-of-pick').click();
    const calendar = page.getByRole('dialog', { name: '选择日期' });
    await calendar.waitFor();
    const shown = await calendar.innerText();
    expect(shown).toContain('2026年11月');
    expect(shown).not.toMatch(ENGLISH_MONTHS);
    for (const day of ['一', '二', '三', '四', '五', '六', '日']) expect(shown).toContain(day);
    await calendar.getByRole('gridcell', { name: '18, 十一月, 2026' }).or(calendar.getByRole('button', { name: '18, 十一月, 2026' })).first().click();
    await expect.poll(() => asOf.inputValue()).toBe('2026-11-18');

    // A date edited into one that does not exist (30 April, then 31): the form holds no date, so nothing is done with
    // 30 April, which the field no longer shows: Pull is off, and the field says why.
    await asOf.fill('2026-04-30');
    await asOf.fill('2026-04-31');
    await asOf.blur();
    await expect(page.getByTestId('as-of-problem').innerText()).resolves.toBe('2026年4月没有 31 日。');
    await expect(page.getByTestId('pull-roster').isDisabled()).resolves.toBe(true);
    await expect(page.evaluate(() => !!(window as any).__standIn.sheet('花名册'))).resolves.toBe(false);

    // The heading opens the months and years, so a date years back is a few clicks away.
    await asOf.fill('2026-11-01');
    await page.getByTestId('as-of-pick').click();
    const again = page.getByRole('dialog', { name: '选择日期' });
    await again.getByRole('button', { name: /2026年11月/ }).first().click();
    await again.getByRole('gridcell', { name: '3月' }).waitFor();
  }, 120_000);
});
