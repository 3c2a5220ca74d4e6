/**
 * End to end, the pane as wide as Excel makes it: every demo role, every
 * screen it can open, at 320, 350 and 450 px. Nothing scrolls sideways and
 * nothing sticks out; no date or time field is the browser's own (its picker
 * speaks the browser's language); axe finds no serious or critical problem; each screen
 * is photographed at 350 px in both languages (test-results/screens/, not
 * committed). Also: Office's dark theme gives a dark pane, and the language
 * is remembered across reloads with `<html lang>` following it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, expect as globalExpect, it, type ExpectStatic } from 'vitest';
import type { Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { api, hasChromium, openScreen, paneInOffice, signIn, tokenFor, useE2e } from './browser.ts';
import { root } from '../../server/db/providers.ts';
import { planningYear } from '../../addin/src/targets/planning-year.ts';

const WIDTHS = [320, 350, 450] as const;
const SHOTS = path.join(root, 'test-results', 'screens');

/** The screens each role must at least have (new screens are found in the navigation and checked too). */
const AT_LEAST: Record<string, string[]> = {
  admin: ['roster', 'targets', 'my-targets', 'payroll', 'my-payslip'],
  finance: ['roster', 'targets', 'my-targets', 'payroll', 'my-payslip'],
  finmgr: ['roster', 'my-targets', 'payroll', 'my-payslip'],
  gm: ['roster', 'targets', 'my-targets', 'payroll', 'my-payslip', 'scorecards'],
  director: ['roster', 'targets', 'my-targets', 'payroll', 'my-payslip'],
  manager: ['roster', 'targets', 'my-targets', 'payroll', 'my-payslip'],
  rep: ['roster', 'my-targets', 'my-payslip'],
};

/**
 * Waits until the pane's DOM has stopped changing (its data loaded, its
 * layout done): 250 ms without a change, watched in the page (at most 6 s).
 */
const settle = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const pane = document.querySelector('[data-testid="pane"]')!;
        const done = () => {
          observer.disconnect();
          clearTimeout(quiet);
          clearTimeout(limit);
          resolve();
        };
        const observer = new MutationObserver(() => {
          clearTimeout(quiet);
          quiet = setTimeout(done, 250);
        });
        let quiet = setTimeout(done, 250);
        const limit = setTimeout(done, 6000);
        observer.observe(pane, { subtree: true, childList: true, attributes: true, characterData: true });
      }),
  );

/** After a resize or a new language: two frames, for the overflow to measure and the layout to follow. */
const frames = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** How wide the document and the pane are, and any visible element reaching past the viewport. */
const measure = (page: Page) =>
  page.evaluate(() => {
    const width = window.innerWidth;
    const outside = [...document.querySelectorAll('body *')]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        // A busy indicator's bar slides through its clipped track (Fluent's indeterminate ProgressBar): it never scrolls the pane.
        if (e.closest('[role="progressbar"]')) return false;
        return r.width > 0 && r.height > 0 && (r.right > width + 0.5 || r.left < -0.5);
      })
      .map((e) => `${e.tagName.toLowerCase()}${e.getAttribute('data-testid') ? `[${e.getAttribute('data-testid')}]` : ''} ${Math.round(e.getBoundingClientRect().left)}–${Math.round(e.getBoundingClientRect().right)}`);
    return {
      width,
      document: document.documentElement.scrollWidth,
      pane: document.querySelector<HTMLElement>('[data-testid="pane"]')!.scrollWidth,
      root: document.getElementById('root')!.scrollWidth,
      outside,
    };
  });

async function expectFits(page: Page, where: string, expect: ExpectStatic = globalExpect) {
  const m = await measure(page);
  expect({ where, ...m }).toEqual({ where, width: m.width, document: Math.min(m.document, m.width), pane: Math.min(m.pane, m.width), root: Math.min(m.root, m.width), outside: [] });
}

/**
 * Tabster's focus sentinels (`data-tabster-dummy`: focusable on purpose,
 * hidden from screen readers) are a known false positive of aria-hidden-focus
 * that Fluent closed as by design (microsoft/fluentui#27517); they are left out.
 */
