/** describeError: a refusal in the user's language, from the catalogue, with Intl formatting; network failures and timeouts translated. */
import { describe, expect, it } from 'vitest';
import { words } from '../i18n.ts';
import { describeError, isTransient } from './describe-error.ts';
import { loadWithRetry } from './retry.ts';
import { ApiError, RequestTimeout, createClient, fetchWithTimeout, run } from './client.ts';

const en = words.en;
const zh = words['zh-CN'];
const refusal = (code: string, reason: string | undefined, params: Record<string, string | number> = {}) => new ApiError('The English message', code, reason, params);

describe('describeError', () => {
  it('renders a reason from the catalogue in each language', () => {
    const ownPay = refusal('FORBIDDEN', 'OWN_PAY');
    expect(describeError(zh, ownPay)).toBe('任何人都不能修改决定自己薪酬的内容：请由他人办理此项修改。');
    expect(describeError(en, ownPay)).toBe('Nobody may change what decides their own pay: someone else must make this change.');
    expect(describeError(zh, refusal('NOT_FOUND', 'TARGET_PLAN_NOT_FOUND', { id: 'p1' }))).toBe('未找到目标计划 p1。');
  });

  it('names enum values (metric, level, plan status) in the language, never as raw codes', () => {
    const dup = refusal('BAD_USER_INPUT', 'PLAN_EXISTS', { level: 'BASE', metric: 'SALES_AMOUNT', unit: '华东大区', year: 2026, version: 2, planStatus: 'SUBMITTED' });
    expect(describeError(zh, dup)).toBe('华东大区 2026 年的销售额基础指标计划已存在（第 2 版，已提交），请打开或修订该计划。');
    expect(describeError(en, dup)).toBe('A Base sales amount plan for 华东大区, 2026 already exists (version 2, Submitted); open it or revise it.'.replace('Base sales amount', `${en.targets.levels.BASE} ${en.targets.metrics.SALES_AMOUNT}`).replace('Submitted', en.targets.statuses.SUBMITTED));
    expect(describeError(zh, refusal('FORBIDDEN', 'NOT_YOUR_SIGN_OFF', { role: 'FINANCE_MANAGER' }))).toBe('当前应由财务经理签字。');
    expect(describeError(zh, refusal('BAD_USER_INPUT', 'TOO_SHORT', { field: 'password', min: 12 }))).toBe('密码至少需要 12 个字符。');
  });

  it('names the rank or the position whose signed payroll refuses their plan assignment, in each language', () => {
    const signed = { month: '2026-10', runStatus: 'SUBMITTED', version: 1 };
    expect(describeError(zh, refusal('BAD_USER_INPUT', 'PAYROLL_ALREADY_SIGNED_FOR_RANK', { rank: 'TE', ...signed }))).toBe(`含职级 寰宇领袖 TE 人员的 2026年10月 工资已处于“${zh.payroll.statuses.SUBMITTED}”状态（第 1 版），请先退回或重新打开。`);
    expect(describeError(en, refusal('BAD_USER_INPUT', 'PAYROLL_ALREADY_SIGNED_FOR_RANK', { rank: 'TE', ...signed }))).toContain('with people of rank TE is already');
    expect(describeError(en, refusal('BAD_USER_INPUT', 'PAYROLL_ALREADY_SIGNED_FOR_POSITION', { position: 'SALES_REP', ...signed }))).toBe(
      `The Oct 2026 payroll with people in the position sales rep is already ${en.payroll.statuses.SUBMITTED} (version 1); return or reopen it first.`,
    );
    expect(describeError(zh, refusal('BAD_USER_INPUT', 'PAYROLL_ALREADY_SIGNED_FOR_POSITION', { position: 'SALES_REP', ...signed }))).toContain('含职位“销售代表”人员');
  });

  it('says the day a plan version pays from', () => {
    const notYet = refusal('BAD_USER_INPUT', 'PLAN_VERSION_NOT_YET_EFFECTIVE', { plan: 'DIRECT_SALES_LADDER', version: 2, effectiveFrom: '2026-12-01' });
    expect(describeError(zh, notYet)).toBe('方案 DIRECT_SALES_LADDER 第 2 版自 2026年12月1日 起才生效：请从该日或之后开始适用，或选择在该日已生效的版本。');
    expect(describeError(en, notYet)).toBe('Plan DIRECT_SALES_LADDER version 2 pays only from December 1, 2026: assign it from that day or later, or choose a version in force on the day.');
  });

  it('names the times of a visit slip returning before it leaves, so one day does not read as two equal dates', () => {
    const back = refusal('BAD_USER_INPUT', 'VISIT_SLIP_BACK_BEFORE_OUT', { from: '2026-12-07', to: '2026-12-07', fromTime: '14:00', toTime: '09:30' });
    expect(describeError(zh, back)).toBe('计划返回时间（2026年12月7日 09:30）必须晚于出发时间（2026年12月7日 14:00）。');
    expect(describeError(en, back)).toBe('The planned return (December 7, 2026, 09:30) must come after the departure (December 7, 2026, 14:00).');
  });

  it('quotes a day that does not exist as it was typed, never as the day it would roll over to', () => {
    const bad = refusal('BAD_USER_INPUT', 'CELL_NOT_A_DATE', { value: '2026-13-01' });
    expect(describeError(zh, bad)).toContain('“2026-13-01”');
    expect(describeError(zh, bad)).not.toContain('2027');
    expect(describeError(en, refusal('BAD_USER_INPUT', 'CELL_NOT_A_DATE', { value: '2026-02-30' }))).toContain('2026-02-30');
  });

  it('counts a penalty’s place from the bottom, and says a penalty is typed as a positive amount', () => {
    const bad = refusal('BAD_USER_INPUT', 'RANKING_RULE_AMOUNT_INVALID', { list: 'penalties', place: 1, value: '-200' });
    expect(describeError(zh, bad)).toBe('处罚：倒数第 1 名：“-200”不是大于 0.00、不超过 1,000,000.00 且最多两位小数的金额（处罚也填正数，即扣款金额）。');
  });

  it('formats money, counts and dates with Intl for the locale', () => {
    const money = refusal('BAD_USER_INPUT', 'MONEY_OUT_OF_RANGE', { maxAmount: '90071992547409.91' });
    expect(describeError(zh, money)).toBe('金额超出支持范围（±¥90,071,992,547,409.91）。');
    expect(describeError(zh, money)).toContain('¥90,071,992,547,409.91');
    // English too says ¥, as the pane's money does everywhere, not "CN¥".
    expect(describeError(en, money)).toContain('±¥90,071,992,547,409.91');
    expect(describeError(en, money)).not.toContain('CN¥');
    expect(describeError(en, refusal('BAD_USER_INPUT', 'FISCAL_YEAR_IN_USE', { count: 12345 }))).toMatch(/^12,345 target plan/);
    expect(describeError(zh, refusal('BAD_USER_INPUT', 'LEAVE_IN_PAST', { date: '2026-03-05' }))).toBe('请假须事先申请：2026年3月5日 已经过去。');
    expect(describeError(en, refusal('BAD_USER_INPUT', 'LEAVE_IN_PAST', { date: '2026-03-05' }))).toBe('Leave must be requested before it is taken: March 5, 2026 has passed.');
  });

  it('names a locked period as people say it, not by its key', () => {
    expect(describeError(zh, refusal('BAD_USER_INPUT', 'PERIOD_LOCKED', { period: '2026-11' }))).toBe('期间 2026年11月 已锁定，须由管理员重新开放。');
    expect(describeError(en, refusal('BAD_USER_INPUT', 'PERIOD_LOCKED', { period: '2026-Q3' }))).toBe('The period Q3 2026 is locked; an admin must reopen it first.');
  });

  it('says how many more a list of names leaves out ("and N others" / "及其他 N 人"), and nothing more when it lists everyone', () => {
    const paidTwice = (count: number, names: string, others: number) => refusal('BAD_USER_INPUT', 'PAID_IN_OTHER_RUN', { count, month: '2026-05', names, others, unit: '华东大区', version: 1, runStatus: 'DRAFT' });
    const five = '王芳 (E001), 李娜 (E002), 张伟 (E003), 刘洋 (E004), 陈静 (E005)';
    expect(describeError(en, paidTwice(12, five, 7))).toBe(`12 people would be paid twice for May 2026: ${five} and 7 others already in the run for 华东大区 (version 1, ${en.payroll.statuses.DRAFT}). Choose scopes that do not overlap.`);
    expect(describeError(en, paidTwice(6, five, 1))).toContain(`${five} and 1 other already in the run`);
    expect(describeError(zh, paidTwice(12, five, 7))).toBe(`2026年5月 有 12 人将被重复发薪：${five.split(', ').join('、')} 及其他 7 人 已在 华东大区 的工资批次中（第 1 版，${zh.payroll.statuses.DRAFT}）。每人每月只发一份工资条，请选择互不重叠的范围。`);
    expect(describeError(en, paidTwice(2, '王芳 (E001), 李娜 (E002)', 0))).toContain(': 王芳 (E001), 李娜 (E002) already in the run');
    expect(describeError(zh, paidTwice(2, '王芳 (E001), 李娜 (E002)', 0))).toContain('：王芳 (E001)、李娜 (E002) 已在');
    // So does a calculation refused for people no compensation plan applies to.
    const noPlan = (count: number, others: number) => refusal('BAD_USER_INPUT', 'NO_PLAN_APPLIES', { count, names: '王芳 (E001), 李娜 (E002)', others });
    expect(describeError(en, noPlan(9, 7))).toBe('No compensation plan applies to 9 people: 王芳 (E001), 李娜 (E002) and 7 others. Assign a plan first.');
    expect(describeError(zh, noPlan(9, 7))).toBe('有 9 人没有适用的薪酬方案：王芳 (E001)、李娜 (E002) 及其他 7 人。请先分配方案。');
    expect(describeError(zh, noPlan(2, 0))).toBe('有 2 人没有适用的薪酬方案：王芳 (E001)、李娜 (E002)。请先分配方案。');
  });

  it('says a throttled sign-in with its wait, and a wrong password, in each language', () => {
    expect(describeError(zh, refusal('UNAUTHENTICATED', 'SIGN_IN_DELAYED', { seconds: 4 }))).toBe('密码错误次数过多，请 4 秒后重试。');
    expect(describeError(en, refusal('UNAUTHENTICATED', 'SIGN_IN_DELAYED', { seconds: 4 }))).toBe('Too many wrong passwords; try again in 4 s.');
    expect(describeError(zh, refusal('UNAUTHENTICATED', 'WRONG_PASSWORD'))).toBe('用户名或密码错误。');
  });

  it('falls back by code for a reason it does not know, never showing the English message to a zh-CN user', () => {
    expect(describeError(zh, refusal('FORBIDDEN', 'SOMETHING_NEW'))).toBe('您无权执行此操作。');
    expect(describeError(zh, refusal('WHATEVER', undefined))).toBe('服务器拒绝了该请求。');
    expect(describeError(en, refusal('CONFLICT', undefined))).toMatch(/Someone else changed this/);
  });

  it('says an Excel error in the pane’s words with its code, never Excel’s English message', () => {
    // What Office.js throws (OfficeExtension.Error): a code, a message (often English whatever the UI), debugInfo.
    const excelError = (code: string) => Object.assign(new Error('The property "values" is not available. Before reading the property\'s value, call the load method.'), { name: 'RichApi.Error', code, debugInfo: { code } });
    expect(describeError(zh, excelError('PropertyNotLoaded'))).toBe('Excel 无法完成此操作（PropertyNotLoaded）。请重试；如反复出现，请联系管理员。');
    expect(describeError(en, excelError('GeneralException'))).toBe('Excel could not do this (GeneralException). Try again; if it keeps happening, tell your administrator.');
    expect(describeError(zh, excelError('AccessDenied'))).toBe('Excel 拒绝了操作：工作表或工作簿受保护（AccessDenied）。请取消保护或改写到新工作表后重试。');
    expect(describeError(zh, excelError('InvalidOperationInCellEditMode'))).toContain('Excel 正忙');
    expect(describeError(zh, excelError('RequestPayloadSizeLimitExceeded'))).toContain('过大的请求');
    // The pane's own errors are already in the user's words.
    expect(describeError(zh, new Error('请输入形如 2026-03 的月份。'))).toBe('请输入形如 2026-03 的月份。');
  });

  it('translates a network failure and a timeout, with a hint to try again', () => {
    expect(describeError(zh, new ApiError('Failed to fetch', 'NETWORK'))).toBe('无法连接 Quotabook 服务器，请检查网络（或服务器地址）后重试。');
    expect(describeError(en, new TypeError('Failed to fetch'))).toMatch(/^Cannot reach the Quotabook server/);
    expect(describeError(zh, new ApiError('slow', 'TIMEOUT', undefined, {}, undefined, 30_000))).toBe('服务器在 30 秒内没有响应。请重试；如反复出现，请缩小请求范围。');
    expect(describeError(en, new RequestTimeout(15_000))).toMatch(/did not answer within 15 s\. Try again/);
  });
});

