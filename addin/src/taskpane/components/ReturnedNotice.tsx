/**
 * What an approver or signer said when they sent something back (a target
 * plan, a scorecard, a payroll run), shown to whoever must change it until
 * it is submitted again: the return's comment is the only place that says why.
 */
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { format, type Words } from '../../i18n.ts';
import { shanghaiTime } from '../../payroll/payroll-sheet.ts';
import { returnSinceSubmit } from '../../../../schema/workflow.ts';

export interface Returned {
  actor: string;
  /** ISO date-time. */
  at: string;
  comment: string | null;
}

/** The newest return of a workflow's events (oldest first), unless something was submitted after it (the server's rule). */
export function returnedSince(events: readonly { action: string; actor: string; at: string; comment?: string | null }[]): Returned | null {
  const e = returnSinceSubmit(events);
  return e && { actor: e.actor, at: e.at, comment: e.comment?.trim() || null };
}

export function ReturnedNotice({ w, returned, testId }: { w: Words; returned: Returned | null; testId: string }) {
  if (!returned) return null;
  const values = { actor: returned.actor, at: shanghaiTime(returned.at), comment: returned.comment ?? '' };
  return (
    <MessageBar intent="warning" data-testid={testId}>
      <MessageBarBody>{format(returned.comment ? w.returned.withComment : w.returned.withoutComment, values)}</MessageBarBody>
    </MessageBar>
  );
}
