/**
 * The English message an API client reads beside a target issue's rule and
 * params, from the same catalogue the pane renders (amounts and period keys
 * as the API gives them). The rules carry no language.
 */
import { describeIssue, en } from '../../addin/src/i18n/issues.ts';
import type { ReadDetail, ValidationIssue } from '../../schema/target-validation.ts';

export const issueMessage = (issue: Pick<ValidationIssue, 'rule' | 'params'>) => describeIssue(issue, 'en', 'money', true);

/** Issues as sent in an error's extensions: each with its English message. */
export const withMessages = (issues: ValidationIssue[]) => issues.map((i) => ({ ...i, message: issueMessage(i) }));

export const readDetailText = (detail: ReadDetail) => en.details[detail];
