/** Plan documents the rules engine cannot compute are refused through the API, with paths, and nothing is saved (issue 7 §9). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';

const SAVE = 'mutation($d: String!) { saveCompensationPlan(document: $d, effectiveFrom: "2026-04-01") { code version } }';

describe.each(testProviders)('compensation plan documents on %s', (provider) => {
  let s: TestServer;
  let finance: string;
  let ladder: any;

  beforeAll(async () => {
    s = await startTestServer(provider, { people: 20 });
    finance = await s.login('finance');
    const plans = (await s.gql('{ compensationPlans { code document } }', {}, finance)).data.compensationPlans;
    ladder = JSON.parse(plans.find((p: any) => p.code === 'DIRECT_SALES_LADDER').document);
  });
  afterAll(() => s.close());

  const problems = (r: Awaited<ReturnType<TestServer['refused']>>) => {
    expect(r.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.extensions!.field).toBe('document');
    return (r.errors![0]!.extensions as any).problems.map((p: any) => p.path);
  };

  it('a malformed later tier ("13000abc") is a bad document with its path, not an internal error', async () => {
    const bad = structuredClone(ladder);
    bad.components[1].tiers[1].from = '13000abc';
    expect(problems(await s.refused(SAVE, { d: JSON.stringify(bad) }, finance))).toEqual(['components.1.tiers.1.from']);
  });

  it('a base that divides by an input or by zero is refused before any payslip could fail on it', async () => {
    for (const base of ['sales / units', 'sales / (1 - 1)']) {
      const bad = structuredClone(ladder);
      bad.components[1].base = base;
      expect(problems(await s.refused(SAVE, { d: JSON.stringify(bad) }, finance)), base).toEqual(['components.1.base']);
    }
  });

  it('gives each problem a reason with its figures, for the pane to render in the reader’s language', async () => {
    const bad = structuredClone(ladder);
    bad.components[1].tiers[2].from = '14000';
    bad.components[2].table[0].bonus = '1,500';
    const r = await s.refused(SAVE, { d: JSON.stringify(bad) }, finance);
    expect((r.errors![0]!.extensions as any).reason).toBe('PLAN_DOCUMENT');
    expect((r.errors![0]!.extensions as any).problems.map((p: any) => [p.path, p.reason, p.params]).sort()).toEqual([
      ['components.1.tiers.2.from', 'PLAN_TIERS_NOT_RISING', { from: '14000', previous: '15000' }],
      ['components.2.table.0.bonus', 'PLAN_AMOUNT_INVALID', { value: '1,500' }],
    ]);
  });

  it('refuses an edit begun on an older version (PLAN_VERSION_CHANGED), saving nothing', async () => {
    const SAVE_FROM = 'mutation($d: String!, $v: Int) { saveCompensationPlan(document: $d, effectiveFrom: "2026-05-01", basedOnVersion: $v) { code version } }';
    const plain = JSON.parse((await s.gql('{ compensationPlans { code version document } }', {}, finance)).data.compensationPlans.find((p: any) => p.code === 'BASE_PLUS_COMMISSION').document);
    const before = await s.db.prisma.compensationPlan.count();
    const audits = await s.db.prisma.auditEvent.count({ where: { entityType: 'CompensationPlan' } });
    const stale = await s.refused(SAVE_FROM, { d: JSON.stringify(plain), v: 0 }, finance);
    expect(stale.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PLAN_VERSION_CHANGED', params: { code: 'BASE_PLUS_COMMISSION', version: 1 } });
    expect(await s.db.prisma.compensationPlan.count()).toBe(before);
    // Begun on the newest version: saved as the next, audited with what it was and what it is.
    plain.components[1].tiers[1].rate = '4.5';
    const saved = await s.gql(SAVE_FROM, { d: JSON.stringify(plain), v: 1 }, finance);
    expect(saved.data.saveCompensationPlan).toEqual({ code: 'BASE_PLUS_COMMISSION', version: 2 });
    const audit = await s.db.prisma.auditEvent.findFirstOrThrow({ where: { entityType: 'CompensationPlan' }, orderBy: { at: 'desc' } });
    expect(await s.db.prisma.auditEvent.count({ where: { entityType: 'CompensationPlan' } })).toBe(audits + 1);
    expect(JSON.parse(audit.before!).document.components[1].tiers[1].rate).toBe('4');
    expect(JSON.parse(audit.after!).document.components[1].tiers[1].rate).toBe('4.5');
  });

  it('two saves at once from the same version: one is saved, the other refused with PLAN_VERSION_CHANGED', async () => {
    const SAVE_FROM = 'mutation($d: String!, $v: Int) { saveCompensationPlan(document: $d, effectiveFrom: "2026-06-01", basedOnVersion: $v) { code version } }';
    const current = (await s.gql('{ compensationPlans { code version document } }', {}, finance)).data.compensationPlans.filter((p: any) => p.code === 'BASE_PLUS_COMMISSION');
    const newest = current.reduce((a: any, b: any) => (b.version > a.version ? b : a));
    const results = await Promise.all(['5', '6'].map((rate) => {
      const doc = JSON.parse(newest.document);
      doc.components[1].tiers[2].rate = rate;
      return s.gql(SAVE_FROM, { d: JSON.stringify(doc), v: newest.version }, finance);
    }));
    const saved = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    expect(saved.map((r) => r.data.saveCompensationPlan)).toEqual([{ code: 'BASE_PLUS_COMMISSION', version: newest.version + 1 }]);
    expect(refused.map((r) => r.errors![0]!.extensions)).toEqual([expect.objectContaining({ code: 'CONFLICT', reason: 'PLAN_VERSION_CHANGED', params: { code: 'BASE_PLUS_COMMISSION', version: newest.version + 1 } })]);
    expect(await s.db.prisma.compensationPlan.count({ where: { code: 'BASE_PLUS_COMMISSION' } })).toBe(current.length + 1);
  });

  it('the same document, fixed, is saved', async () => {
    const good = structuredClone(ladder);
    good.components[1].tiers[1].from = '13000.01';
    good.components[1].base = 'sales * 0.9 / (1 + 0.17)';
    const r = await s.gql(SAVE, { d: JSON.stringify(good) }, finance);
    expect(r.errors).toBeUndefined();
    expect(r.data.saveCompensationPlan).toEqual({ code: 'DIRECT_SALES_LADDER', version: 2 });
  });
});
