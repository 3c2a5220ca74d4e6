/**
 * PostgreSQL advisory locks held for the rest of a Prisma transaction: work
 * that checks and then writes (a month's payroll runs, the job queue's
 * creation) runs one transaction at a time per key, across every process and
 * machine on the database. Released at commit or rollback.
 */
type Tx = { $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): Promise<T> };

export async function lockForTransaction(tx: Tx, key: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${key}))) AS l`;
}

/** The lock if it is free now (true), without waiting in line for it (false): nobody queues behind an attempt. */
export async function tryLockForTransaction(tx: Tx, key: string): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext(${key})) AS locked`;
  return row?.locked === true;
}

/** The same lock held shared: any number of holders at once, none while someone holds it with lockForTransaction. */
export async function shareForTransaction(tx: Tx, key: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock_shared(hashtext(${key}))) AS l`;
}

/** A PostgreSQL transaction client (not the client itself, not SQLite, whose writes are serialised anyway). */
export const isPostgresTransaction = (db: object) =>
  (db as { _activeProvider?: string })._activeProvider === 'postgresql' && typeof (db as { $transaction?: unknown }).$transaction !== 'function';
