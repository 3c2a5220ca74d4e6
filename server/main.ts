/**
 * npm start: migrates and (when empty) seeds the database, then serves the
 * task pane and the GraphQL API over HTTPS.
 */
import https from 'node:https';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { seedDemoIfEmpty, DEMO_PASSWORD } from './seed/seed.ts';
import { ensureBuiltInPlans } from './payroll/plans.ts';
import { ensureWorkingCalendar } from './payroll/working-calendar.ts';
import { ensureKpiSets } from './seed/kpi-sets.ts';
import { createApp } from './app.ts';
import { loadTls } from './http/tls.ts';
import { providerOf } from './db/providers.ts';

const config = loadConfig();
const provider = providerOf(config.databaseUrl);
const migrated = await migrate(config.databaseUrl);
const db = await openDatabase(config.databaseUrl);
const seeded = config.seedDemo ? await seedDemoIfEmpty(db.prisma, { results: config.seedDemoResults }) : null;
await ensureBuiltInPlans(db.prisma);
await ensureWorkingCalendar(db.prisma);
await ensureKpiSets(db.prisma);
const tls = await loadTls(config);
const { handle, yoga } = createApp(db, config);
const server = https.createServer({ cert: tls.cert, key: tls.key }, handle);

server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const base = `https://localhost:${port}`;
  const lines = [
    `Quotabook is running at ${base}`,
    `  database: ${provider === 'sqlite' ? config.databaseUrl.replace(/^file:/, 'SQLite file ') : 'PostgreSQL'}` +
      (migrated.applied.length ? ` (applied ${migrated.applied.length} migration(s))` : ''),
    seeded ? `  seeded the demo organisation: ${seeded.units} units, ${seeded.people} people` + (seeded.sales ? `, ${seeded.sales} sales to today and ${seeded.plans} published target plans` : '') : '',
    seeded || config.seedDemo ? `  demo users (demo only): admin, finance, finmgr, director, gm, manager, rep — password "${DEMO_PASSWORD}"` : '',
    `  GraphQL: ${base}/graphql   task pane: ${base}/taskpane.html`,
    `  manifest for ${config.publicUrl}: ${base}/manifest.xml   help and sideloading steps: ${base}/help.html`,
    tls.generated ? `  TLS: self-signed; trust ${tls.ca} once (README, "Trusting the certificate")` : '',
    '',
    'Sideload into Excel:',
    '  Excel on the web: open a workbook, Home > Add-ins > More Add-ins > Upload My Add-in, choose manifest.xml.',
    '  Excel desktop (Windows): put manifest.xml in a shared-folder catalog (Trust Center > Trusted Add-in Catalogs),',
    '    then Home > Add-ins > Shared Folder. Mac: copy it to ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/.',
    '  Then Home > Quotabook opens the task pane.',
  ];
  console.log(lines.filter((l) => l !== '').join('\n'));
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing requests in flight, then stopping`);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  server.close(async () => {
    await yoga.dispose();
    await db.close();
    process.exit(0);
  });
  server.closeIdleConnections();
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
