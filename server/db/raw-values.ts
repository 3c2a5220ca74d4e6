/**
 * Rows of a raw read with the value types Prisma's `$queryRaw` gives, for
 * the reads that bypass Prisma (direct-read.ts): from the driver adapter's
 * result, or from better-sqlite3's own on SQLite (native-sqlite.ts
 * readWithout), converted the same way.
 */
import { ColumnTypeEnum, type ColumnType } from '@prisma/driver-adapter-utils';

/**
 * A value as Prisma's raw query gives it: Int columns as numbers, BigInt as
 * bigints, Boolean as booleans, other types (text, enums, dates) as the
 * driver gives them. From what the adapter gives (which turns every SQLite
 * integer into text), or from what better-sqlite3 gives a direct read
 * (every integer a bigint), alike: as the adapter's row mapping, a fraction
 * in an integer column is truncated and an integer elsewhere becomes text.
 */
function valueOf(value: unknown, type: ColumnType): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case ColumnTypeEnum.Int32:
      return typeof value === 'number' ? Math.trunc(value) : Number(value);
    case ColumnTypeEnum.Int64:
      return typeof value === 'bigint' ? value : BigInt(typeof value === 'number' ? Math.trunc(value) : (value as string));
    case ColumnTypeEnum.Boolean: {
      const v = typeof value === 'bigint' ? value.toString() : value;
      return v === true || v === 1 || v === '1' || v === 't' || v === 'true';
    }
    default:
      return typeof value === 'bigint' ? value.toString() : value;
  }
}

/** Each row as an object keyed by column name, its values as valueOf gives them. */
export function rowObjects<T>({ columnNames, columnTypes, rows }: { columnNames: string[]; columnTypes: ColumnType[]; rows: unknown[][] }): T[] {
  const out = new Array<T>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const o: Record<string, unknown> = {};
    for (let i = 0; i < columnNames.length; i++) o[columnNames[i]!] = valueOf(row[i], columnTypes[i]!);
    out[r] = o as T;
  }
  return out;
}
