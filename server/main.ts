/**
 * npm start: migrates and (when empty) seeds the database, then serves the
 * task pane and the GraphQL API over HTTPS — in this process, or in WORKERS
 * processes sharing the port (node:cluster; config.ts says when). The first
 * process prepares the database once and restarts a worker that dies;
 * SIGTERM or SIGINT stops the workers, each finishing its requests first.
 */
import cluster from 'node:cluster';
import https from 'node:https';
import { databaseOptions, loadConfig } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { DEMO_PASSWORD } from './seed/seed.ts';
import { prepareDatabase } from './startup.ts';
import { createApp } from './app.ts';
import { loadTls } from './http/tls.ts';
import { providerOf } from './db/providers.ts';

const config = loadConfig();
const provider = providerOf(config.databaseUrl);
/** How long a server waits before it tries again to take jobs, after a start that failed. */
const JOBS_RETRY_MS = 30_000;

if (cluster.isPrimary) {
  // Migrations, the demo seed and built-in data: one starting instance at a time (startup.ts).
  const { db, migrated, seeded } = await prepareDatabase(config);
  const tls = await loadTls(config);
  const banner = (port: number) => {
    const base = `https://localhost:${port}`;
    return [
      `Quotabook is running at ${base}`,
      `  database: ${provider === 'sqlite' ? config.databaseUrl.replace(/^file:/, 'SQLite file ') : 'PostgreSQL'}` +
        (migrated.applied.length ? ` (applied ${migrated.applied.length} migration(s))` : '') +
        (config.workers > 1 ? `; ${config.workers} server processes (WORKERS)` : ''),
      seeded ? `  seeded the demo organisation: ${seeded.units} units, ${seeded.people} people` + (seeded.sales ? `, ${seeded.sales} sales to today and ${seeded.plans} published target plans` : '') +
          (seeded.payroll?.length ? `; payroll ${seeded.payroll.map((r) => `${r.month} (${r.status.toLowerCase()}, ${r.payslips} payslips)`).join(', ')}` : '')
        : '',
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
    ]
      .filter((l) => l !== '')
      .join('\n');
  };
  if (config.workers === 1) await serve(db, tls, banner);
  else {
    await db.close();
    await runWorkers(config.workers, banner);
  }
} else {
  // A worker: the first process has migrated and seeded; it serves.
  const db = await openDatabase(config.databaseUrl, databaseOptions(config));
  await serve(db, await loadTls(config), null);
}

/** Serves on config.port; the banner is printed once listening (by the first process only). */
async function serve(db: Database, tls: Awaited<ReturnType<typeof loadTls>>, banner: ((port: number) => string) | null) {
  const { handle, yoga, jobs } = createApp(db, config);
  // Takes jobs from now on, and any a stopped server left queued or running; a start that fails
  // (the database away for a moment) is tried again, as the next job handed to this process would.
  const startJobs = () =>
    jobs.start().catch((e: unknown) => {
      console.error(`jobs could not start: ${e instanceof Error ? e.message : String(e)}; trying again in ${JOBS_RETRY_MS / 1000} s`);
      setTimeout(() => stopping || void startJobs(), JOBS_RETRY_MS).unref();
    });
  void startJobs();
  const server = https.createServer({ cert: tls.cert, key: tls.key }, handle);
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    if (banner) console.log(banner(port));
    else process.send?.({ listening: port });
  });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (banner) console.log(`${signal}: finishing requests in flight, then stopping`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close(async () => {
      await jobs.stop();
      await yoga.dispose();
      await db.close();
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

/** Forks the workers, prints the banner when the first listens, restarts any that dies, stops them all on a signal. */
async function runWorkers(count: number, banner: (port: number) => string) {
  let stopping = false;
  let announced = false;
  const fork = () => {
    const worker = cluster.fork();
    worker.on('message', (m: { listening?: number }) => {
      if (m.listening !== undefined && !announced) {
        announced = true;
        console.log(banner(m.listening));
      }
    });
  };
  cluster.on('exit', (worker, code, signal) => {
    // Stopping, or a worker that stopped cleanly on a signal sent to the whole process group (Ctrl-C).
    if (stopping || (code === 0 && !signal)) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`server process ${worker.process.pid} stopped (${signal ?? `exit ${code}`}); starting another`);
    fork();
  });
  for (let i = 0; i < count; i++) fork();
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests in flight, then stopping`);
    const force = setTimeout(() => process.exit(1), 12_000);
    force.unref();
    const workers = Object.values(cluster.workers ?? {});
    if (!workers.length) process.exit(0);
    for (const w of workers) w?.process.kill('SIGTERM');
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
