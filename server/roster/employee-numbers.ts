/**
 * Employee numbers are unique whatever their case (qb00017 is QB00017, as
 * hiring refuses the second): an import finds a person by the number typed
 * in any case.
 */
import { Prisma } from '../db/client.ts';
import type { Context } from '../context.ts';

type Db = Context['prisma'] | Prisma.TransactionClient;

/** The key a number is looked up by. */
export const employeeNoKey = (employeeNo: string) => employeeNo.toLowerCase();

/** The ids of the people holding any of these numbers, in any case (a few hundred numbers a statement). */
export async function idsOfEmployeeNos(db: Db, numbers: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(numbers.map(employeeNoKey))];
  const ids: string[] = [];
  for (let i = 0; i < wanted.length; i += 500) {
    const rows = await db.$queryRaw<{ id: string }[]>(Prisma.sql`SELECT "id" FROM "Person" WHERE lower("employeeNo") IN (${Prisma.join(wanted.slice(i, i + 500))})`);
    for (const r of rows) ids.push(r.id);
  }
  return ids;
}