async function expectAccessible(page: Page, where: string, expect: ExpectStatic = globalExpect) {
  // Only violations are kept in full: axe then skips building selectors for every passing node,
  // the slow part of a run on a full screen (axe-core's API, "Performance").
  const result = await new AxeBuilder({ page }).exclude('[data-tabster-dummy]').options({ resultTypes: ['violations'] }).analyze();
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
}

async function expectLandmarks(page: Page, where: string, expect: ExpectStatic = globalExpect) {
  const got = await page.evaluate(() => ({
    h1: document.querySelectorAll('h1').length,
    h2: document.querySelectorAll('main h2').length,
    header: document.querySelectorAll('header').length,
    main: document.querySelectorAll('main').length,
    nav: document.querySelectorAll('nav').length,
  }));
  expect({ where, ...got, h2: got.h2 >= 1 }).toEqual({ where, h1: 1, h2: true, header: 1, main: 1, nav: 1 });
}

async function chooseLanguage(page: Page, locale: 'en' | 'zh-CN') {
  await page.getByTestId('language').selectOption(locale);
  await page.waitForFunction((l) => document.documentElement.lang === l, locale);
}

/** Brings out the controls a screen shows only once something is chosen, so they are measured too. */
async function openDetails(page: Page, screen: string) {
  if (screen !== 'targets') return;
  const plan = page.getByTestId('plan');
  if (!(await plan.count())) return;
  const draft = await plan.locator('option').evaluateAll((os) => (os as HTMLOptionElement[]).find((o) => /draft|草稿/i.test(o.text))?.value ?? (os as HTMLOptionElement[])[1]?.value);
  if (draft) await plan.selectOption(draft);
  if (await page.getByTestId('time-method').count()) {
    await page.getByTestId('time-method').selectOption('WEIGHTS');
    await page.getByTestId('owner-method').selectOption('GROWTH');
  }
}

/** A gate that lets `n` holders through at a time: each awaits a turn and releases it when done. */
function slots(n: number): () => Promise<() => void> {
  let free = n;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };
  return async () => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    return release;
  };
}

/** Screens already checked by axe (and photographed) in a language: roles share most screens, and axe is the slow part; widths are checked for every role. */
const axed = new Set<string>();

