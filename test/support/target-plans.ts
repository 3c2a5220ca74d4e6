/**
 * Target plans made through the API for tests that need a team's plan with
 * chosen figures: a person × month grid (and the team's own row), created,
 * saved, and taken through submit, approve and publish.
 */
import { expect } from 'vitest';
import type { TestServer } from './harness.ts';
import { planShape } from '../../server/targets/plan-shape.ts';
import { CALENDAR_YEAR, type Period } from '../../schema/periods.ts';

export const PLAN = 'plan { id revision status version total } lines { ownerId periodKey amount } events { action toStatus }';

/** An owner's whole-number amount for a month (employed: on the roster during it). */
export type Amounts = (owner: string, period: Period & { key: string }, employed: boolean) => number;

export function targetPlans(s: TestServer, tokens: { manager: string; director: string }) {
  const gqlOk = async (q: string, v: Record<string, unknown>, token: string) => {
    const r = await s.gql(q, v, token);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data;
  };
  const step = async (name: string, id: string, revision: number, token: string) =>
    (await gqlOk(`mutation($id: ID!, $revision: Int!) { ${name}(id: $id, revision: $revision) { ${PLAN} } }`, { id, revision }, token))[name];

  /** A 2026 plan of a unit's people by month: its lines (people and the unit's own row) and total, nothing saved yet. */
  const grid = async (unitId: string, level: 'BASE' | 'STRETCH', metric: string, amount: Amounts, unit: 'money' | 'count' = 'money') => {
    const shape = await planShape(s.db.prisma, { id: '', year: 2026, metric: metric as never, level, scopeUnitId: unitId, periodLevel: 'month', ownerKind: 'PERSON', total: 0n }, CALENDAR_YEAR);
    const fmt = (n: number) => (unit === 'money' ? `${n}.00` : String(n));
    const lines: { ownerId: string; periodKey: string; amount: string }[] = [];
    const scope = new Map<string, number>();
    for (const o of shape.owners)
      for (const p of shape.periods) {
        const employed = (!o.hireDate || o.hireDate <= p.end) && (!o.leaveDate || o.leaveDate >= p.start);
        const a = amount(o.key, p, employed);
        scope.set(p.key, (scope.get(p.key) ?? 0) + a);
        lines.push({ ownerId: o.key, periodKey: p.key, amount: fmt(a) });
      }
    for (const [k, v] of scope) lines.push({ ownerId: unitId, periodKey: k, amount: fmt(v) });
    return { shape, lines, total: fmt([...scope.values()].reduce((a, b) => a + b, 0)) };
  };

  const create = async (unitId: string, level: 'BASE' | 'STRETCH', metric: string, total: string) =>
    (await gqlOk(`mutation($input: CreateTargetPlanInput!) { createTargetPlan(input: $input) { ${PLAN} } }`, { input: { year: 2026, metric, level, scopeUnitId: unitId, total, ownerKind: 'PERSON' } }, tokens.manager)).createTargetPlan;

  const SAVE = `mutation($id: ID!, $revision: Int!, $lines: [TargetLineInput!]!) { saveTargetLines(id: $id, revision: $revision, lines: $lines) { ${PLAN} } }`;

  /** Creates and saves a plan with the amounts given; returns the saved view. */
  const draft = async (unitId: string, level: 'BASE' | 'STRETCH', metric: string, amount: Amounts, unit: 'money' | 'count' = 'money') => {
    const g = await grid(unitId, level, metric, amount, unit);
    const c = await create(unitId, level, metric, g.total);
    const saved = await gqlOk(SAVE, { id: c.plan.id, revision: c.plan.revision, lines: g.lines }, tokens.manager);
    return { view: saved.saveTargetLines, shape: g.shape, lines: g.lines };
  };

  /** Submitted by the manager, approved and published by the director. */
  const publish = async (id: string, revision: number) => {
    let p = (await step('submitTargetPlan', id, revision, tokens.manager)).plan;
    p = (await step('approveTargetPlan', id, p.revision, tokens.director)).plan;
    return step('publishTargetPlan', id, p.revision, tokens.director);
  };

  return { gqlOk, grid, create, draft, publish, SAVE };
}

/** The demo rep's team today: the unit most target-plan tests plan for. */
export async function repTeam(s: TestServer): Promise<string> {
  const rep = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'rep' } });
  return (await s.db.prisma.assignment.findFirstOrThrow({ where: { personId: rep.personId!, validTo: null } })).unitId;
}
