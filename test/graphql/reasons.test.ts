/**
 * Issue 8 §1: a refusal carries a reason from schema/reasons.ts and the params
 * the pane renders it with (in zh-CN or English), beside the unchanged code,
 * field and English message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type GqlResult, type TestServer } from '../support/harness.ts';
import { CSRF_HEADER } from '../../server/app.ts';
import { REASONS, isReason } from '../../schema/reasons.ts';

type Ext = { code?: string; reason?: string; params?: Record<string, unknown>; field?: string };
const ext = (r: GqlResult) => (r.errors?.[0]?.extensions ?? {}) as Ext;

describe('refusal reasons and params on sqlite', () => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'finance' | 'manager', string>;
  beforeAll(async () => {
    s = await startTestServer('sqlite');
    for (const u of ['admin', 'finance', 'manager'] as const) t[u] = await s.login(u);
  });
  afterAll(() => s.close());

  /** Every reason a response carries is in the registry, with exactly the params it declares. */
  const declared = (e: Ext) => {
    expect(isReason(e.reason)).toBe(true);
    expect(Object.keys(e.params ?? {}).sort()).toEqual([...REASONS[e.reason as keyof typeof REASONS]].sort());
  };

  it('not found: the entity’s reason and the id', async () => {
    const r = await s.gql('query($id: ID!) { targetPlan(id: $id) { plan { id } } }', { id: 'no-such-plan' }, t.admin);
    expect(ext(r)).toMatchObject({ code: 'NOT_FOUND', reason: 'TARGET_PLAN_NOT_FOUND', params: { id: 'no-such-plan' } });
    expect(r.errors![0]!.message).toBe('TargetPlan no-such-plan was not found');
    declared(ext(r));
  });

  it('forbidden: nobody changes their own pay (OWN_PAY, no params), with the field', async () => {
    const me = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'finance' } });
    const r = await s.refused(
      'mutation($p: ID!) { addPayAdjustment(personId: $p, month: "2026-03", amount: "100.00", reason: "bonus", approvedBy: "director") }',
      { p: me.personId },
      t.finance,
    );
    expect(ext(r)).toEqual({ code: 'FORBIDDEN', reason: 'OWN_PAY', params: {}, field: 'personId' });
    expect(r.errors![0]!.message).toBe('Nobody may change their own pay: someone else must add your adjustment');
  });

  it('bad input from zod: REQUIRED, TOO_SHORT and TOO_LARGE with the field and the bound', async () => {
    const empty = await s.gql('mutation { login(username: "  ", password: "x") { token } }', {}, null);
    expect(ext(empty)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REQUIRED', params: { field: 'username' }, field: 'username' });
    expect(empty.errors![0]!.message).toBe('Username is required');
    const short = await s.refused(
      'mutation { createUser(input: { username: "newbie", password: "short", roles: [REP] }) { id } }',
      {},
      t.admin,
    );
    expect(ext(short)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_SHORT', params: { field: 'password', min: 12 }, field: 'input.password' });
    expect(short.errors![0]!.message).toBe('A password needs at least 12 characters');
    const month = await s.refused('mutation { setFiscalYearStartMonth(month: 13) }', {}, t.admin);
    expect(ext(month)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_LARGE', params: { field: 'month', max: 12 } });
    for (const r of [empty, short, month]) declared(ext(r));
  });

  it('bad input from a rule: a duplicate plan names level, metric, unit, year, version and status as codes', async () => {
    const mgr = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'manager' } });
    const area = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { managerId: mgr.personId } });
    const CREATE = 'mutation($input: CreateTargetPlanInput!) { createTargetPlan(input: $input) { plan { id } } }';
    const input = { year: 2027, metric: 'UNITS', level: 'BASE', scopeUnitId: area.id, total: '10' };
    expect((await s.gql(CREATE, { input }, t.manager)).errors).toBeUndefined();
    const dup = await s.refused(CREATE, { input }, t.manager);
    expect(ext(dup)).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'PLAN_EXISTS',
      params: { level: 'BASE', metric: 'UNITS', unit: area.name, year: 2027, version: 1, planStatus: 'DRAFT' },
    });
    expect(dup.errors![0]!.message).toMatch(/already exists/);
    declared(ext(dup));
  });

  it('conflict: a stale version names the entity’s reason, the id and the stale version', async () => {
    const person = await s.db.prisma.person.findFirstOrThrow({ where: { status: 'ACTIVE', position: 'SALES_REP' } });
    const r = await s.refused(
      'mutation($id: ID!, $v: Int!) { updatePerson(id: $id, version: $v, input: { phone: "13800000000" }) { id } }',
      { id: person.id, v: person.version + 5 },
      t.admin,
    );
    expect(ext(r)).toMatchObject({ code: 'CONFLICT', reason: 'PERSON_CHANGED', params: { id: person.id, version: person.version + 5 } });
    declared(ext(r));
  });

  it('sign-in: a wrong password, then a delay with its seconds; no token: SIGN_IN_REQUIRED', async () => {
    const login = async (password: string) => {
      const res = await s.app.yoga.fetch(
        'http://localhost/graphql',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
          body: JSON.stringify({ query: 'mutation($p: String!) { login(username: "director", password: $p) { token } }', variables: { p: password } }),
        },
        { req: { socket: { remoteAddress: '192.0.2.77' } } },
      );
      return (await res.json()) as GqlResult;
    };
    for (let i = 0; i < 5; i++) expect(ext(await login(`guess-${i}`))).toEqual({ code: 'UNAUTHENTICATED', reason: 'WRONG_PASSWORD', params: {} });
    const delayed = await login('quotabook-demo');
    expect(ext(delayed)).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SIGN_IN_DELAYED', params: { seconds: 1 } });
    declared(ext(delayed));
    const anonymous = await s.gql('{ viewer { username } }', {}, null);
    expect(ext(anonymous)).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SIGN_IN_REQUIRED', params: {} });
  });

  it('edge refusals and a bad Money variable carry reasons and params too', async () => {
    const send = async (body: unknown) => {
      const res = await s.app.yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1', authorization: `Bearer ${t.admin}` },
        body: JSON.stringify(body),
      });
      return (await res.json()) as GqlResult;
    };
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: viewer { username }`).join(' ');
    expect(ext(await send({ query: `{ ${aliases} }` }))).toMatchObject({ reason: 'MAX_ALIASES', params: { limit: 10 } });
    expect(ext(await send({ query: '{ viewer { ' }))).toMatchObject({ code: 'GRAPHQL_PARSE_FAILED', reason: 'QUERY_SYNTAX', params: {} });
    expect(ext(await send({ query: '{ noSuchField }' }))).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_INVALID', params: {} });
    const money = await send({
      query: 'mutation($a: Money!) { addPayAdjustment(personId: "x", month: "2026-03", amount: $a, reason: "r", approvedBy: "y") }',
      variables: { a: '12.345' },
    });
    expect(ext(money)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MONEY_FORMAT', params: {} });
    const date = await send({ query: 'query($d: Date!) { roster(asOf: $d, first: 1) { __typename } }', variables: { d: 'soon' } });
    expect(ext(date)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_FORMAT', params: {} });
    const int = await send({ query: 'query($n: Int!) { roster(first: $n) { __typename } }', variables: { n: 'many' } });
    expect(ext(int)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'VARIABLE_TYPE', params: { variable: 'n' } });
  });
});