describe.skipIf(!hasChromium)('the pane at task-pane widths', () => {
  const e2e = useE2e('widths');

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    // Something on every screen: a draft plan and a submitted one (waiting for approvers), and a submitted payroll run (waiting for its signer).
    const page = await e2e.pane();
    const manager = await tokenFor(page, 'manager');
    const area = (await api(page, manager, '{ orgTree { id kind } }')).data.orgTree.find((u: { kind: string }) => u.kind === 'AREA');
    const year = planningYear(new Date());
    for (const [metric, level, submit] of [
      ['SALES_AMOUNT', 'STRETCH', true],
      ['NEW_CUSTOMERS', 'BASE', false],
    ] as const) {
      const created = await api(page, manager, `mutation($u: ID!, $y: Int!) { createTargetPlan(input: { year: $y, metric: ${metric}, level: ${level}, scopeUnitId: $u, total: "1200000" }) { plan { id revision } } }`, {
        u: area.id,
        y: year,
      });
      const { id } = created.data.createTargetPlan.plan;
      const broken = await api(page, manager, 'mutation($id: ID!) { breakDownTargetPlan(id: $id, revision: 1, time: { kind: EQUAL }, owners: { kind: EQUAL }) { plan { revision } } }', { id });
      if (submit) {
        const submitted = await api(page, manager, 'mutation($id: ID!, $r: Int!) { submitTargetPlan(id: $id, revision: $r, comment: "请审批") { plan { status } } }', {
          id,
          r: broken.data.breakDownTargetPlan.plan.revision,
        });
        expect(submitted.data.submitTargetPlan.plan.status).toBe('SUBMITTED');
      }
    }
    const team = (await api(page, await tokenFor(page, 'rep'), '{ viewer { person { unitId } } }')).data.viewer.person.unitId;
    const finance = await tokenFor(page, 'finance');
    const month = new Date().toISOString().slice(0, 7);
    let run = (await api(page, finance, 'mutation($m: String!, $u: ID!) { createPayrollRun(month: $m, scopeUnitId: $u) { run { id revision } } }', { m: month, u: team })).data.createPayrollRun.run;
    run = (await api(page, finance, 'mutation($id: ID!, $r: Int!) { calculatePayrollRun(id: $id, revision: $r) { run { id revision } } }', { id: run.id, r: run.revision })).data.calculatePayrollRun.run;
    const submitted = await api(page, finance, 'mutation($id: ID!, $r: Int!) { submitPayrollRun(id: $id, revision: $r) { run { status } } }', { id: run.id, r: run.revision });
    expect(submitted.data.submitPayrollRun.run.status).toBe('SUBMITTED');
    await page.context().close();
  }, 120_000);

  // Two roles at a time, each in its own page: the sweeps wait mostly on rendering and settling, so two
  // overlap well on two cores (the admin's, with most screens to axe, runs beside the others in turn).
  const slot = slots(2);
  for (const role of Object.keys(AT_LEAST)) {
    it.concurrent(`${role}: every screen fits 320, 350 and 450 px, has headings and landmarks and no serious axe violation`, async ({ expect }) => {
      const release = await slot();
      try {
        await sweep(role, expect);
      } finally {
        release();
      }
      // Counted from when the test starts, including its wait for a turn.
    }, 900_000);
  }

  /** Every screen of a role at each width and in each language (assertions through the test's own expect: roles run concurrently). */
  async function sweep(role: string, expect: ExpectStatic) {
    const page = await e2e.pane('en-US');
    await page.setViewportSize({ width: 350, height: 900 });
    await signIn(page, role);
    const screens = await page.locator('[data-testid^="tab-"]').evaluateAll((tabs) => tabs.map((t) => t.getAttribute('data-testid')!.slice('tab-'.length)));
    expect(screens).toEqual(expect.arrayContaining(AT_LEAST[role]!));
    if (role === 'rep') expect(screens).not.toContain('targets');
    for (const screen of screens) {
      await page.setViewportSize({ width: 350, height: 900 });
      await openScreen(page, screen);
      await settle(page);
      await openDetails(page, screen);
      // No browser date or time field: its picker speaks the browser's language, not the pane's.
      const native = await page.locator('input[type="month"], input[type="date"], input[type="datetime-local"], input[type="time"], input[type="week"]').count();
      expect({ where: `${role} ${screen}`, native }).toEqual({ where: `${role} ${screen}`, native: 0 });
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        await frames(page);
        await expectFits(page, `${role} ${screen} ${width}px`, expect);
      }
      await page.setViewportSize({ width: 350, height: 900 });
      for (const locale of ['en', 'zh-CN'] as const) {
        await chooseLanguage(page, locale);
        await frames(page);
        await expectFits(page, `${role} ${screen} 350px ${locale}`, expect);
        await expectLandmarks(page, `${role} ${screen} ${locale}`, expect);
        if (!axed.has(`${screen} ${locale}`)) {
          axed.add(`${screen} ${locale}`);
          await expectAccessible(page, `${role} ${screen} ${locale}`, expect);
          // One picture of each screen in each language (as the first role to have it sees it).
          await page.screenshot({ path: path.join(SHOTS, `${screen}-${locale}.png`), fullPage: true });
        }
      }
      await chooseLanguage(page, 'en');
    }
    await page.context().close();
  }

  it('signed out: the sign-in screen fits and is accessible in both languages', async () => {
    const page = await e2e.pane('en-US');
    await page.getByTestId('sign-in').waitFor();
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 700 });
      await frames(page);
      await expectFits(page, `sign-in ${width}px`);
    }
    await page.setViewportSize({ width: 350, height: 700 });
    for (const locale of ['en', 'zh-CN'] as const) {
      await chooseLanguage(page, locale);
      await expectAccessible(page, `sign-in ${locale}`);
      expect(await page.locator('h1').count()).toBe(1);
      expect(await page.locator('main h2').count()).toBe(1);
      await page.screenshot({ path: path.join(SHOTS, `signed-out-sign-in-${locale}.png`), fullPage: true });
    }
    await page.context().close();
  }, 60_000);

  it('the More menu opens the screens whose tabs do not fit', async () => {
    const page = await e2e.pane('en-US');
    await page.setViewportSize({ width: 320, height: 800 });
    await signIn(page, 'admin');
    await page.getByTestId('nav-more').click();
    const hidden = page.locator('[data-testid^="nav-more-"]');
    expect(await hidden.count()).toBeGreaterThan(0);
    const id = (await hidden.last().getAttribute('data-testid'))!.slice('nav-more-'.length);
    await hidden.last().click();
    // The chosen screen's tab comes into view, selected, and its screen opens.
    await expect.poll(() => page.getByTestId(`tab-${id}`).isVisible()).toBe(true);
    expect(await page.getByTestId(`tab-${id}`).getAttribute('aria-selected')).toBe('true');
    await expectFits(page, `admin after More › ${id}`);

    // In Chinese the labels are shorter: the tabs are measured again and more of them fit.
    await page.setViewportSize({ width: 350, height: 800 });
    await frames(page);
    const visibleInEnglish = await page.locator('[data-testid^="tab-"]:visible').count();
    await chooseLanguage(page, 'zh-CN');
    await expect.poll(() => page.locator('[data-testid^="tab-"]:visible').count()).toBeGreaterThan(visibleInEnglish);
    await expectFits(page, 'admin in Chinese at 350px');
    await page.context().close();
  }, 60_000);

  /** The pane's background as [r, g, b]. */
  const background = (page: Page) =>
    page.evaluate(() => {
      const m = getComputedStyle(document.querySelector('[data-testid="pane"]')!).backgroundColor.match(/\d+/g)!.map(Number);
      const body = getComputedStyle(document.body).backgroundColor.match(/\d+/g)!.map(Number);
      return { pane: m.slice(0, 3), body: body.slice(0, 3) };
    });
  const brightness = ([r, g, b]: number[]) => (r! + g! + b!) / 3;

  it('a dark Office theme gives a dark pane, a light one a light pane', async () => {
    const dark = await paneInOffice(e2e.browser, e2e.script, e2e.server.url, { officeTheme: { bodyBackgroundColor: '#262626', bodyForegroundColor: '#FFFFFF' } });
    await dark.setViewportSize({ width: 350, height: 800 });
    await dark.getByTestId('sign-in').waitFor();
    const d = await background(dark);
    expect(brightness(d.pane)).toBeLessThan(80);
    expect(brightness(d.body)).toBeLessThan(80);
    await signIn(dark, 'manager');
    await openScreen(dark, 'targets');
    await settle(dark);
    await expectAccessible(dark, 'manager targets, dark');
    await dark.screenshot({ path: path.join(SHOTS, 'dark-manager-targets-en.png'), fullPage: true });
    await dark.context().close();

    const light = await paneInOffice(e2e.browser, e2e.script, e2e.server.url, { officeTheme: { bodyBackgroundColor: '#FFFFFF', bodyForegroundColor: '#000000' } });
    await light.getByTestId('sign-in').waitFor();
    expect(brightness((await background(light)).pane)).toBeGreaterThan(200);
    await light.context().close();
  }, 60_000);

  it('the language starts as Office’s, is remembered across reloads, and <html lang> follows it', async () => {
    const page = await paneInOffice(e2e.browser, e2e.script, e2e.server.url, { displayLanguage: 'zh-CN' }, 'en-US');
    await page.getByTestId('sign-in').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await expect(page.getByTestId('sign-in-submit').innerText()).resolves.toBe('登录');

    await chooseLanguage(page, 'en');
    await page.reload();
    await page.getByTestId('sign-in').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expect(page.getByTestId('sign-in-submit').innerText()).resolves.toBe('Sign in');
    expect(await page.getByTestId('language').inputValue()).toBe('en');

    // Signed in, the choice still holds and the screens speak it.
    await signIn(page, 'rep');
    await chooseLanguage(page, 'zh-CN');
    await page.reload();
    await page.getByTestId('roster-pane').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await expect(page.getByTestId('tab-roster').innerText()).resolves.toBe('花名册');
    await page.context().close();
  }, 60_000);
});
