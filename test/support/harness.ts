/**
 * A real Quotabook server for black-box tests: its own database (SQLite
 * file or PostgreSQL schema), migrated and seeded with the demo organisation,
 * answered in-process through yoga's fetch.
 */
import { expect } from 'vitest';
import type { Provider } from '../../server/db/providers.ts';
import { openDatabase, type Database } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';
import { seedOrganisation, DEMO_PASSWORD } from '../../server/seed/seed.ts';
import { generateDemoOrg } from '../../server/seed/demo-org.ts';
import { createApp, CSRF_HEADER } from '../../server/app.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import { tempDatabase, type TempDatabase } from './databases.ts';
import type { ResultsOptions } from '../../server/seed/demo-results.ts';

export interface GqlResult<T = any> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; field?: string } }[];
}

export interface TestServer {
  db: Database;
  temp: TempDatabase;
  config: Config;
  app: ReturnType<typeof createApp>;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GqlResult<T>>;
  login(username: string, password?: string): Promise<string>;
  /** Sends a change that must be refused, and shows that nothing in the database moved. */
  refused(query: string, variables: Record<string, unknown>, token: string): Promise<GqlResult>;
  close(): Promise<void>;
}

/**
 * The demo organisation is seeded without its sales and targets unless a
 * test asks for them (`results`): most tests import their own and check
 * exact figures.
 */
export async function startTestServer(provider: Provider, options: { people?: number; seed?: boolean; results?: ResultsOptions } = {}): Promise<TestServer> {
  const temp = await tempDatabase(provider);
  await migrate(temp.url);
  const db = await openDatabase(temp.url);
  if (options.seed !== false) await seedOrganisation(db.prisma, generateDemoOrg({ people: options.people ?? 80 }), { results: options.results });
  const config = { ...loadConfig({ PORT: '3000' }), databaseUrl: temp.url };
  const app = createApp(db, config);
  const gql = async <T,>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GqlResult<T>> => {
    const res = await app.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [CSRF_HEADER]: '1',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GqlResult<T>;
  };
  const login = async (username: string, password = DEMO_PASSWORD) => {
    const r = await gql<{ login: { token: string } }>(
      'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      { u: username, p: password },
    );
    if (!r.data?.login) throw new Error(`login ${username} failed: ${JSON.stringify(r.errors)}`);
    return r.data.login.token;
  };
  const refused = async (query: string, variables: Record<string, unknown>, token: string): Promise<GqlResult> => {
    const before = await databaseSnapshot(db);
    const r = await gql(query, variables, token);
    expect(r.errors, JSON.stringify(r.data)).toBeDefined();
    expect(await databaseSnapshot(db)).toBe(before);
    return r;
  };
  return {
    db,
    temp,
    config,
    app,
    gql,
    login,
    refused,
    close: async () => {
      await app.yoga.dispose();
      await db.close();
      await temp.drop();
    },
  };
}

/** Every row of every table but sessions, to show that a rejected change changed nothing. */
export async function databaseSnapshot(db: Database): Promise<string> {
  const p = db.prisma;
  const tables = await Promise.all([
    p.orgUnit.findMany({ orderBy: { id: 'asc' } }),
    p.person.findMany({ orderBy: { id: 'asc' } }),
    p.assignment.findMany({ orderBy: { id: 'asc' } }),
    p.user.findMany({ orderBy: { id: 'asc' } }),
    p.userRole.findMany({ orderBy: [{ userId: 'asc' }, { role: 'asc' }] }),
    p.auditEvent.findMany({ orderBy: { id: 'asc' } }),
    p.setting.findMany({ orderBy: { key: 'asc' } }),
    p.periodLock.findMany({ orderBy: { periodKey: 'asc' } }),
    p.salesRecord.findMany({ orderBy: { id: 'asc' } }),
    p.salesMonth.findMany({ orderBy: [{ personId: 'asc' }, { unitId: 'asc' }, { month: 'asc' }] }),
    p.rankingSnapshot.findMany({ orderBy: { id: 'asc' } }),
    p.rankingAdjustmentProposal.findMany({ orderBy: { id: 'asc' } }),
    p.targetPlan.findMany({ orderBy: { id: 'asc' } }),
    p.targetLine.findMany({ orderBy: { id: 'asc' } }),
    p.planEvent.findMany({ orderBy: { id: 'asc' } }),
    p.seasonalityProfile.findMany({ orderBy: { code: 'asc' } }),
    p.compensationPlan.findMany({ orderBy: { id: 'asc' } }),
    p.compensationAssignment.findMany({ orderBy: { id: 'asc' } }),
    p.attendanceDay.findMany({ orderBy: { id: 'asc' } }),
    p.leaveRequest.findMany({ orderBy: { id: 'asc' } }),
    p.payAdjustment.findMany({ orderBy: { id: 'asc' } }),
    p.payrollRun.findMany({ orderBy: { id: 'asc' } }),
    p.payslip.findMany({ orderBy: { id: 'asc' } }),
    p.payslipLine.findMany({ orderBy: { id: 'asc' } }),
    p.payrollEvent.findMany({ orderBy: { id: 'asc' } }),
    p.promotionDecision.findMany({ orderBy: { id: 'asc' } }),
    p.workingCalendarDay.findMany({ orderBy: { id: 'asc' } }),
    // KPI scorecards (issue 10 §4)
    p.kpiIndicatorSet.findMany({ orderBy: { id: 'asc' } }),
    p.kpiIndicator.findMany({ orderBy: { id: 'asc' } }),
    p.scorecard.findMany({ orderBy: { id: 'asc' } }),
    p.scorecardLine.findMany({ orderBy: { id: 'asc' } }),
    p.scorecardEvent.findMany({ orderBy: { id: 'asc' } }),
    // Rep plans (issue 11 §2)
    p.repPlan.findMany({ orderBy: { id: 'asc' } }),
    p.repPlanLine.findMany({ orderBy: { id: 'asc' } }),
    p.repPlanEvent.findMany({ orderBy: { id: 'asc' } }),
    // Customers (issue 11 §5)
    p.customer.findMany({ orderBy: { id: 'asc' } }),
    p.customerContact.findMany({ orderBy: { id: 'asc' } }),
    p.crossTerritoryFlag.findMany({ orderBy: { id: 'asc' } }),
  ]);
  return JSON.stringify(tables, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
}

export function codeOf(result: GqlResult): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}
