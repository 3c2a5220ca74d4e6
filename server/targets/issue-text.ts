/**
 * The English message an API client reads beside a target issue's rule and
 * params, from the same catalogue the pane renders (amounts and period keys
 * as the API gives them). The rules carry no language.
 */
import { describeIssue, en } from '../../addin/src/i18n/issues.ts';
import { readAmount, type ReadDetail, type ValidationIssue } from '../../schema/target-validation.ts';
import type { MetricUnit } from '../../schema/metrics.ts';
import type { Reason } from '../../schema/reasons.ts';
import { badInput } from '../errors.ts';

export const issueMessage = (issue: Pick<ValidationIssue, 'rule' | 'params'>) => describeIssue(issue, 'en', 'money', true);

/** Issues as sent in an error's extensions: each with its English message. */
export const withMessages = (issues: ValidationIssue[]) => issues.map((i) => ({ ...i, message: issueMessage(i) }));

export const readDetailText = (detail: ReadDetail) => en.details[detail];

/** The reason an amount typed into the API gives, by the reading rule it breaks. */
const AMOUNT_REASONS = { notANumber: 'NOT_A_NUMBER', tooLarge: 'NUMBER_TOO_LARGE', fraction: 'TOO_MANY_DECIMALS', negative: 'NEGATIVE' } as const satisfies Partial<Record<string, Reason>>;

/**
 * An amount given as text, read by the rule the sheets use (schema/target-validation.ts
 * readAmount: blank is zero); anything else refused with its reason at `field`.
 */
export function amountOrRefuse(text: string, unit: MetricUnit, field: (string | number)[], what: string): bigint {
  const read = readAmount(text, unit);
  if ('value' in read) return read.value;
  throw badInput(field, `${what} “${read.found}” ${readDetailText(read.detail)}`, AMOUNT_REASONS[read.rule as keyof typeof AMOUNT_REASONS] ?? 'NOT_A_NUMBER', { value: read.found });
}
