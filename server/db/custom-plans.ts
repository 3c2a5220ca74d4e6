/**
 * Reads in a transaction that PostgreSQL plans for their own parameters.
 *
 * The pool keeps repeated statements prepared (native-pg.ts). After five
 * executions of a prepared statement PostgreSQL may switch it to a generic
 * plan, made once without looking at the parameters. Reads by a scope's path
 * prefix select anything from one team to the whole company, and the generic
 * plan misjudges them: at 10,000 people the people a run pays, read in keyset
 * pages, took 450–510 ms on a connection that had run them five times,
 * against 150 ms planned for the scope each time (and a run's whole gathering
 * 800–890 ms against 400–430 ms).
 *
 * Only around the reads: the foreign-key checks behind a COPY are prepared
 * statements too, run once a row, and planning each of those afresh made a
 * 10,000-person run's writes 0.65 s slower. `SET LOCAL` reverts when the
 * transaction ends in any case, so a failed read needs no reset. SQLite has
 * no such plans: the reads just run.
 */
import type { Provider } from './providers.ts';

type Tx = { $executeRawUnsafe(query: string): Promise<number> };

export async function plannedForParameters<T>(tx: Tx, provider: Provider, reads: () => Promise<T>): Promise<T> {
  if (provider !== 'postgresql') return reads();
  await tx.$executeRawUnsafe('SET LOCAL plan_cache_mode = force_custom_plan');
  const result = await reads();
  await tx.$executeRawUnsafe('SET LOCAL plan_cache_mode = DEFAULT');
  return result;
}
