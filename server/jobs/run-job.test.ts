/**
 * What a job that stopped keeps as its refusal: the API's own refusal as it
 * is; the database not answering in time as DATABASE_BUSY (the pane says
 * the server was busy); anything else as JOB_FAILED, without its message.
 */
import { GraphQLError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { refusalOf } from './run-job.ts';

describe('refusalOf', () => {
  it('keeps a coded refusal, reports a database that gave up waiting as busy, and hides anything else', () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const refused = new GraphQLError('locked', { extensions: { code: 'CONFLICT', reason: 'PERIOD_LOCKED', params: { period: '2026-03' } } });
      expect(refusalOf(refused)).toMatchObject({ code: 'CONFLICT', reason: 'PERIOD_LOCKED', params: { period: '2026-03' } });
      // As Prisma reports SQLite's busy wait running out, and PostgreSQL's statement_timeout.
      const sqliteBusy = Object.assign(new Error('Operation has timed out'), { code: 'P1008', meta: { driverAdapterError: { cause: { originalCode: 'SQLITE_BUSY', kind: 'SocketTimeout' } } } });
      const pgTimeout = Object.assign(new Error('Raw query failed'), { code: 'P2010', meta: { driverAdapterError: { cause: { originalCode: '57014', code: '57014', kind: 'postgres' } } } });
      for (const e of [sqliteBusy, pgTimeout]) expect(refusalOf(e)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'DATABASE_BUSY', params: {} });
      const other = Object.assign(new Error('Raw query failed: salary 12345'), { code: 'P2010', meta: { driverAdapterError: { cause: { code: '23505', kind: 'postgres' } } } });
      expect(refusalOf(other)).toEqual({ code: 'INTERNAL', reason: 'JOB_FAILED', params: {}, message: expect.not.stringContaining('12345') });
    } finally {
      quiet.mockRestore();
    }
  });
});
