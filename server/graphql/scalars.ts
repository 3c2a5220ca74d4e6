/**
 * Money travels as a decimal string ("1234.50"), never a Float; Date as an
 * ISO calendar day ("2026-03-12"); DateTime as an ISO instant.
 */
import { Kind } from 'graphql';
import { builder } from './builder.ts';
import { MAX_FEN, MoneyRangeError, formatMoney, parseMoney } from '../../schema/money.ts';
import { dateToDay, dayToDate, isIsoDay } from '../../schema/dates.ts';
import { clientError, reasonExtensions } from '../errors.ts';

/**
 * A plain Error carrying extensions: graphql-js wraps what a scalar throws into
 * its own "Variable … got invalid value" error and copies the extensions of the
 * original, but only when that original is not itself a GraphQLError.
 */
const moneyError = (error: unknown) =>
  Object.assign(new Error((error as Error).message), {
    extensions:
      error instanceof MoneyRangeError
        ? reasonExtensions('BAD_USER_INPUT', { reason: error.reason, max: formatMoney(MAX_FEN), params: { maxAmount: formatMoney(MAX_FEN) } })
        : reasonExtensions('BAD_USER_INPUT', { reason: 'MONEY_FORMAT' }),
  });

builder.scalarType('Money', {
  description: 'An amount of CNY as a decimal string with two places, e.g. "1234.50". Exact; never a float.',
  serialize: (fen) => formatMoney(fen as bigint),
  parseValue: (value) => {
    if (typeof value !== 'string') throw clientError('BAD_USER_INPUT', 'Money must be a decimal string such as "1234.50"', { reason: 'MONEY_FORMAT' });
    try {
      return parseMoney(value);
    } catch (error) {
      throw moneyError(error);
    }
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw clientError('BAD_USER_INPUT', 'Money must be a decimal string such as "1234.50"', { reason: 'MONEY_FORMAT' });
    try {
      return parseMoney(ast.value);
    } catch (error) {
      throw moneyError(error);
    }
  },
});

const parseDay = (value: unknown) => {
  if (typeof value !== 'string' || !isIsoDay(value)) throw clientError('BAD_USER_INPUT', `Date must be a calendar day YYYY-MM-DD (got ${JSON.stringify(value)})`, { reason: 'DATE_FORMAT' });
  return dayToDate(value);
};

builder.scalarType('Date', {
  description: 'A calendar day, YYYY-MM-DD.',
  serialize: (date) => dateToDay(date as Date),
  parseValue: parseDay,
  parseLiteral: (ast) => parseDay(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType('DateTime', {
  description: 'An instant, ISO 8601 in UTC.',
  serialize: (date) => (date as Date).toISOString(),
  parseValue: (value) => {
    const d = new Date(String(value));
    if (Number.isNaN(d.getTime())) throw clientError('BAD_USER_INPUT', 'DateTime must be ISO 8601', { reason: 'DATETIME_FORMAT' });
    return d;
  },
});
