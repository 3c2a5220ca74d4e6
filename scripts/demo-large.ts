/**
 * npm run demo:large -- --people 10000 [--database-url URL]
 * Builds a large demo organisation (same generator as the demo, scaled) into
 * an empty database: DATABASE_URL, or data/quotabook-large.db by default.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { generateDemoOrg } from '../server/seed/demo-org.ts';
import { seedOrganisation } from '../server/seed/seed.ts';
import { root } from '../server/db/providers.ts';

const { values } = parseArgs({ options: { people: { type: 'string', default: '10000' }, 'database-url': { type: 'string' } } });
const people = Number(values.people);
if (!Number.isInteger(people) || people < 20 || people > 200_000) {
  console.error('--people must be a whole number from 20 to 200000');
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
  const result = await seedOrganisation(db.prisma, generateDemoOrg({ people, seed: 42 }));
  console.log(`demo:large: ${result.people} people in ${result.units} units in ${Math.round(performance.now() - started)} ms`);
  console.log(`Start the server on it with: DATABASE_URL=${url} npm start`);
} finally {
  await db.close();
}
