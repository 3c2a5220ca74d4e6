/**
 * The demo organisation's customers (issue 11 §5): on first start the rep has
 * customer files (tiers mixed, contacts, Chinese names), some proposed for the
 * manager to confirm; a share of the demo sales name them; and the manager's
 * Cross-territory sheet has open flags they may decide.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';

describe('demo customers on sqlite', () => {
  let s: TestServer;
  const t = {} as Record<'rep' | 'manager', string>;
  beforeAll(async () => {
    s = await startTestServer('sqlite', { results: { today: '2026-11-20' } });
    for (const u of ['rep', 'manager'] as const) t[u] = await s.login(u);
  });
  afterAll(() => s.close());

  const ok = async (q: string, token: string) => {
    const r = await s.gql(q, {}, token);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data;
  };

  it('gives the rep customer files of every tier, with contacts, and the manager proposed ones to confirm', async () => {
    const mine = (await ok('{ customers { nodes { code name tier ownershipStatus contacts { name phone primary } } } }', t.rep)).customers.nodes as any[];
    expect(mine.length).toBeGreaterThanOrEqual(3);
    expect(new Set(mine.map((c) => c.tier))).toEqual(new Set(['CORE', 'IMPORTANT', 'GENERAL']));
    expect(mine.every((c) => /[\u4e00-\u9fff]/.test(c.name) && c.contacts.length >= 1 && c.contacts.filter((k: any) => k.primary).length === 1)).toBe(true);
    const subtree = (await ok('{ customers { nodes { ownershipStatus } } }', t.manager)).customers.nodes as any[];
    expect(subtree.length).toBeGreaterThan(mine.length);
    expect(subtree.some((c) => c.ownershipStatus === 'PROPOSED')).toBe(true);
    const named = await s.db.prisma.salesRecord.count({ where: { customerId: { not: null } } });
    const all = await s.db.prisma.salesRecord.count();
    expect(named / all).toBeGreaterThan(0.1);
  });

  it('has open cross-territory sales on the manager’s sheet, some theirs to decide', async () => {
    const flags = (await ok('{ crossTerritorySales(status: OPEN) { sellingUnitName owningUnitName canDecide } }', t.manager)).crossTerritorySales as any[];
    expect(flags.length).toBeGreaterThan(0);
    expect(flags.some((f) => f.canDecide)).toBe(true);
    expect(flags.every((f) => f.sellingUnitName !== f.owningUnitName)).toBe(true);
  });
});
