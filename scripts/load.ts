/**
 * npm run load: what signing in costs a request (issue 12 §5). Builds a fresh
 * SQLite demo database (`npm start`'s demo organisation, sales and published
 * targets), starts the server on it as a process of its own (plain HTTP on
 * 127.0.0.1, so the load generator here does not share its event loop), and
 * puts four requests under the same load one after another, in the same run:
 *
 *  - anonymous `{__typename}`: the floor, no session;
 *  - signed-in `{__typename}` with the demo rep's token: what resolving the
 *    session adds;
 *  - the rep's own data: MyTargets for this year, as the rep's pane asks it;
 *  - many reps' own data: the same, each request the next rep's in turn
 *    (every person with own targets this year gets a sign-in in the
 *    load's database), each answer checked to be that rep's own: many
 *    people at once, whose sessions and targets the server cannot share.
 *
 * The four take turns for a few rounds and each figure is the median of its
 * rounds; each signed-in one is taken as a share of the anonymous one of its
 * own round, so that load from outside (the machine is shared) moves both.
 *
 * With `--cache both` (the default) the server runs twice: with the session
 * cache off (SESSION_CACHE_TTL_MS=0: every request reads the session, as
 * before the cache) and on (the defaults). Prints a table — requests/s, p50,
 * p99 — and each signed-in row's share of anonymous, against the targets:
 * 80 % for signed-in `{__typename}`, 40 % for the own-data query; and the
 * server's CPU time a request (from /proc), which shows the server's own
 * cost even where the load generator, not the server, sets the pace; on
 * PostgreSQL also its processes' CPU time a request, which the database
 * takes from the same cores.
 *
 * Then an open load with the cache on: 200 clients signed in as the reps in
 * turn (client k is rep k mod their number: about three clients a rep in
 * the demo), each asking for their own data once a second at its own random moment in
 * the second (openLoad: latencies from when each request was due, after a
 * first second in which each client opens its connection), p99 against the
 * target of 50 ms.
 * `--db` picks the database (SQLite, PostgreSQL or both). A script that
 * prints figures, not a test: the figures go to bench/RESULTS.md by hand.
 *
 *   npm run load -- --duration 5 --rounds 3 --warmup 3 --connections 10 --cache both|on|off --db sqlite|postgresql|both
 *   npm run load -- --cache on --cpu-prof DIR   (the server's CPU profile, for Chrome DevTools, in DIR)
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { migrate } from '../server/db/migrate.ts';
import { openDatabase } from '../server/db/client.ts';
import { seedDemoIfEmpty, DEMO_PASSWORD } from '../server/seed/seed.ts';
import { CSRF_HEADER } from '../server/app.ts';
import { tempDatabase } from '../test/support/databases.ts';
import { startServerProcess } from '../test/support/server-process.ts';
import { MY_TARGETS } from '../addin/src/api/operations.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    cache: { type: 'string', default: 'both' },
    db: { type: 'string', default: 'sqlite' },
    'open-rate': { type: 'string', default: '200' },
    'cpu-prof': { type: 'string' },
  },
});
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const WARMUP = Number(values.warmup);
const ROUNDS = Number(values.rounds);
const modes = values.cache === 'both' ? (['off', 'on'] as const) : values.cache === 'off' ? (['off'] as const) : (['on'] as const);
const TARGETS = { signedIn: 0.8, ownData: 0.4, openP99Ms: 50 };
const OPEN_RATE = Number(values['open-rate']);
const providers = values.db === 'both' ? (['sqlite', 'postgresql'] as const) : values.db === 'postgresql' ? (['postgresql'] as const) : (['sqlite'] as const);

interface Case {
  name: string;
  target?: number;
  query: string;
  variables?: Record<string, unknown>;
  token?: string;
  /** The answer every request must get, byte for byte (autocannon counts any other as a mismatch). */
  expect?: string;
  /** Many reps in turn, each request the next one's: their tokens and each one's own answer, byte for byte. */
  reps?: { token: string; expect: string }[];
}

