/**
 * npm run demo:large -- --people 10000 [--years 1|2] [--today YYYY-MM-DD] [--database-url URL]
 * Builds a large demo organisation (same generator as the demo, scaled) into
 * an empty database: DATABASE_URL, or data/quotabook-large.db by default;
 * with this year's sales up to today (about 1.2 million for 10,000 people
 * over a whole year; --years 2 adds last year) and published targets.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { generateDemoOrg } from '../server/seed/demo-org.ts';
import { seedOrganisation } from '../server/seed/seed.ts';
import { root } from '../server/db/providers.ts';
import { isIsoDay, today as todayIn } from '../schema/dates.ts';

const { values } = parseArgs({ options: { people: { type: 'string', default: '10000' }, years: { type: 'string', default: '1' }, today: { type: 'string' }, 'database-url': { type: 'string' } } });
const people = Number(values.people);
if (!Number.isInteger(people) || people < 20 || people > 200_000) {
  console.error('--people must be a whole number from 20 to 200000');
  process.exit(2);
}
const years = Number(values.years);
if (years !== 0 && years !== 1 && years !== 2) {
  console.error('--years must be 0 (no sales), 1 (this year) or 2 (last year and this year)');
  process.exit(2);
}
const today = values.today ?? todayIn();
if (!isIsoDay(today)) {
  console.error('--today must be a date, YYYY-MM-DD');
  process.exit(2);
}
const url = values['database-url'] ?? process.env.DATABASE_URL ?? `file:${path.join(root, 'data', 'quotabook-large.db')}`;
await migrate(url);
const db = await openDatabase(url);
try {
  if ((await db.prisma.orgUnit.count()) > 0) {
    console.error(`The database at ${url.replace(/\/\/[^@]*@/, '//***@')} already has an organisation; use an empty one.`);
    process.exit(1);
  }
  const started = performance.now();
  const results = years ? { today, fromYear: Number(today.slice(0, 4)) - years + 1, seed: 42 } : null;
  const result = await seedOrganisation(db.prisma, generateDemoOrg({ people, seed: 42 }), { results });
  // Fresh statistics for every table just loaded (SQLite's planner reads sqlite_stat1), so the first reads plan
  // with the real sizes, not defaults. On PostgreSQL the seed has analysed its schema's tables already.
  if (db.provider === 'sqlite') await db.prisma.$executeRawUnsafe('ANALYZE');
  console.log(
    `demo:large: ${result.people} people in ${result.units} units, ${result.sales} sales to ${today}, ${result.plans} published target plans in ${Math.round(performance.now() - started)} ms`,
  );
  console.log(`Start the server on it with: DATABASE_URL=${url} npm start`);
} finally {
  await db.close();
}
