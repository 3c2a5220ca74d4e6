/**
 * SQLite statements kept prepared (server/db/native-sqlite.ts): the same SQL
 * with other parameters gives the right rows, through Prisma and directly;
 * a use binds once, as better-sqlite3's own statements do; past the cache's
 * size the oldest statements are dropped and prepared again when needed.
 * A direct read (readWithout) gives the value types Prisma's raw query gives,
 * types an expression's column from its values as the adapter does, sees
 * each new commit, leaves the statement's other uses as they were, and
 * declines a statement whose values only the adapter converts, one that
 * writes and one that fails.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheStatements, readWithout, type SqliteConnection } from '../../server/db/native-sqlite.ts';
import { openDatabase } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quotabook-stmt-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('kept-prepared SQLite statements', () => {
  it('answer each use with its own parameters, bound or passed', () => {
    const db = new Database(path.join(dir, 'direct.db'));
    cacheStatements(db as unknown as SqliteConnection);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)');
    for (const [id, name] of [[1, 'a'], [2, 'b'], [3, 'c']] as const) db.prepare('INSERT INTO t (id, name) VALUES (?, ?)').bind([id, name]).run();
    const sql = 'SELECT id, name FROM t WHERE id = ?';
    expect(db.prepare(sql).bind([2]).raw().all()).toEqual([[2, 'b']]);
    expect(db.prepare(sql).bind([3]).raw().all()).toEqual([[3, 'c']]);
    // Raw rows for the use that asked; objects for the next, as from a statement just prepared.
    expect(db.prepare(sql).all(1)).toEqual([{ id: 1, name: 'a' }]);
    expect(db.prepare(sql).raw().get(1)).toEqual([1, 'a']);
    const use = db.prepare(sql).bind([1]);
    expect(() => use.bind([2])).toThrow(/only be invoked once/);
    expect(db.prepare('SELECT name FROM t WHERE id > ? ORDER BY id').reader).toBe(true);
    expect(db.prepare('DELETE FROM t WHERE id = ?').readonly).toBe(false);
    // Many more distinct statements than the cache holds: the first is prepared again when asked for.
    for (let i = 0; i < 700; i++) expect(db.prepare(`SELECT ${i} AS n`).raw().all()).toEqual([[i]]);
    expect(db.prepare(sql).bind([3]).raw().all()).toEqual([[3, 'c']]);
    db.close();
  });

  it('serve Prisma: repeated queries with other arguments, reads and writes, inside and outside transactions', async () => {
    const url = `file:${path.join(dir, 'prisma.db')}`;
    await migrate(url);
    const { prisma, close } = await openDatabase(url);
    try {
      for (const key of ['k1', 'k2', 'k3']) await prisma.setting.create({ data: { key, value: `v-${key}` } });
      for (let round = 0; round < 3; round++) {
        for (const key of ['k1', 'k2', 'k3']) expect((await prisma.setting.findUnique({ where: { key } }))?.value).toBe(`v-${key}`);
      }
      await prisma.$transaction(async (tx) => {
        await tx.setting.update({ where: { key: 'k2' }, data: { value: 'changed' } });
        expect((await tx.setting.findUnique({ where: { key: 'k2' } }))?.value).toBe('changed');
      });
      expect((await prisma.setting.findMany({ orderBy: { key: 'asc' } })).map((s) => s.value)).toEqual(['v-k1', 'changed', 'v-k3']);
    } finally {
      await close();
    }
  });

  it('read directly with the value types of Prisma’s raw query, or decline', () => {
    const db = new Database(path.join(dir, 'read.db'));
    // As @prisma/adapter-better-sqlite3 opens its connections.
    db.defaultSafeIntegers(true);
    cacheStatements(db as unknown as SqliteConnection);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, big BIGINT, flag BOOLEAN, name TEXT, at DATETIME)');
    const insert = 'INSERT INTO t (id, n, big, flag, name, at) VALUES (?, ?, ?, ?, ?, ?)';
    db.prepare(insert).run(1, 7, 9007199254740993n, 1, 'a', '2026-01-01T00:00:00.000+00:00');
    db.prepare(insert).run(2, null, 0n, 0, null, null);
    const connection = db as unknown as SqliteConnection;
    const sql = 'SELECT id, n, big, flag, name FROM t WHERE flag = ? OR at < ? ORDER BY id';
    const since = new Date('2026-06-01T00:00:00Z');
    expect(readWithout(connection, sql, [true, since])).toEqual([{ id: 1, n: 7, big: 9007199254740993n, flag: true, name: 'a' }]);
    expect(readWithout(connection, sql, [false, since])).toEqual([
      { id: 1, n: 7, big: 9007199254740993n, flag: true, name: 'a' },
      { id: 2, n: null, big: 0n, flag: false, name: null },
    ]);
    // The kept statement sees a later commit; another use of the same SQL still gets objects of its own mode.
    db.prepare(insert).run(3, -2, -5n, 1, 'c', null);
    expect(readWithout(connection, sql, [true, since])?.map((r) => r.id)).toEqual([1, 3]);
    expect(db.prepare(sql).all(1, '2000')).toEqual([
      { id: 1n, n: 7n, big: 9007199254740993n, flag: 1n, name: 'a' },
      { id: 3n, n: -2n, big: -5n, flag: 1n, name: 'c' },
    ]);
    // Expressions typed by their first value that is not null, as the adapter types them (a date's text stays text there too).
    expect(readWithout(connection, "SELECT count(*) AS n, group_concat(name, ',') AS names, 0.5 AS half, max(at) AS at, NULL AS none FROM t", [])).toEqual([
      { n: 3n, names: 'a,c', half: 0.5, at: '2026-01-01T00:00:00.000+00:00', none: null },
    ]);
    // Dates and bytes are the adapter's to convert.
    expect(readWithout(connection, 'SELECT id, at FROM t', [])).toBeNull();
    expect(readWithout(connection, "SELECT x'00' AS b", [])).toBeNull();
    expect(readWithout(connection, "SELECT name FROM t WHERE id = 1 UNION ALL SELECT x'41'", [])).toBeNull();
    // A statement that writes is the writer connection's, even one that returns rows; one that fails is the adapter's to report.
    expect(readWithout(connection, 'UPDATE t SET name = ? WHERE id = 1 RETURNING name', ['changed'])).toBeNull();
    expect(db.prepare('SELECT name FROM t WHERE id = 1').get()).toEqual({ name: 'a' });
    expect(readWithout(connection, 'SELECT id / 0 AS n FROM t WHERE name = ?', [{ not: 'bindable' }])).toBeNull();
    db.close();
  });
});