describe('the client', () => {
  const server = 'https://quotabook.example';

  it('gives up on a request after the timeout, as a TIMEOUT ApiError', async () => {
    const never: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason), { once: true }));
    const client = createClient(server, null, { timeoutMs: 50, fetch: never });
    const err = await run(client, '{ viewer { username } }').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('TIMEOUT');
    expect(describeError(words.en, err)).toMatch(/did not answer within 0 s|did not answer within/);
  });

  it('reports an unreachable server as NETWORK', async () => {
    const down: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    const err = await run(createClient(server, null, { fetch: down }), '{ viewer { username } }').catch((e: unknown) => e);
    expect((err as ApiError).code).toBe('NETWORK');
    expect(describeError(words['zh-CN'], err)).toMatch(/^无法连接/);
  });

  it('carries the reason, params and field of a refusal', async () => {
    const refusing: typeof fetch = async () =>
      new Response(JSON.stringify({ errors: [{ message: 'Nobody may…', extensions: { code: 'FORBIDDEN', reason: 'OWN_PAY', params: {}, field: 'personId' } }] }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    const err = (await run(createClient(server, 'tok', { fetch: refusing }), 'mutation { x }', {}, true).catch((e: unknown) => e)) as ApiError;
    expect([err.code, err.reason, err.params, err.field]).toEqual(['FORBIDDEN', 'OWN_PAY', {}, 'personId']);
    expect(describeError(words['zh-CN'], err)).toBe('任何人都不能修改决定自己薪酬的内容：请由他人办理此项修改。');
  });

  it('still lets the caller abort', async () => {
    const controller = new AbortController();
    const never: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')), { once: true }));
    const p = fetchWithTimeout(10_000, never)('https://x', { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();
    expect(((await p) as Error).name).toBe('AbortError');
  });
});

describe('import problems in the reader’s language', () => {
  it('names the cell and says why, from the reason and its params', async () => {
    const { describeProblem } = await import('./describe-error.ts');
    const { words } = await import('../i18n.ts');
    const p = { sheet: '三月', cell: 'D5', row: 5, reason: 'NOT_AN_AMOUNT', params: [{ name: 'value', value: 'abc' }], message: '三月!D5: …' };
    expect(describeProblem(words['zh-CN'], p)).toBe('三月!D5: “abc”不是以元为单位的金额（最多两位小数）。');
    expect(describeProblem(words.en, p)).toBe('三月!D5: “abc” is not an amount in yuan (at most two decimals).');
    expect(describeProblem(words['zh-CN'], { ...p, sheet: null, cell: null, reason: 'UNKNOWN_EMPLOYEE_NO', params: [{ name: 'employeeNo', value: 'NOBODY' }] })).toBe('第 5 行: 没有工号为 NOBODY 的人员。');
  });
});

describe('Try again', () => {
  it('is offered when the server was slow or out of reach, never for a refusal', () => {
    expect(isTransient(new ApiError('slow', 'TIMEOUT', undefined, {}, undefined, 30_000))).toBe(true);
    expect(isTransient(new ApiError('offline', 'NETWORK'))).toBe(true);
    expect(isTransient(new TypeError('Failed to fetch'))).toBe(true);
    expect(isTransient(new RequestTimeout(30_000))).toBe(true);
    // The database did not answer in time: the same request may well work a moment later.
    expect(isTransient(new ApiError('busy', 'SERVICE_UNAVAILABLE', 'DATABASE_BUSY'))).toBe(true);
    expect(describeError(words['zh-CN'], new ApiError('busy', 'SERVICE_UNAVAILABLE', 'DATABASE_BUSY'))).toBe('服务器繁忙，未能及时完成。请稍后重试。');
    expect(isTransient(new ApiError('no', 'FORBIDDEN', 'NOT_ALLOWED'))).toBe(false);
    expect(isTransient(new ApiError('bad', 'BAD_USER_INPUT', 'REQUIRED', { field: 'x' }))).toBe(false);
    expect(isTransient(new Error('anything else'))).toBe(false);
  });

  it('loads again on retry and clears the message once it works', async () => {
    let calls = 0;
    const seen: string[] = [];
    let retry: (() => void) | undefined;
    const work = async () => {
      calls += 1;
      if (calls === 1) throw new TypeError('Failed to fetch');
      return 'ok';
    };
    loadWithRetry(work, (err, again) => {
      seen.push(`failed:${(err as Error).message}`);
      retry = again;
    }, (again) => seen.push(again === retry ? 'cleared' : 'cleared another'));
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual(['failed:Failed to fetch']);
    retry!();
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toBe(2);
    expect(seen).toEqual(['failed:Failed to fetch', 'cleared']);
  });
});
