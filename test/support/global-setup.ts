/**
 * Once per run, before any test file: the demo organisation migrated and
 * seeded into a template database per provider (a SQLite file; a PostgreSQL
 * database to clone with CREATE DATABASE … TEMPLATE). startTestServer copies
 * the template instead of migrating and seeding again in every file (about
 * two seconds a server on PostgreSQL, half that on SQLite). Databases are
 * still one per server; nothing is shared between files but the starting rows.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import Sqlite from 'better-sqlite3';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../server/db/migrate.ts';
import { openDatabase } from '../../server/db/client.ts';
import { seedOrganisation } from '../../server/seed/seed.ts';
import { generateDemoOrg } from '../../server/seed/demo-org.ts';
import { PG_URL, canReachPostgres, pgDatabaseUrl, DEMO_TEMPLATE_PEOPLE, CLONE_PREFIX, type Templates } from './databases.ts';

async function seedDemo(url: string) {
  await migrate(url);
  const db = await openDatabase(url);
  try {
    await seedOrganisation(db.prisma, generateDemoOrg({ people: DEMO_TEMPLATE_PEOPLE }), { results: undefined });
  } finally {
    await db.close();
  }
}

export default async function setup(project: TestProject) {
  const run = `${process.pid.toString(36)}${crypto.randomBytes(3).toString('hex')}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quotabook-template-'));
  const templates: Templates = { run };
  const jobs: Promise<void>[] = [];

  jobs.push(
    (async () => {
      const file = path.join(dir, 'demo.db');
      await seedDemo(`file:${file}`);
      // One self-contained file to copy: the write-ahead log folded in.
      const db = new Sqlite(file);
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.pragma('journal_mode = DELETE');
      db.close();
      templates.sqlite = file;
    })(),
  );

  let pgTemplate: string | undefined;
  if (await canReachPostgres()) {
    jobs.push(
      (async () => {
        const name = `qb_template_${run}`;
        const admin = new pg.Client({ connectionString: PG_URL });
        await admin.connect();
        try {
          await admin.query(`CREATE DATABASE "${name}"`);
        } finally {
          await admin.end();
        }
        pgTemplate = name;
        await seedDemo(`${pgDatabaseUrl(name)}${pgDatabaseUrl(name).includes('?') ? '&' : '?'}schema=quotabook`);
        templates.postgresql = { database: name, schema: 'quotabook' };
      })(),
    );
  }
  const settled = await Promise.allSettled(jobs);
  // A template that could not be made is no failure here: servers then migrate and seed their own.
  for (const s of settled) if (s.status === 'rejected') console.warn(`test template database not made: ${(s.reason as Error)?.message}`);
  project.provide('quotabookTemplates', templates);

  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (!pgTemplate) return;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      // The template, and any clone a file left behind (a crashed worker).
      const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [pgTemplate, `${CLONE_PREFIX}${run}_%`]);
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  };
}
