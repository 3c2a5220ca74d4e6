/**
 * WORKERS (issue 12 §5): on PostgreSQL `npm start` serves from several
 * processes sharing the port, and nothing one needs lives in another's
 * memory: a session made through one is valid through every one, a logout
 * is seen by all within the session cache's check interval, and the sign-in
 * throttle counts wrong passwords across them. On Linux node:cluster hands
 * connections to the workers in turn (round-robin), so requests on fresh
 * connections alternate between the two processes. A worker that dies is
 * replaced. On SQLite more than one process is refused at start.
 */
import fs from 'node:fs';
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './e2e/browser.ts';
import { postgresAvailable, tempDatabase, type TempDatabase } from './support/databases.ts';
import { workerCount } from '../server/config.ts';

/** A GraphQL request on a connection of its own (no keep-alive), so that the cluster may pass it to either process. */
function gql(base: string, query: string, token?: string): Promise<{ data?: any; errors?: { message: string; extensions?: any }[] }> {
  return new Promise((resolve, reject) => {
    const req = https.request(`${base}/graphql`, { method: 'POST', agent: false, rejectUnauthorized: false, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ query }));
  });
}

/** Child processes of a process, from /proc. */
function childrenOf(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return /^PPid:\s+(\d+)$/m.exec(fs.readFileSync(`/proc/${d}/status`, 'utf8'))?.[1] === String(pid);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('WORKERS', () => {
  it('defaults to the cores on PostgreSQL and to one process on SQLite, where more are refused', () => {
    expect(workerCount(undefined, 'postgresql://x@h/db', 4)).toBe(4);
    expect(workerCount('', 'file:./data/q.db', 4)).toBe(1);
    expect(workerCount('3', 'postgres://x@h/db', 8)).toBe(3);
    expect(() => workerCount('2', 'file:./data/q.db')).toThrow(/WORKERS=2 needs PostgreSQL/);
    expect(() => workerCount('0', 'postgresql://x@h/db')).toThrow(/from 1 to 64/);
    expect(() => workerCount('two', 'postgresql://x@h/db')).toThrow(/from 1 to 64/);
  });
});

describe.skipIf(!postgresAvailable)('two server processes on one PostgreSQL', () => {
  let temp: TempDatabase;
  let server: RunningServer;
  beforeAll(async () => {
    temp = await tempDatabase('postgresql');
    server = await startServer({ DATABASE_URL: temp.url, WORKERS: '2', SESSION_CACHE_CHECK_MS: '500' });
  }, 180_000);
  afterAll(async () => {
    if (server) expect(await server.stop()).toBe(0);
    await temp?.drop();
  });

  const many = (n: number, query: string, token?: string) => Promise.all(Array.from({ length: n }, () => gql(server.url, query, token)));

  it('serves from two processes, a session made in one valid in both, and a logout seen by both', async () => {
    expect(childrenOf(server.process.pid!)).toHaveLength(2);
    expect(server.output()).toContain('2 server processes (WORKERS)');
    const login = await gql(server.url, 'mutation { login(username: "rep", password: "quotabook-demo") { token } }');
    const token = login.data.login.token as string;
    for (const r of await many(8, '{ viewer { username } }', token)) expect(r.data?.viewer?.username).toBe('rep');
    expect((await gql(server.url, 'mutation { logout }', token)).data.logout).toBe(true);
    // Within the check interval (500 ms here) every process refuses the token.
    await new Promise((r) => setTimeout(r, 1200));
    for (const r of await many(8, '{ viewer { username } }', token)) expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  }, 60_000);

  it('runs a calculation job once, in whichever process takes it from the shared queue', async () => {
    const admin = (await gql(server.url, 'mutation { login(username: "admin", password: "quotabook-demo") { token } }')).data.login.token as string;
    const team = (await gql(server.url, '{ orgTree { id kind } }', admin)).data.orgTree.find((u: { kind: string }) => u.kind === 'TEAM');
    const created = await gql(server.url, `mutation { createPayrollRun(month: "2026-03", scopeUnitId: "${team.id}") { run { id revision } } }`, admin);
    const run = created.data.createPayrollRun.run;
    const started = await gql(server.url, `mutation { startPayrollCalculation(id: "${run.id}", revision: ${run.revision}) { id status } }`, admin);
    expect(started.errors).toBeUndefined();
    const jobId = started.data.startPayrollCalculation.id as string;
    let job: { status: string; done: number; total: number } | undefined;
    for (let i = 0; i < 300 && !(job && (job.status === 'SUCCEEDED' || job.status === 'FAILED')); i++) {
      // Each ask on a fresh connection: both processes answer, and both see the same job.
      job = (await gql(server.url, `{ job(id: "${jobId}") { status done total } }`, admin)).data.job;
      if (job!.status !== 'SUCCEEDED') await new Promise((r) => setTimeout(r, 200));
    }
    expect(job).toMatchObject({ status: 'SUCCEEDED' });
    expect(job!.total).toBeGreaterThan(0);
    // Taken by one process only: one calculation, one revision step.
    const after = (await gql(server.url, `{ payrollRun(id: "${run.id}") { run { status revision } events { action } } }`, admin)).data.payrollRun;
    expect(after.run).toEqual({ status: 'CALCULATED', revision: run.revision + 1 });
    expect(after.events.filter((e: { action: string }) => e.action === 'calculate')).toHaveLength(1);
  }, 90_000);

  it('counts wrong passwords across the processes: the sixth attempt waits', async () => {
    const wrong = 'mutation { login(username: "finance", password: "not-the-password") { token } }';
    for (let i = 0; i < 5; i++) expect((await gql(server.url, wrong)).errors?.[0]?.extensions?.reason).toBe('WRONG_PASSWORD');
    // Five failures, alternately in each process: a counter per process would have seen two or three.
    const sixth = await gql(server.url, 'mutation { login(username: "finance", password: "quotabook-demo") { token } }');
    expect(sixth.errors?.[0]?.extensions?.reason).toBe('SIGN_IN_DELAYED');
  }, 60_000);

  it('replaces a process that dies, and keeps serving', async () => {
    const [first] = childrenOf(server.process.pid!);
    process.kill(first!, 'SIGKILL');
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !(childrenOf(server.process.pid!).length === 2 && !childrenOf(server.process.pid!).includes(first!))) await new Promise((r) => setTimeout(r, 200));
    expect(childrenOf(server.process.pid!)).toHaveLength(2);
    expect(server.output()).toMatch(new RegExp(`server process ${first} stopped \\(SIGKILL\\); starting another`));
    const login = await gql(server.url, 'mutation { login(username: "manager", password: "quotabook-demo") { token } }');
    for (const r of await many(6, '{ viewer { username } }', login.data.login.token)) expect(r.data?.viewer?.username).toBe('manager');
  }, 60_000);
});
