/**
 * Who may draft a target plan and who may decide on it (approve, publish,
 * return it): one rule each, used by the mutations to refuse and by the plan
 * list to say what the viewer may do (canDraft, canApprove, canPublish,
 * canReturn), so that the pane shows a button only when the server would
 * accept it.
 *
 *   drafters: the manager of the plan's unit or of a unit above it, whatever
 *   their role (a director heading the sales centre, the general manager
 *   heading the company), a manager whose subtree holds it, or an admin;
 *   deciders: the manager of a unit above the plan's unit, whatever their
 *   role, a director or an admin;
 *   never on their own plan: one they submitted, or one for a unit they manage
 *   (approval is by the manager above, domain §3).
 */
import type { Viewer } from '../auth/sessions.ts';
import type { PlanStatus } from '../db/generated/sqlite/client/enums.ts';
import type { Context } from '../context.ts';
import { ledPaths, mayChangeUnit, viewerScope, type Scope } from '../access.ts';

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
  canDraft: boolean;
  canApprove: boolean;
  canPublish: boolean;
  canReturn: boolean;
}

/** What target plans go by: what the viewer may see and change, and the subtrees of the units they manage, whatever their roles. */
export type PlanScope = Scope & { led: readonly string[] };

/** Read before a transaction opens (on SQLite the connection belongs to the transaction). */
export async function planScope(ctx: Context): Promise<PlanScope> {
  const [scope, led] = await Promise.all([viewerScope(ctx), ledPaths(ctx)]);
  return { ...scope, led };
}

const within = (unitPath: string, p: string) => unitPath.startsWith(p);
const above = (unitPath: string, p: string) => unitPath.startsWith(p) && p !== unitPath;

/** Whether the plan of this unit is within the viewer's reach at all: what they may change, or a subtree they head. */
export function reachesPlan(scope: PlanScope, unitPath: string): boolean {
  return scope.everything || mayChangeUnit(scope, unitPath) || scope.led.some((p) => within(unitPath, p));
}

/** The subtrees whose plans the viewer drafts, or all of them. */
export function draftReach(scope: PlanScope, roles: readonly string[]): 'all' | readonly string[] {
  if (roles.includes('ADMIN') || (roles.includes('MANAGER') && scope.everything)) return 'all';
  return roles.includes('MANAGER') ? [...scope.managedPaths, ...scope.led] : scope.led;
}

/** May draft this unit's plans: create, break down, save, set the total, submit, revise. */
export function isDrafter(scope: PlanScope, roles: readonly string[], unitPath: string): boolean {
  const reach = draftReach(scope, roles);
  return reach === 'all' || reach.some((p) => within(unitPath, p));
}

/** The role part: may decide on this unit's plans at all. */
export function isApprover(scope: PlanScope, roles: readonly string[], unitPath: string): boolean {
  return roles.includes('ADMIN') || roles.includes('DIRECTOR') || scope.led.some((p) => above(unitPath, p));
}

/** The viewer's own plan: they submitted it last, or they manage its unit. */
export function isOwnPlan(viewer: Pick<Viewer, 'userId' | 'personId'> | null, plan: PlanForDecision, submission: Submission | null): boolean {
  if (!viewer) return false;
  if (submission?.actorId && submission.actorId === viewer.userId) return true;
  return !!viewer.personId && plan.scopeUnit.managerId === viewer.personId;
}

export function decisionsFor(viewer: Pick<Viewer, 'userId' | 'personId' | 'roles'> | null, scope: PlanScope, plan: PlanForDecision, submission: Submission | null): Decisions {
  const sees = !!viewer && reachesPlan(scope, plan.scopeUnit.path);
  const may = sees && isApprover(scope, viewer!.roles, plan.scopeUnit.path) && !isOwnPlan(viewer, plan, submission);
  return {
    canDraft: sees && isDrafter(scope, viewer!.roles, plan.scopeUnit.path),
    canApprove: may && plan.status === 'SUBMITTED',
    canPublish: may && plan.status === 'APPROVED',
    canReturn: may && plan.status === 'SUBMITTED',
  };
}
