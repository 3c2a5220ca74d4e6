/**
 * Many reps asking their own targets at the same moment (issue 12 §5): on
 * PostgreSQL their reads go out together as one statement
 * (server/db/coalesced-read.ts). Each rep still gets exactly their own lines,
 * to the fen, from the newest published version of each plan, as asking
 * alone gives; and a read asked after a publish has committed sees it, even
 * while reads of the same rep and of others are out.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';

const MY = `query($year: Int!) { myTargets(year: $year) { metric level periodKey amount version } }`;
const MONTHS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
const yuan = (fen: bigint) => `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
/** Person k's line for month m in version v of the plan at `level`: distinct for every one of them. */
const fenOf = (level: string, v: number, k: number, m: number) => BigInt((level === 'BASE' ? 1_000_000 : 2_000_000) + v * 100_000 + k * 1_000 + m) * 100n + BigInt(k % 100);

describe.each(testProviders)('reps asking their own targets at once on %s', (provider) => {
  let s: TestServer;
  const reps: { personId: string; token: string }[] = [];
  let scopeUnitId: string;

  const ask = async (token: string, year = 2026) => {
    const r = await s.gql<{ myTargets: { metric: string; level: string; periodKey: string; amount: string; version: number }[] }>(MY, { year }, token);
    expect(r.errors).toBeUndefined();
    return r.data!.myTargets;
  };
  const publish = async (level: string, version: number, people: number[], status: 'PUBLISHED' | 'DRAFT' = 'PUBLISHED') => {
    await s.db.prisma.targetPlan.create({
      data: {
        year: 2026, metric: 'SALES_AMOUNT', level: level as 'BASE', scopeUnitId, version, status, periodLevel: 'month', ownerKind: 'PERSON', total: 0n,
        lines: { create: people.flatMap((k) => MONTHS.map((periodKey, m) => ({ ownerKind: 'PERSON' as const, ownerId: reps[k]!.personId, periodKey, amount: fenOf(level, version, k, m) }))) },
      },
    });
  };
  /** What rep k must see: the newest published version of each plan, every month, in period order within each plan. */
  const expected = (k: number, newest: Record<string, number>) =>
    Object.entries(newest).flatMap(([level, version]) => MONTHS.map((periodKey, m) => ({ metric: 'SALES_AMOUNT', level, periodKey, amount: yuan(fenOf(level, version, k, m)), version })));
  const byPlan = <T extends { level: string; periodKey: string }>(xs: T[]) => [...xs].sort((a, b) => (a.level + a.periodKey < b.level + b.periodKey ? -1 : 1));

  beforeAll(async () => {
    s = await startTestServer(provider);
    const demoRep = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'rep' } });
    const withUser = (await s.db.prisma.user.findMany({ select: { personId: true } })).map((u) => u.personId).filter((id): id is string => !!id);
    const people = await s.db.prisma.person.findMany({ where: { leaveDate: null, id: { notIn: withUser } }, orderBy: { employeeNo: 'asc' }, take: 12 });
    expect(people).toHaveLength(12);
    for (const [k, p] of people.entries()) {
      await s.db.prisma.user.create({ data: { username: `together-${k}`, passwordHash: demoRep.passwordHash, personId: p.id, roles: { create: [{ role: 'REP' }] } } });
      reps.push({ personId: p.id, token: await s.login(`together-${k}`) });
    }
    scopeUnitId = (await s.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'COMPANY' } })).id;
    const everyone = reps.map((_, k) => k);
    await publish('BASE', 1, everyone);
    await publish('BASE', 2, everyone);
    await publish('STRETCH', 1, everyone);
    await publish('STRETCH', 2, everyone, 'DRAFT');
  });
  afterAll(() => s.close());

  it('each rep gets their own lines to the fen, the same asked together as asked alone', async () => {
    const alone = [];
    for (const [k, rep] of reps.entries()) {
      const mine = await ask(rep.token);
      expect(byPlan(mine)).toEqual(byPlan(expected(k, { BASE: 2, STRETCH: 1 })));
      alone.push(mine);
    }
    // Three rounds of every rep at once, interleaved; on PostgreSQL the statements each carry several of them.
    const statements = provider === 'postgresql' ? vi.spyOn(pg.Client.prototype, 'query') : null;
    const order = [...reps.keys(), ...[...reps.keys()].reverse(), ...reps.keys()];
    const together = await Promise.all(order.map((k) => ask(reps[k]!.token)));
    for (const [i, k] of order.entries()) expect(together[i]).toEqual(alone[k]);
    if (statements) {
      const reads = statements.mock.calls.map(([config]) => config as { text?: string; values?: unknown[] }).filter((c) => c?.text?.includes('FROM "TargetLine" l') && c.text.includes(' IN ('));
      statements.mockRestore();
      // Each statement's people, its last parameter being the year.
      const carried = reads.map((c) => new Set(c.values!.slice(0, -1)).size);
      expect(carried.reduce((n, c) => n + c, 0)).toBeGreaterThanOrEqual(reps.length);
      expect(reads.length).toBeLessThan(order.length);
      expect(Math.max(...carried)).toBeGreaterThan(1);
    }
    // Reps asking different years at the same moment: each year its own, none for a year without targets.
    const years = await Promise.all(reps.map((rep, k) => ask(rep.token, k % 2 ? 2026 : 2025)));
    for (const [k, mine] of years.entries()) expect(mine).toEqual(k % 2 ? alone[k] : []);
  });

  it('a read asked after a publish has committed sees it, while the same rep and others read at the same moment', async () => {
    let reading = true;
    let published = 2;
    const readers = Promise.all(
      reps.map(async (rep, k) => {
        let reads = 0;
        while (reading) {
          const mine = byPlan(await ask(rep.token));
          if (k > 0) expect(mine).toEqual(byPlan(expected(k, { BASE: 2, STRETCH: 1 })));
          // Rep 0's reads in flight across a publish may see it or not, but never an older version than the last seen before they were asked.
          else expect([published - 1, published, published + 1].map((v) => byPlan(expected(0, { BASE: v, STRETCH: 1 })))).toContainEqual(mine);
          reads++;
        }
        return reads;
      }),
    );
    for (let version = 3; version <= 8; version++) {
      await publish('BASE', version, [0]);
      const mine = await ask(reps[0]!.token);
      expect(byPlan(mine)).toEqual(byPlan(expected(0, { BASE: version, STRETCH: 1 })));
      published = version;
    }
    reading = false;
    expect(Math.min(...(await readers))).toBeGreaterThan(0);
  });
});
