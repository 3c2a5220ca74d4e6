/**
 * Sales count for the unit the seller was in on the day of the sale (brief
 * §1; issue 10: actuals by unit follow the unit as of each sale's date).
 * A sale keeps the unit it was booked under, so a transfer dated back over
 * sales already imported moves them: from the transfer's day to the end of
 * the assignment it cuts, the person's sales booked under the old unit go
 * to the new one, the monthly sums the results read are rebuilt, and
 * cross-territory flags (窜货) are examined afresh. A sale whose credit a
 * manager moved (REASSIGNED) stays where it was put.
 */
import type { Prisma } from '../db/client.ts';
import { refreshSalesMonths } from '../results/rollup.ts';
import { flagCrossTerritorySales } from '../customers/cross-territory.ts';

type Tx = Prisma.TransactionClient;

const CHUNK = 500;

/** Moves the person's sales in [from, until) booked under `fromUnit` to `toUnit`; returns how many moved. Inside the transfer's transaction. */
export async function moveSalesWithTransfer(tx: Tx, personId: string, fromUnit: string, toUnit: string, from: Date, until: Date | null): Promise<number> {
  if (fromUnit === toUnit) return 0;
  const sales = await tx.salesRecord.findMany({
    where: { personId, unitId: fromUnit, date: { gte: from, ...(until ? { lt: until } : {}) }, OR: [{ crossTerritoryFlag: null }, { crossTerritoryFlag: { status: { not: 'REASSIGNED' } } }] },
    select: { id: true, personId: true, date: true },
  });
  if (!sales.length) return 0;
  const ids = sales.map((s) => s.id);
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    await tx.salesRecord.updateMany({ where: { id: { in: chunk } }, data: { unitId: toUnit } });
    // Booked in another unit now: an open flag no longer holds; the sale is examined afresh below.
    await tx.crossTerritoryFlag.deleteMany({ where: { saleId: { in: chunk }, status: 'OPEN' } });
  }
  await flagCrossTerritorySales(tx, ids);
  await refreshSalesMonths(tx, sales);
  return sales.length;
}
