/**
 * npm run bench: the roster at scale.
 *  - builds a 10,000-person organisation in a fresh SQLite file (and in
 *    PostgreSQL when reachable);
 *  - pulls the whole roster through keyset pages of 1,000 via the real
 *    GraphQL server in-process (server time, bytes, rows per second; the
 *    client's JSON.parse of the pages is timed apart), on a database
 *    analysed as one in use is;
 *  - writes it into the Excel stand-in with the add-in's own code path
 *    (sync calls, largest request, time).
 * Prints a table; the figures are recorded in bench/RESULTS.md.
 */
import { report } from './summary.ts';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { migrate } from '../server/db/migrate.ts';
import { openDatabase } from '../server/db/client.ts';
import { generateDemoOrg } from '../server/seed/demo-org.ts';
import { seedOrganisation, DEMO_PASSWORD } from '../server/seed/seed.ts';
import { createApp, CSRF_HEADER } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { tempDatabase, postgresAvailable } from '../test/support/databases.ts';
import { createStandInExcel } from '../test/support/excel-standin.ts';
import { ROSTER_PAGE } from '../addin/src/api/operations.ts';
import { rosterSheet, type RosterPerson } from '../addin/src/roster/roster-sheet.ts';
import { words } from '../addin/src/i18n.ts';
import { writeSheetTable, type ExcelRun } from '../addin/src/excel/workbook.ts';
import type { Provider } from '../server/db/providers.ts';

const { values } = parseArgs({ options: { people: { type: 'string', default: '10000' }, runs: { type: 'string', default: '5' } } });
const PEOPLE = Number(values.people);
const RUNS = Number(values.runs);
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows: string[][] = [];

async function benchProvider(provider: Provider) {
  const temp = await tempDatabase(provider);
  try {
    await migrate(temp.url);
    const db = await openDatabase(temp.url);
    const seedStart = performance.now();
    await seedOrganisation(db.prisma, generateDemoOrg({ people: PEOPLE, seed: 42 }));
    const seedMs = performance.now() - seedStart;
    // As a database in use is: autovacuum analyses a table within a minute of bulk changes, and
    // without statistics PostgreSQL plans a page as if the tables were empty.
    if (provider === 'postgresql') await db.prisma.$executeRawUnsafe('VACUUM ANALYZE');
    const app = createApp(db, { ...loadConfig({}), databaseUrl: temp.url });
    const post = async (query: string, variables: Record<string, unknown>, token?: string) => {
      const res = await app.yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const text = await res.text();
      const parsing = performance.now();
      const json = JSON.parse(text);
      clientMs += performance.now() - parsing;
      return { text, json };
    };
    // The client's own work (JSON.parse of each page) is timed apart: the target is server time.
    let clientMs = 0;
    const token = (await post('mutation($u:String!,$p:String!){login(username:$u,password:$p){token}}', { u: 'admin', p: DEMO_PASSWORD })).json.data.login.token;

    const pullAll = async () => {
      let after: string | null = null;
      let bytes = 0;
      let pages = 0;
      const people: RosterPerson[] = [];
      clientMs = 0;
      const started = performance.now();
      for (;;) {
        const { text, json } = await post(ROSTER_PAGE, { asOf: '2026-11-01', first: 1000, after }, token);
        if (json.errors) throw new Error(JSON.stringify(json.errors));
        bytes += Buffer.byteLength(text);
        pages += 1;
        for (const e of json.data.roster.edges) people.push(e.node);
        if (!json.data.roster.pageInfo.hasNextPage) break;
        after = json.data.roster.pageInfo.endCursor;
      }
      const ms = performance.now() - started;
      return { ms: ms - clientMs, clientMs, bytes, pages, people };
    };
    await pullAll(); // warm-up
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await pullAll());
    const ms = median(runs.map((r) => r.ms));
    report({ measure: `${PEOPLE.toLocaleString("en-US")}-person roster pull (server, in-process), ${provider}`, target: provider === 'postgresql' ? '≤ 300 ms' : '—', targetValue: provider === 'postgresql' ? 300 : undefined, unit: 'ms', values: runs.map((r) => r.ms) });
    const { people, bytes, pages } = runs[0]!;
    rows.push([provider, 'full roster pull (server, in-process)', `${people.length} rows, ${pages} pages`, `${ms.toFixed(0)} ms`, `${(bytes / 1024 / 1024).toFixed(2)} MB`, `${Math.round(people.length / (ms / 1000))} rows/s`]);
    rows.push([provider, '… and the client parsing the pages', '', `${median(runs.map((r) => r.clientMs)).toFixed(0)} ms`, '', '']);
    rows.push([provider, `seed ${PEOPLE} people`, '', `${seedMs.toFixed(0)} ms`, '', '']);

    if (provider === 'sqlite') {
      const { workbook } = createStandInExcel();
      const spec = rosterSheet(words['zh-CN'], people, { unitId: 'all', unitName: 'all', asOf: '2026-11-01', pulledAt: new Date().toISOString() });
      const started = performance.now();
      const report = await writeSheetTable(workbook.run as unknown as ExcelRun, spec);
      const writeMs = performance.now() - started;
      const total = workbook.stats.requestBytes.reduce((a, b) => a + b, 0);
      rows.push([
        'stand-in',
        'write roster sheet (add-in code path)',
        `${report.rows} rows × ${spec.columns.length} cols`,
        `${writeMs.toFixed(0)} ms`,
        `${(total / 1024 / 1024).toFixed(2)} MB in ${workbook.stats.syncs} syncs`,
        `largest request ${(workbook.stats.largestRequestBytes / 1024 / 1024).toFixed(2)} MB`,
      ]);
    }
    await app.yoga.dispose();
    await db.close();
  } finally {
    await temp.drop();
  }
}

console.log(`Quotabook roster benchmark: ${PEOPLE} people, median of ${RUNS} runs; ${os.cpus().length} × ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
await benchProvider('sqlite');
if (postgresAvailable) await benchProvider('postgresql');
const head = ['database', 'what', 'size', 'time', 'bytes', 'rate'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log([line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
