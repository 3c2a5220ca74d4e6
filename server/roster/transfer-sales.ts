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

/** What a transfer did to sales already booked, for its audit entry. */
export interface SalesMoved {
  /** How many sales now count for the new unit, and the first of them by their import ids. */
  count: number;
  externalIds: string[];
  /** Open 窜货 flags that no longer held (the sale is booked elsewhere now), and flags raised afresh. */
  openFlagsCleared: number;
  flagsRaised: number;
}

const LISTED = 100;

/** Moves the person's sales in [from, until) booked under `fromUnit` to `toUnit`. Inside the transfer's transaction. */
export async function moveSalesWithTransfer(tx: Tx, personId: string, fromUnit: string, toUnit: string, from: Date, until: Date | null): Promise<SalesMoved | null> {
  if (fromUnit === toUnit) return null;
  const sales = await tx.salesRecord.findMany({
    where: { personId, unitId: fromUnit, date: { gte: from, ...(until ? { lt: until } : {}) }, OR: [{ crossTerritoryFlag: null }, { crossTerritoryFlag: { status: { not: 'REASSIGNED' } } }] },
    select: { id: true, externalId: true, personId: true, date: true },
    orderBy: { date: 'asc' },
  });
  if (!sales.length) return null;
  const ids = sales.map((s) => s.id);
  let openFlagsCleared = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    await tx.salesRecord.updateMany({ where: { id: { in: chunk } }, data: { unitId: toUnit } });
    // Booked in another unit now: an open flag no longer holds; the sale is examined afresh below.
    openFlagsCleared += (await tx.crossTerritoryFlag.deleteMany({ where: { saleId: { in: chunk }, status: 'OPEN' } })).count;
  }
  const flagsRaised = await flagCrossTerritorySales(tx, ids);
  await refreshSalesMonths(tx, sales);
  return { count: sales.length, externalIds: sales.slice(0, LISTED).map((s) => s.externalId), openFlagsCleared, flagsRaised };
}