const started = performance.now();
const rows: string[][] = [];
for (const provider of providers) await measure(provider);
console.log(
  `\nQuotabook load: ${CONNECTIONS} connections; ${ROUNDS} rounds of ${DURATION} s a case, in turn, after ${WARMUP} s of warm-up each; medians; then ${OPEN_RATE} clients once a second each for ${DURATION * 2} s after a second in which each opens its connection; server in its own process; ` +
    `${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`,
);
const head = ['database', 'server', 'request', 'requests/s', 'p50', 'p99', 'against the target', 'server CPU a request', 'PostgreSQL CPU a request', ''];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log([line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));

async function measure(provider: 'sqlite' | 'postgresql') {
  const temp = await tempDatabase(provider);
  try {
    await migrate(temp.url);
    const db = await openDatabase(temp.url);
    const seeded = await seedDemoIfEmpty(db.prisma);
    const reps = await signInsForReps(db.prisma, new Date().getFullYear());
    await db.close();
    console.log(`${provider} demo database: ${seeded?.people} people, ${seeded?.sales ?? 0} sales, ${seeded?.plans ?? 0} published target plans (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    for (const mode of modes) {
      const profile = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : [];
      const server = await startServerProcess(temp.url, mode === 'off' ? { SESSION_CACHE_TTL_MS: '0' } : {}, profile);
      try {
        const year = new Date().getFullYear();
        // Every rep signed in, each with their own answer (the demo rep first).
        const own = await ownAnswers(server, reps, { name: 'own data', query: MY_TARGETS, variables: { year } });
        const token = own[0]!.token;
        const cases: Case[] = [
          { name: 'anonymous {__typename}', query: '{ __typename }' },
          { name: 'signed-in {__typename} (rep)', target: TARGETS.signedIn, query: '{ __typename }', token },
          { name: `rep's own data: MyTargets(${year})`, target: TARGETS.ownData, query: MY_TARGETS, variables: { year }, token },
          { name: `reps' own data: MyTargets(${year}), ${reps.length} reps in turn`, target: TARGETS.ownData, query: MY_TARGETS, variables: { year }, reps: own },
        ];
        for (const c of cases) {
          // Each request must be what it claims: a signed-in answer with data, not a refusal; and every one under load the same
          // (with many reps, ownAnswers checked each one's).
          if (!c.reps) {
            const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: headers(c), body: body(c) });
            c.expect = await res.text();
            const check = JSON.parse(c.expect) as { data?: Record<string, unknown>; errors?: unknown };
            if (check.errors || !check.data) throw new Error(`${c.name}: ${c.expect}`);
            const first = Object.values(check.data)[0];
            if (Array.isArray(first)) c.name += `, ${first.length} rows`;
          }
          await run(server.url, c, WARMUP);
        }
        // Rounds of the four in turn, each signed-in figure against the anonymous one of its own round:
        // the machine is shared, and a change in the load from outside then moves all four alike.
        const results = cases.map(() => [] as { rps: number; p50: number; p99: number; ratio: number; failures: number; cpuUs: number; dbCpuUs: number }[]);
        for (let round = 0; round < ROUNDS; round++) {
          let anonymous = 0;
          for (const [i, c] of cases.entries()) {
            const cpu = serverCpuMs(server.pid);
            const dbCpu = provider === 'postgresql' ? postgresCpuMs() : 0;
            const r = await run(server.url, c, DURATION);
            const requests = Math.max(1, r.requests.total);
            const cpuUs = ((serverCpuMs(server.pid) - cpu) * 1000) / requests;
            const dbCpuUs = provider === 'postgresql' ? ((postgresCpuMs() - dbCpu) * 1000) / requests : NaN;
            if (!c.token && !c.reps) anonymous = r.requests.average;
            results[i]!.push({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, ratio: r.requests.average / anonymous, failures: r.non2xx + r.errors + r.mismatches + r.wrongAnswers, cpuUs, dbCpuUs });
          }
        }
        for (const [i, c] of cases.entries()) {
          const rs = results[i]!;
          const ratio = median(rs.map((r) => r.ratio));
          const failures = rs.reduce((n, r) => n + r.failures, 0);
          rows.push([
            provider,
            `cache ${mode}`,
            c.name,
            fmt(median(rs.map((r) => r.rps))),
            `${median(rs.map((r) => r.p50))} ms`,
            `${median(rs.map((r) => r.p99))} ms`,
            c.target === undefined ? '' : `${Math.round(ratio * 100)} % of anonymous (target ${c.target * 100} %: ${ratio >= c.target ? 'met' : 'not met'})`,
            `${Math.round(median(rs.map((r) => r.cpuUs)))} µs`,
            provider === 'postgresql' && rs.every((r) => Number.isFinite(r.dbCpuUs)) ? `${Math.round(median(rs.map((r) => r.dbCpuUs)))} µs` : '',
            failures ? `${failures} failed` : '',
          ]);
        }
        if (mode === 'on') {
          // An open load: many clients, each asking about once a second, at a fixed rate in all.
          const own = cases[3]!;
          const r = await openLoad(server.url, own, OPEN_RATE, DURATION * 2);
          rows.push([
            provider,
            `cache on, ${OPEN_RATE} clients`,
            `${own.name}, each client once a second`,
            fmt(r.rps),
            `${r.p50.toFixed(1)} ms`,
            `${r.p99.toFixed(1)} ms`,
            `p99 target ≤ ${TARGETS.openP99Ms} ms: ${r.p99 <= TARGETS.openP99Ms ? 'met' : 'not met'}`,
            '',
            '',
            r.failures ? `${r.failures} failed` : '',
          ]);
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    await temp.drop();
  }
}

