/**
 * Seeds the payroll benchmark's organisation into a database (in its own
 * process, so that the benchmark's memory figures are the run's, not the
 * seeding's): the demo organisation of N people with one to three sales each
 * in March 2026.
 *
 *   node --import tsx bench/payroll-org.ts <DATABASE_URL> <people>
 */
import { migrate } from '../server/db/migrate.ts';
import { openDatabase } from '../server/db/client.ts';
import { generateDemoOrg } from '../server/seed/demo-org.ts';
import { seedOrganisation } from '../server/seed/seed.ts';

const [url, count] = [process.argv[2]!, Number(process.argv[3] ?? 10_000)];
await migrate(url);
const db = await openDatabase(url);
await seedOrganisation(db.prisma, generateDemoOrg({ people: count, seed: 42 }), { withUsers: false });
const people = await db.prisma.assignment.findMany({ where: { validTo: null }, select: { personId: true, unitId: true } });
const sales = people.flatMap((p, i) =>
  Array.from({ length: 1 + (i % 3) }, (_, k) => ({ externalId: `B-${i}-${k}`, personId: p.personId, unitId: p.unitId, date: new Date(Date.UTC(2026, 2, 3 + k * 9)), amountFen: BigInt(500_000 + ((i * 7919 + k * 104729) % 1_500_000)) })),
);
for (let i = 0; i < sales.length; i += 5000) await db.prisma.salesRecord.createMany({ data: sales.slice(i, i + 5000) });
await db.close();
