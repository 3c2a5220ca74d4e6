/**
 * The demo organisation's results (issue 10 §6): on first start it has last
 * year's and this year's sales up to "today" and published targets for both
 * years, so My targets and a breakdown by history work at once; the data is
 * deterministic, seasonal, spread between people, and every plan passes the
 * same checks a manager's plan must pass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { generateDemoOrg } from '../../server/seed/demo-org.ts';
import { demoPlans, demoSales, sells } from '../../server/seed/demo-results.ts';
import { planShape, checkLines } from '../../server/targets/plan-shape.ts';
import { CALENDAR_YEAR } from '../../schema/periods.ts';
import { dateToDay } from '../../schema/dates.ts';
import { checkRepPlan, isEmptyPlan } from '../../schema/rep-plan.ts';

const TODAY = '2026-12-01';

describe('demo results, generated', () => {
  const org = generateDemoOrg({ people: 80 });
  const all = [...demoSales(org, { today: TODAY })];

  it('are the same for the same organisation and day, and stop at that day', () => {
    const again = [...demoSales(org, { today: TODAY })];
    expect(again).toEqual(all);
    // An earlier day cuts the same sales off sooner; only the last weeks' collections differ (recent sales are mostly not yet paid).
    const earlier = [...demoSales(org, { today: '2026-06-30' })];
    const uncollected = ({ collectedFen: _c, ...rest }: (typeof all)[number]) => rest;
    expect(earlier.map(uncollected)).toEqual(all.filter((s) => s.date <= '2026-06-30').map(uncollected));
    expect(earlier.filter((s) => s.date < '2026-05-15')).toEqual(all.filter((s) => s.date < '2026-05-15'));
    expect(all.every((s) => s.date >= '2025-01-01' && s.date <= TODAY)).toBe(true);
    expect(new Set(all.map((s) => s.externalId)).size).toBe(all.length);
  });

  it('come only from sellers, on days they were employed, never on a Sunday', () => {
    const people = new Map(org.people.map((p) => [p.key, p]));
    const wrong = all.filter((s) => {
      const p = people.get(s.personKey)!;
      return !sells(p) || s.date < p.hireDate || (p.leaveDate && s.date > p.leaveDate) || new Date(`${s.date}T00:00:00Z`).getUTCDay() === 0 || s.unitKey !== p.unitKey;
    });
    expect(wrong).toEqual([]);
    const sellers = new Set(all.map((s) => s.personKey));
    expect(sellers.size).toBe(org.people.filter((p) => sells(p) && p.hireDate <= TODAY).length);
  });

  it('are seasonal, grow year on year, and spread between people', () => {
    const month = (m: string) => all.filter((s) => s.date.startsWith(m)).reduce((n, s) => n + s.amountFen, 0n);
    // 淡旺季: February is the low month, the fourth quarter the high one.
    expect(month('2025-02') * 2n < month('2025-11')).toBe(true);
    expect(month('2026-02') * 2n < month('2026-11')).toBe(true);
    const year = (y: string) => all.filter((s) => s.date.startsWith(y) && s.date.slice(5) <= TODAY.slice(5)).reduce((n, s) => n + s.amountFen, 0n);
    expect(year('2026') > year('2025')).toBe(true);
    const byPerson = new Map<string, bigint>();
    for (const s of all.filter((x) => x.date.startsWith('2025'))) byPerson.set(s.personKey, (byPerson.get(s.personKey) ?? 0n) + s.amountFen);
    const fullYear = org.people.filter((p) => p.position === 'SALES_REP' && p.hireDate < '2024-10-01' && !p.leaveDate && p.employmentType === 'FULL_TIME').map((p) => byPerson.get(p.key)!);
    expect(fullYear.length).toBeGreaterThan(10);
    const sorted = fullYear.sort((a, b) => (a < b ? -1 : 1));
    expect(sorted.at(-1)! > sorted[0]! * 2n).toBe(true);
  });

  it('carry units, collections, margins and new customers', () => {
    const total = all.reduce((n, s) => n + s.amountFen, 0n);
    const collected = all.reduce((n, s) => n + s.collectedFen, 0n);
    const margin = all.reduce((n, s) => n + s.marginFen, 0n);
    expect(collected * 100n / total).toBeGreaterThanOrEqual(60n);
    expect(collected < total).toBe(true);
    expect(margin * 100n / total).toBeGreaterThanOrEqual(20n);
    expect(margin * 100n / total).toBeLessThanOrEqual(40n);
    expect(all.every((s) => s.units >= 1 && s.customer.length > 2)).toBe(true);
    // A customer is new on the first sale to them, and only then.
    const seen = new Set<string>();
    for (const s of all) {
      const key = `${s.personKey}/${s.customer}`;
      if (s.newCustomer) expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
    const fresh = all.filter((s) => s.newCustomer).length;
    expect(fresh).toBeGreaterThan(all.length / 30);
    expect(fresh).toBeLessThan(all.length / 4);
  });

  it('plan targets whose levels add up, stretch above base', () => {
    const plans = demoPlans(org, { today: TODAY });
    expect(plans.map((p) => `${p.year}/${p.level}`).filter((v, i, a) => a.indexOf(v) === i)).toEqual(['2025/BASE', '2025/STRETCH', '2026/BASE', '2026/STRETCH']);
    for (const p of plans) {
      const row = (key: string) => p.lines.filter((l) => l.ownerKey === key);
      const scope = row(p.scopeKey);
      expect(scope).toHaveLength(12);
      expect(scope.reduce((n, l) => n + l.amount, 0n)).toBe(p.total);
      for (const l of scope) expect(p.lines.filter((x) => x.ownerKey !== p.scopeKey && x.periodKey === l.periodKey).reduce((n, x) => n + x.amount, 0n)).toBe(l.amount);
    }
    const centre = (y: number, level: string) => plans.find((p) => p.year === y && p.level === level && p.scopeKey === 'centre')!.total;
    expect(centre(2026, 'STRETCH') > centre(2026, 'BASE')).toBe(true);
    expect(centre(2026, 'BASE') > centre(2025, 'BASE')).toBe(true);
  });
});

describe.each(testProviders)('demo results seeded on %s', (provider) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(provider, { results: { today: TODAY } });
  });
  afterAll(() => s.close());

  it('store every sale in the unit the seller sat in that day', async () => {
    const stored = await s.db.prisma.salesRecord.findMany({ select: { externalId: true, personId: true, unitId: true, date: true } });
    expect(stored.length).toBe([...demoSales(generateDemoOrg({ people: 80 }), { today: TODAY })].length);
    const assignments = await s.db.prisma.assignment.findMany();
    for (const r of stored.slice(0, 2000)) {
      const a = assignments.find((x) => x.personId === r.personId && x.validFrom <= r.date && (!x.validTo || x.validTo > r.date));
      expect(a?.unitId, r.externalId).toBe(r.unitId);
    }
  });

  it('give the rep published targets for both years, base and stretch by month', async () => {
    const rep = await s.login('rep');
    expect((await s.gql('{ myTargetYears }', {}, rep)).data.myTargetYears).toEqual([2026, 2025]);
    const mine = (await s.gql('query { myTargets(year: 2026) { metric level periodKey amount version } }', {}, rep)).data.myTargets;
    for (const level of ['BASE', 'STRETCH']) {
      const rows = mine.filter((t: any) => t.level === level);
      expect(rows.map((t: any) => t.periodKey)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`));
      expect(rows.every((t: any) => t.metric === 'SALES_AMOUNT' && Number(t.amount) > 0)).toBe(true);
    }
  });

  // The checks are the same code on both databases: once is enough.
  it.runIf(provider === 'sqlite')('pass every check a manager’s plan must pass', async () => {
    const plans = await s.db.prisma.targetPlan.findMany({ where: { year: 2026 }, include: { lines: true } });
    expect(plans.length).toBeGreaterThan(0);
    const base = new Map(plans.filter((p) => p.level === 'BASE').map((p) => [p.scopeUnitId, p]));
    for (const plan of plans) {
      const shape = await planShape(s.db.prisma, plan, CALENDAR_YEAR);
      let baseFigures: Map<string, Map<string, bigint>> | undefined;
      if (plan.level === 'STRETCH') {
        baseFigures = new Map();
        for (const l of base.get(plan.scopeUnitId)!.lines) baseFigures.set(l.ownerId, (baseFigures.get(l.ownerId) ?? new Map()).set(l.periodKey, l.amount));
      }
      const checked = checkLines(plan, shape, plan.lines.map((l) => ({ ownerId: l.ownerId, periodKey: l.periodKey, amount: l.amount.toString().replace(/(\d\d)$/, '.$1') })), baseFigures);
      expect(checked.issues, `${plan.level} ${shape.scope.name}`).toEqual([]);
    }
  });

  it('let a manager break next year’s target down by last year’s actuals', async () => {
    const manager = await s.login('manager');
    const mgr = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'manager' } });
    const area = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { managerId: mgr.personId } });
    const created = await s.gql(
      'mutation($input: CreateTargetPlanInput!) { createTargetPlan(input: $input) { plan { id revision } } }',
      { input: { year: 2027, metric: 'SALES_AMOUNT', level: 'BASE', scopeUnitId: area.id, total: '1200000.00', periodLevel: 'month' } },
      manager,
    );
    expect(created.errors).toBeUndefined();
    const { id, revision } = created.data.createTargetPlan.plan;
    const r = await s.gql(
      'mutation($id: ID!, $revision: Int!) { breakDownTargetPlan(id: $id, revision: $revision, time: { kind: HISTORY }, owners: { kind: HISTORY }) { lines { ownerId periodKey amount } } }',
      { id, revision },
      manager,
    );
    expect(r.errors).toBeUndefined();
    const lines = r.data.breakDownTargetPlan.lines as { ownerId: string; periodKey: string; amount: string }[];
    const own = lines.filter((l) => l.ownerId === area.id);
    const fen = (a: string) => BigInt(a.replace('.', ''));
    expect(own.reduce((n, l) => n + fen(l.amount), 0n)).toBe(120_000_000n);
    // Last year (2026) had a low February and a high November: the history breakdown follows it.
    const month = (m: string) => fen(own.find((l) => l.periodKey === m)!.amount);
    expect(month('2027-02') * 2n < month('2027-11')).toBe(true);
  });

  it('are dated by the seed’s day, not stored beyond it', async () => {
    const last = await s.db.prisma.salesRecord.findFirstOrThrow({ orderBy: { date: 'desc' } });
    expect(dateToDay(last.date) <= TODAY).toBe(true);
  });

  it('show every state of this month’s rep plans to the manager (accepted, submitted late, returned, draft, missing), leaving the demo rep’s own to make', async () => {
    const manager = await s.login('manager');
    const r = await s.gql('{ repPlanRoster(month: "2026-12") { personId status timeliness decisionComment planned target } }', {}, manager);
    expect(r.errors).toBeUndefined();
    const rows = r.data.repPlanRoster as { personId: string; status: string | null; timeliness: string; decisionComment: string | null }[];
    expect(new Set(rows.map((x) => x.status))).toEqual(new Set(['ACCEPTED', 'SUBMITTED', 'RETURNED', 'DRAFT', null]));
    expect(new Set(rows.map((x) => x.timeliness))).toEqual(new Set(['ON_TIME', 'LATE', 'MISSING']));
    expect(rows.find((x) => x.status === 'RETURNED')!.decisionComment).toBeTruthy();
    const rep = await s.login('rep');
    expect((await s.gql('{ myRepPlan(month: "2026-12") { plan { id } target } }', {}, rep)).data.myRepPlan).toMatchObject({ plan: null, target: expect.any(String) });
  });

  // The checks are the same code on both databases: once is enough.
  it.runIf(provider === 'sqlite')('never hand in a rep plan a rep could not submit: none is empty, each passes the submission’s checks', async () => {
    const plans = await s.db.prisma.repPlan.findMany({ include: { lines: { orderBy: { position: 'asc' } }, person: { select: { customers: { select: { code: true } } } } } });
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) {
      const content = {
        month: plan.month,
        weeks: plan.lines.filter((l) => l.kind === 'WEEK').map((l) => ({ weekKey: l.key, salesFen: l.salesFen, calls: l.calls, visits: l.visits, events: l.events })),
        customers: plan.lines.filter((l) => l.kind === 'CUSTOMER').map((l) => ({ customer: l.key, salesFen: l.salesFen, visits: l.visits })),
        belowTargetReason: plan.belowTargetReason,
      };
      expect(isEmptyPlan(content), `${plan.status} ${plan.personId}`).toBe(false);
      expect(plan.plannedFen > 0n, `${plan.status} ${plan.personId}`).toBe(true);
      const errors = checkRepPlan(content, { targetFen: plan.targetFen, knownCustomers: new Set(plan.person.customers.map((c) => c.code)) }).filter((i) => i.severity === 'error');
      expect(errors, `${plan.status} ${plan.personId}`).toEqual([]);
    }
  });

  it('show the manager work logs and reports handed in on time, late and not at all, some commented, leaving the demo rep’s own to fill in', async () => {
    const manager = await s.login('manager');
    // The seed's day is Tuesday 1 December 2026: its week's Monday is 30 November; last month's reports were due on 28 November.
    const week = await s.gql('{ handedInSheet(period: "2026-11-23") { rows { personId logsSubmitted logsLate logsMissing reports { timeliness commented } } } }', {}, manager);
    expect(week.errors).toBeUndefined();
    const rows = week.data.handedInSheet.rows as { logsSubmitted: number; logsLate: number; logsMissing: number; reports: { timeliness: string; commented: boolean }[] }[];
    expect(new Set(rows.map((r) => r.reports[0]!.timeliness))).toEqual(new Set(['ON_TIME', 'LATE', 'MISSING']));
    expect(rows.some((r) => r.reports[0]!.commented)).toBe(true);
    expect(rows.some((r) => r.logsLate > 0) && rows.some((r) => r.logsMissing > 0) && rows.some((r) => r.logsSubmitted === 5)).toBe(true);
    const month = await s.gql('{ handedInSheet(period: "2026-11") { columns { kind period } rows { reports { kind timeliness } } } }', {}, manager);
    const monthly = (month.data.handedInSheet.rows as { reports: { kind: string; timeliness: string }[] }[]).map((r) => r.reports.at(-1)!);
    expect(new Set(monthly.map((r) => r.timeliness))).toEqual(new Set(['ON_TIME', 'LATE', 'MISSING']));
    const spot = await s.gql('{ workLogSpotCheck(week: "2026-11-23") { candidates logs { id comment } } }', {}, manager);
    expect(spot.data.workLogSpotCheck.logs).toHaveLength(5);
    expect(spot.data.workLogSpotCheck.candidates).toBeGreaterThan(5);
    const rep = await s.login('rep');
    expect((await s.gql('{ myWorkLog(day: "2026-11-30") { log { id } } myWeeklyReport(week: "2026-11-30") { report { id } } }', {}, rep)).data).toEqual({ myWorkLog: { log: null }, myWeeklyReport: { report: null } });
  });
});