/**
 * An open load: `clients` clients, each on its own kept-alive connection, each
 * asking once a second at its own moment in the second (chosen at random, as
 * people's clicks are), whatever the answers before it; each latency from when
 * the request was due, so a slow server cannot hide its queue.
 */
async function openLoad(url: string, c: Case, clients: number, seconds: number): Promise<{ rps: number; p50: number; p99: number; failures: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const target = new URL(`${url}/graphql`);
  const payload = body(c);
  // With many reps, client k is rep k (in turn): each asks for their own.
  const ask = (client: number): Promise<boolean> =>
    new Promise((resolve) => {
      const rep = c.reps?.[client % c.reps.length];
      const req = http.request(target, { method: 'POST', agent, headers: { ...headers({ ...c, token: rep?.token ?? c.token }), 'content-length': Buffer.byteLength(payload) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve(res.statusCode === 200 && Buffer.concat(chunks).toString() === (rep?.expect ?? c.expect)));
      });
      req.on('error', () => resolve(false));
      req.end(payload);
    });
  const latencies: number[] = [];
  let failures = 0;
  const start = performance.now() + 100;
  const asks: Promise<void>[] = [];
  for (let client = 0; client < clients; client++) {
    const phase = Math.random() * 1000;
    // Second 0 is each client's first ask, which opens its kept-alive connection: made, not
    // counted (the target is the steady state of 200 clients, not 200 connections opening at once).
    for (let k = 0; k <= seconds; k++) {
      const due = start + phase + k * 1000;
      asks.push(
        new Promise<void>((done) => {
          setTimeout(async () => {
            const ok = await ask(client);
            if (k > 0 && ok) latencies.push(performance.now() - due);
            else if (!ok) failures++;
            done();
          }, due - performance.now());
        }),
      );
    }
  }
  await Promise.all(asks);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { rps: (latencies.length + failures) / seconds, p50: at(0.5), p99: at(0.99), failures };
}

/** `wrongAnswers`: with many reps, answers (200s; the rest count in non2xx) that were not the asking rep's own, byte for byte. */
async function run(url: string, c: Case, seconds: number): Promise<autocannon.Result & { wrongAnswers: number }> {
  const reps = c.reps;
  if (!reps) return { ...(await autocannon({ url: `${url}/graphql`, method: 'POST', connections: CONNECTIONS, duration: seconds, headers: headers(c), body: body(c), expectBody: c.expect })), wrongAnswers: 0 };
  let next = 0;
  let wrongAnswers = 0;
  const headersOf = reps.map((rep) => headers({ ...c, token: rep.token }));
  const result = await autocannon({
    url: `${url}/graphql`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        body: body(c),
        setupRequest: (request, context) => {
          const rep = next++ % reps.length;
          (context as { rep?: number }).rep = rep;
          request.headers = headersOf[rep]!;
          return request;
        },
        onResponse: (status, answer, context) => {
          if (status === 200 && answer !== reps[(context as { rep?: number }).rep!]!.expect) wrongAnswers++;
        },
      },
    ],
  });
  return { ...result, wrongAnswers };
}

