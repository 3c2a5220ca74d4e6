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

  it('the same document, fixed, is saved', async () => {
    const good = structuredClone(ladder);
    good.components[1].tiers[1].from = '13000.01';
    good.components[1].base = 'sales * 0.9 / (1 + 0.17)';
    const r = await s.gql(SAVE, { d: JSON.stringify(good) }, finance);
    expect(r.errors).toBeUndefined();
    expect(r.data.saveCompensationPlan).toEqual({ code: 'DIRECT_SALES_LADDER', version: 2 });
  });
});
