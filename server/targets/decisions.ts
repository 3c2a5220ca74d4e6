/**
 * Who may decide on a target plan (approve, publish, return it): one rule,
 * used by the mutations to refuse and by the plan list to say what the
 * viewer may do (canApprove, canPublish, canReturn), so that the pane shows
 * a button only when the server would accept it.
 *
 *   deciders: a manager of a unit above the plan's unit, a director or an admin;
 *   never on their own plan: one they submitted, or one for a unit they manage
 *   (approval is by the manager above, domain §Targets).
 */
import type { Viewer } from '../auth/sessions.ts';
import type { PlanStatus } from '../db/generated/sqlite/client/enums.ts';
import { mayChangeUnit, type Scope } from '../access.ts';

export interface PlanForDecision {
  status: PlanStatus;
  scopeUnit: { path: string; managerId: string | null };
}

/** The most recent submission of a plan: who and when. */
export interface Submission {
  actorId: string | null;
  actor: string;
  at: Date;
  comment: string | null;
}

export interface Decisions {
  canApprove: boolean;
  canPublish: boolean;
  canReturn: boolean;
}

/** The role part: may decide on this unit's plans at all. */
export function isApprover(scope: Scope, roles: readonly string[], unitPath: string): boolean {
  return roles.includes('ADMIN') || roles.includes('DIRECTOR') || scope.managedPaths.some((p) => unitPath.startsWith(p) && p !== unitPath);
}

/** The viewer's own plan: they submitted it last, or they manage its unit. */
export function isOwnPlan(viewer: Pick<Viewer, 'userId' | 'personId'> | null, plan: PlanForDecision, submission: Submission | null): boolean {
  if (!viewer) return false;
  if (submission?.actorId && submission.actorId === viewer.userId) return true;
  return !!viewer.personId && plan.scopeUnit.managerId === viewer.personId;
}

export function decisionsFor(viewer: Pick<Viewer, 'userId' | 'personId' | 'roles'> | null, scope: Scope, plan: PlanForDecision, submission: Submission | null): Decisions {
  const may = !!viewer && (scope.everything || mayChangeUnit(scope, plan.scopeUnit.path)) && isApprover(scope, viewer.roles, plan.scopeUnit.path) && !isOwnPlan(viewer, plan, submission);
  return {
    canApprove: may && plan.status === 'SUBMITTED',
    canPublish: may && plan.status === 'APPROVED',
    canReturn: may && plan.status === 'SUBMITTED',
  };
}