/**
 * Sign-ins for many reps (issue 12 §5: many users at once): a REP user, with
 * the demo password, for each person still employed who has own targets
 * published for the year and no user yet; with the demo rep, in a stable order.
 */
async function signInsForReps(prisma: Awaited<ReturnType<typeof openDatabase>>['prisma'], year: number): Promise<string[]> {
  const demoRep = await prisma.user.findUniqueOrThrow({ where: { username: 'rep' } });
  const lines = await prisma.targetLine.findMany({
    where: { ownerKind: 'PERSON', plan: { year, status: { in: ['PUBLISHED', 'LOCKED'] } } },
    select: { ownerId: true },
    distinct: ['ownerId'],
    orderBy: { ownerId: 'asc' },
  });
  const withUser = new Set((await prisma.user.findMany({ where: { personId: { not: null } }, select: { personId: true } })).map((u) => u.personId));
  // People who have left cannot sign in.
  for (const p of await prisma.person.findMany({ where: { leaveDate: { not: null } }, select: { id: true } })) withUser.add(p.id);
  const usernames = ['rep'];
  for (const [i, { ownerId }] of lines.filter((l) => !withUser.has(l.ownerId)).entries()) {
    const username = `load-rep-${i + 1}`;
    await prisma.user.create({ data: { username, passwordHash: demoRep.passwordHash, personId: ownerId, roles: { create: [{ role: 'REP' }] } } });
    usernames.push(username);
  }
  return usernames;
}

/** Each rep signed in, with the answer to `c` that is their own (checked to hold data). */
async function ownAnswers(server: { url: string; gql: <T>(query: string, variables?: Record<string, unknown>) => Promise<{ data?: T; errors?: unknown }> }, usernames: string[], c: Case): Promise<{ token: string; expect: string }[]> {
  const out: { token: string; expect: string }[] = [];
  for (const u of usernames) {
    const login = await server.gql<{ login: { token: string } }>('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u, p: DEMO_PASSWORD });
    const token = login.data?.login.token;
    if (!token) throw new Error(`${u} could not sign in: ${JSON.stringify(login.errors)}`);
    const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: headers({ ...c, token }), body: body(c) });
    const expect = await res.text();
    const answer = JSON.parse(expect) as { data?: Record<string, unknown[]>; errors?: unknown };
    if (answer.errors || !Object.values(answer.data ?? {})[0]?.length) throw new Error(`${u}'s ${c.name} is empty: ${expect}`);
    out.push({ token, expect });
  }
  return out;
}

/**
 * The server process's CPU time so far (user and system, from /proc; 0 where there is none). Per
 * request it shows what the server spends whichever side of the socket is the bottleneck: at
 * several thousand requests a second the load generator, on the other core, can be.
 */
function serverCpuMs(pid: number): number {
  try {
    return cpuMsOf(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return 0;
  }
}

/** A process's CPU time from its /proc/<pid>/stat: utime and stime, in Linux's USER_HZ (hundredths of a second). */
function cpuMsOf(stat: string): number {
  const fields = stat.split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * The CPU time so far of every PostgreSQL process on this machine (its
 * backends and helpers, from /proc; NaN where there are none, as with a
 * PostgreSQL elsewhere, and the column stays blank). On a machine where
 * PostgreSQL runs beside the server, its backends take turns on the same
 * cores as the server and the load generator, so a request that asks the
 * database costs throughput beyond the server's own CPU. Whatever else
 * runs on this PostgreSQL counts too; a backend that exits between two
 * readings takes its time out of the sum (the server's pool closes a
 * connection idle for 10 s, longer than a round's run here).
 */
function postgresCpuMs(): number {
  let total = 0;
  let found = false;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      found = true;
      total += cpuMsOf(stat);
    } catch {
      // The process ended meanwhile.
    }
  }
  return found ? total : NaN;
}

function headers(c: Case): Record<string, string> {
  return { 'content-type': 'application/json', [CSRF_HEADER]: '1', ...(c.token ? { authorization: `Bearer ${c.token}` } : {}) };
}

function body(c: Case): string {
  return JSON.stringify({ query: c.query, variables: c.variables ?? {} });
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
