/**
 * A rep's own targets, as their pane asks on opening (issue 12 §5): the
 * published lines of their own, newest version of each plan, filtered to the
 * viewer's own person in the query itself.
 */
import type { Context } from '../context.ts';
import { Prisma } from '../db/client.ts';
import { providerOfClient, readRows } from '../db/direct-read.ts';
import { coalescedRead, type CoalescedRead } from '../db/coalesced-read.ts';
import type { Metric, TargetLevel } from '../db/generated/sqlite/client/enums.ts';
import { METRICS } from '../../schema/metrics.ts';
import { formatAmount } from '../../schema/target-validation.ts';

export interface MyTarget {
  metric: Metric;
  level: TargetLevel;
  periodKey: string;
  amount: string;
  planId: string;
  version: number;
}

/** The years for which the viewer has published targets, newest first (the pane opens on the first; a direct read, as myTargets). */
export async function myTargetYears(ctx: Context): Promise<number[]> {
  const personId = ctx.viewer?.personId;
  if (!personId) return [];
  const years = await readRows<{ year: number }>(ctx.prisma, Prisma.sql`
    SELECT DISTINCT p."year" AS "year" FROM "TargetPlan" p
    WHERE p."status" IN ('PUBLISHED', 'LOCKED') AND EXISTS (SELECT 1 FROM "TargetLine" l WHERE l."planId" = p."id" AND l."ownerKind" = 'PERSON' AND l."ownerId" = ${personId})
    ORDER BY p."year" DESC`);
  return years.map((y) => y.year);
}

/**
 * The viewer's own targets from the newest published version of each plan.
 * One SQL statement (the person's lines joined to their plans, a row per
 * person and plan with its lines as "periodKey amount" pairs; portable:
 * quoted identifiers, bound parameters, `string_agg` as PostgreSQL and
 * SQLite 3.44+ both have it), shared on PostgreSQL by the reps who ask at
 * the same moment: it is what a rep's pane asks on opening, and Prisma's
 * relation filter plus include cost two statements and about 2.5 ms. A row
 * per plan rather than per line: each row handed to JavaScript costs more
 * than SQLite's work to find it (issue 12 §5).
 */
export async function myTargets(ctx: Context, year: number): Promise<MyTarget[]> {
  const personId = ctx.viewer?.personId;
  if (!personId) return [];
  const plans = await myTargetPlans(ctx.prisma, personId, year);
  // The newest published version of each plan (metric, level, scope) only, its lines by period key.
  const lineages = new Set<string>();
  const out: MyTarget[] = [];
  for (const p of plans) {
    const lineage = `${p.metric}/${p.level}/${p.scopeUnitId}`;
    if (lineages.has(lineage)) continue;
    lineages.add(lineage);
    const unit = METRICS[p.metric].unit;
    const lines = p.lines.split(',').sort();
    for (const line of lines) {
      const space = line.indexOf(' ');
      out.push({ metric: p.metric, level: p.level, periodKey: line.slice(0, space), amount: formatAmount(unit, BigInt(line.slice(space + 1))), planId: p.planId, version: p.version });
    }
  }
  return out;
}

/** A published plan of the person's year with their lines as "periodKey amount" pairs. */
type MyTargetPlan = {
  planId: string;
  metric: Metric;
  level: TargetLevel;
  scopeUnitId: string;
  version: number;
  lines: string;
};

/** People whose targets one statement reads at most (its IN list is padded to a power of two up to this, so few texts get prepared). */
const MY_TARGETS_BATCH = 32;
/** A person and a year, as one key of the coalesced read. */
const keyOf = (personId: string, year: number) => `${year} ${personId}`;
const myTargetReads = new WeakMap<object, CoalescedRead<string, MyTargetPlan[]>>();

/**
 * The person's published plans of the year with their lines, newest version
 * first. On PostgreSQL the reads of reps asking at the same moment go out
 * together, a statement a year (coalesced-read.ts); SQLite answers in the
 * process, where a statement costs no round trip.
 */
function myTargetPlans(prisma: Context['prisma'], personId: string, year: number): Promise<MyTargetPlan[]> {
  if (providerOfClient(prisma) !== 'postgresql') return readMyTargetPlans(prisma, [personId], year).then((found) => found.get(personId) ?? []);
  let read = myTargetReads.get(prisma);
  if (!read) {
    read = coalescedRead((keys: string[]) => readForKeys(prisma, keys), () => [], { maxKeys: MY_TARGETS_BATCH, maxInFlight: 2, patienceMs: 2 });
    myTargetReads.set(prisma, read);
  }
  return read(keyOf(personId, year));
}

/** The plans of every key, one statement for each year among them (if one fails, the read fails for every key given). */
async function readForKeys(prisma: Context['prisma'], keys: string[]): Promise<Map<string, MyTargetPlan[]>> {
  const byYear = new Map<number, string[]>();
  for (const key of keys) {
    const space = key.indexOf(' ');
    const year = Number(key.slice(0, space));
    const people = byYear.get(year);
    if (people) people.push(key.slice(space + 1));
    else byYear.set(year, [key.slice(space + 1)]);
  }
  const out = new Map<string, MyTargetPlan[]>();
  await Promise.all(
    [...byYear].map(async ([year, people]) => {
      for (const [personId, plans] of await readMyTargetPlans(prisma, people, year)) out.set(keyOf(personId, year), plans);
    }),
  );
  return out;
}

/** The plans of each of `people` (at most MY_TARGETS_BATCH) in the year, in one statement. */
async function readMyTargetPlans(prisma: Context['prisma'], people: string[], year: number): Promise<Map<string, MyTargetPlan[]>> {
  let size = 1;
  while (size < people.length) size *= 2;
  const padded = [...people, ...Array<string>(size - people.length).fill(people.at(-1) as string)];
  const rows = await readRows<MyTargetPlan & { personId: string }>(prisma, Prisma.sql`
    SELECT l."ownerId" AS "personId", p."id" AS "planId", p."metric", p."level", p."scopeUnitId", p."version", string_agg(l."periodKey" || ' ' || CAST(l."amount" AS TEXT), ',') AS "lines"
    FROM "TargetLine" l
    JOIN "TargetPlan" p ON p."id" = l."planId"
    WHERE l."ownerId" IN (${Prisma.join(padded)}) AND l."ownerKind" = 'PERSON' AND p."year" = ${year} AND p."status" IN ('PUBLISHED', 'LOCKED')
    GROUP BY l."ownerId", p."id"
    ORDER BY p."version" DESC, p."id"`);
  const out = new Map<string, MyTargetPlan[]>();
  for (const { personId, ...plan } of rows) {
    const plans = out.get(personId);
    if (plans) plans.push(plan);
    else out.set(personId, [plan]);
  }
  return out;
}
