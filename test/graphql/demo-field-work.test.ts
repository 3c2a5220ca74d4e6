/**
 * The demo's field work (issue 11 §4): on first start a manager's Visit slips
 * screen has slips in every state (some waiting for them), checks in order and
 * wanting, and the month's field-visit days without a slip; the demo rep's
 * own list starts empty, for them to request one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';

describe('demo visit slips on sqlite', () => {
  let s: TestServer;
  const t = {} as Record<'rep' | 'manager' | 'director', string>;
  beforeAll(async () => {
    s = await startTestServer('sqlite', { results: { today: '2026-11-20' } });
    for (const u of ['rep', 'manager', 'director'] as const) t[u] = await s.login(u);
  });
  afterAll(() => s.close());

  const ok = async (q: string, token: string) => {
    const r = await s.gql(q, {}, token);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data;
  };
  const SLIPS = '{ visitSlips(month: "2026-11") { status canDecide personName contactPerson purpose checkOk checkResult decidedBy decisionComment days } }';

  it('shows the director slips in every state, with who decided and what the check found', async () => {
    const slips = (await ok(SLIPS, t.director)).visitSlips as any[];
    expect(new Set(slips.map((x) => x.status))).toEqual(new Set(['REQUESTED', 'APPROVED', 'REJECTED', 'CHECKED']));
    expect(slips.filter((x) => x.status !== 'REQUESTED').every((x) => /[\u4e00-\u9fff]/.test(x.decidedBy ?? ''))).toBe(true);
    expect(slips.filter((x) => x.status === 'REJECTED').every((x) => x.decisionComment)).toBe(true);
    const checked = slips.filter((x) => x.status === 'CHECKED');
    expect(new Set(checked.map((x) => x.checkOk))).toEqual(new Set([true, false]));
    expect(checked.every((x) => x.checkResult)).toBe(true);
    // A visit checked in order is its customer's latest visit, as a check made in the pane records it.
    const inOrder = await s.db.prisma.visitSlip.findMany({ where: { status: 'CHECKED', checkOk: true, customerId: { not: null } }, select: { customerId: true, plannedBack: true } });
    expect(inOrder.length).toBeGreaterThan(0);
    for (const slip of inOrder) {
      const customer = await s.db.prisma.customer.findUniqueOrThrow({ where: { id: slip.customerId! } });
      expect(customer.lastVisitOn?.getTime()).toBeGreaterThanOrEqual(new Date(`${new Date(slip.plannedBack.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)}T00:00:00Z`).getTime());
    }
  });

  it('gives the manager slips of their subtree, some theirs to decide, and field-visit days without a slip', async () => {
    const slips = (await ok(SLIPS, t.manager)).visitSlips as any[];
    expect(slips.length).toBeGreaterThan(0);
    expect(slips.some((x) => x.canDecide)).toBe(true);
    const all = (await ok('{ unslippedFieldVisits(month: "2026-11") { personId date } }', t.director)).unslippedFieldVisits as any[];
    expect(all.length).toBeGreaterThan(0);
    // None of them is a day an approved or checked slip covers.
    const slips2 = (await ok('{ visitSlips(month: "2026-11") { status personId days } }', t.director)).visitSlips as any[];
    const covered = new Set(slips2.filter((x) => x.status === 'APPROVED' || x.status === 'CHECKED').flatMap((x) => x.days.map((d: string) => `${x.personId}|${d}`)));
    expect(covered.size).toBeGreaterThan(0);
    expect(all.filter((f) => covered.has(`${f.personId}|${f.date}`))).toEqual([]);
    const visits = await s.db.prisma.attendanceDay.count({ where: { status: 'FIELD_VISIT' } });
    expect(visits).toBeGreaterThan(all.length);
  });

  it('leaves the demo rep’s own list empty', async () => {
    expect((await ok(SLIPS, t.rep)).visitSlips).toEqual([]);
    const me = (await ok('{ viewer { person { id } } }', t.rep)).viewer.person.id;
    expect(await s.db.prisma.attendanceDay.count({ where: { personId: me } })).toBe(0);
  });
});
