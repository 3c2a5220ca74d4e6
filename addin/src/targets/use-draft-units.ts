/**
 * Who works on target plans in the pane, by the rule the server applies
 * (server/targets/decisions.ts): people who manage units, whatever their
 * role (a director heads the sales centre, the general manager the
 * company), and admins. The units offered for a new plan are those the
 * server says the viewer may start one for (targetPlanUnits).
 */
import { useEffect, useState } from 'react';
import type { Client } from '@urql/core';
import { run } from '../api/client.ts';
import { TARGET_PLAN_UNITS, treeOrder, type OrgUnitOption } from '../api/operations.ts';

/** The roles that may draft or decide a plan at all (the server's auth scopes); which plans, the plan's unit decides. */
export const PLAN_ROLES: readonly string[] = ['MANAGER', 'DIRECTOR', 'GENERAL_MANAGER', 'ADMIN'];

export const worksOnPlans = (roles: readonly string[]) => roles.some((r) => PLAN_ROLES.includes(r));

/** The units the viewer may start a plan for, in tree order; none for the roles that draft nothing. */
export function useDraftUnits(client: Client, roles: readonly string[], fail: (err: unknown) => void): OrgUnitOption[] {
  const [units, setUnits] = useState<OrgUnitOption[]>([]);
  const asks = worksOnPlans(roles);
  useEffect(() => {
    if (!asks) return;
    run<{ targetPlanUnits: OrgUnitOption[] }>(client, TARGET_PLAN_UNITS, {})
      .then((d) => setUnits(treeOrder(d.targetPlanUnits)))
      .catch(fail);
  }, [client, asks, fail]);
  return units;
}
