/**
 * Whose signature a run waits for, and whether the viewer may give it or
 * send the run back: one rule, used by the approve and return mutations and
 * by the fields that tell the pane whether to show Sign and Return. Pure.
 */
import type { PayrollStatus, Role } from '../db/generated/sqlite/client/enums.ts';

/** Whose signature each status waits for, and where it leads. */
export const SIGN_OFF: Partial<Record<PayrollStatus, { role: Role; who: string; next: PayrollStatus }>> = {
  SUBMITTED: { role: 'FINANCE_MANAGER', who: 'the finance manager', next: 'FINANCE_APPROVED' },
  FINANCE_APPROVED: { role: 'DIRECTOR', who: 'the sales director', next: 'SALES_APPROVED' },
  SALES_APPROVED: { role: 'GENERAL_MANAGER', who: 'the general manager', next: 'LOCKED' },
};

export interface Signer {
  userId: string;
  roles: readonly string[];
}

export interface RunEvent {
  action: string;
  actorId: string | null;
  at: Date;
}

/** Why the viewer may not sign now (null: they may). */
export type SignRefusal = { why: 'NOT_DUE' } | { why: 'NOT_YOUR_TURN'; who: string } | { why: 'ALREADY_SIGNED' };

/**
 * The step due must be the viewer's role, and one person signs once per
 * submission, even holding two signer roles; the one who submitted it has
 * signed already (as finance). `events` are the run's, any order.
 */
export function signRefusal(status: PayrollStatus, viewer: Signer | null, events: readonly RunEvent[]): SignRefusal | null {
  const step = SIGN_OFF[status];
  if (!step) return { why: 'NOT_DUE' };
  if (!viewer?.roles.includes(step.role)) return { why: 'NOT_YOUR_TURN', who: step.who };
  const submits = events.filter((e) => e.action === 'submit');
  const lastSubmit = Math.max(0, ...submits.map((e) => e.at.getTime()));
  // Finance's submission is the first signature of the chain: whoever submitted does not sign it again in another role.
  const submittedBy = submits.find((e) => e.at.getTime() === lastSubmit)?.actorId;
  if (submittedBy === viewer.userId || events.some((e) => e.action === 'approve' && e.actorId === viewer.userId && e.at.getTime() >= lastSubmit)) return { why: 'ALREADY_SIGNED' };
  return null;
}

/** Only the signer whose step is due may send the run back (null: they may). */
export function returnRefusal(status: PayrollStatus, viewer: Signer | null): SignRefusal | null {
  const step = SIGN_OFF[status];
  if (!step) return { why: 'NOT_DUE' };
  if (!viewer?.roles.includes(step.role)) return { why: 'NOT_YOUR_TURN', who: step.who };
  return null;
}

/**
 * The signatures of the current submission, in time order: finance's
 * submission (role FINANCE), then each sign-off (the role of the step
 * signed). Empty before the run is submitted and after it is returned.
 */
export function signaturesSinceSubmit<E extends RunEvent & { fromStatus: PayrollStatus | null }>(events: readonly E[]): (E & { role: Role })[] {
  const sorted = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  const from = sorted.map((e) => e.action).lastIndexOf('submit');
  // Never submitted, or sent back since: no current submission.
  if (from < 0 || sorted.slice(from + 1).some((e) => e.action === 'return')) return [];
  const approvals = sorted.slice(from + 1).filter((e) => e.action === 'approve' && e.fromStatus && SIGN_OFF[e.fromStatus]);
  return [{ ...sorted[from]!, role: 'FINANCE' as Role }, ...approvals.map((e) => ({ ...e, role: SIGN_OFF[e.fromStatus!]!.role }))];
}
