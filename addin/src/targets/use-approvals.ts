/**
 * Plans waiting for the viewer's decision, with the numbers to decide on:
 * every year, those the server says the viewer may approve or publish now
 * (never their own). Opening one writes it to a read-only sheet; deciding
 * sends the decision with the comment. One action at a time.
 */
import { loadWithRetry, oneAtATime, errorStatus, withoutRetryOf } from '../api/retry.ts';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Client } from '@urql/core';
import { format, type Words } from '../i18n.ts';
import { run } from '../api/client.ts';
import { APPROVE, PUBLISH, RETURN, TARGET_PLAN, TARGET_PLANS, type PlanSummary } from '../api/operations.ts';
import { writeGridSheet, type ExcelRun } from '../excel/workbook.ts';
import { comparisonSheetSpec, type PlanView } from './target-sheet.ts';
import type { Status } from './use-target-plan.ts';
import { useStatusState } from '../taskpane/status-state.ts';

export type Decision = 'approve' | 'publish' | 'return';
const MUTATION: Record<Decision, string> = { approve: APPROVE, publish: PUBLISH, return: RETURN };

/** The plans waiting for the viewer: those they may approve or publish now. */
export const waitingFor = (plans: PlanSummary[]) => plans.filter((p) => p.canApprove || p.canPublish);

/** `onDecided` runs after a decision: the screen's own list of plans shows the new status too. */
export function useApprovals(w: Words, client: Client, excel: () => ExcelRun, onSessionEnded: () => void, enabled: boolean, onDecided?: () => void) {
  const t = w.targets;
  const f = w.targetFlow;
  const [waiting, setWaiting] = useState<PlanSummary[]>([]);
  const [status, setStatus] = useStatusState<Status>({ kind: 'idle' });
  const running = useRef(false);
  const clearRetry = useCallback((retry: () => void) => setStatus(withoutRetryOf<Status>(retry, { kind: 'idle' })), []);

  const fail = useCallback(errorStatus(w, onSessionEnded, setStatus), [w, onSessionEnded]);

  const load = useCallback(async () => {
    if (!enabled) return;
    const [submitted, approved] = await Promise.all(
      (['SUBMITTED', 'APPROVED'] as const).map((s) => run<{ targetPlans: PlanSummary[] }>(client, TARGET_PLANS, { status: s }).then((d) => d.targetPlans)),
    );
    setWaiting(waitingFor([...submitted!, ...approved!]));
  }, [client, enabled]);

  useEffect(() => {
    loadWithRetry(load, fail, clearRetry);
  }, [load, fail, clearRetry]);

  const act = (work: 'open' | 'decide', job: () => Promise<void>) => oneAtATime(running, { start: () => setStatus({ kind: 'busy', work }), fail }, job);

  /** The plan as a sheet to read before deciding: locked and grey. */
  const open = (plan: PlanSummary) =>
    act('open', async () => {
      const view = (await run<{ targetPlan: PlanView }>(client, TARGET_PLAN, { id: plan.id })).targetPlan;
      const spec = { ...comparisonSheetSpec(w, view, `${t.title} ${f.reviewSheet}`, null), kind: 'targets-review' };
      const report = await writeGridSheet(excel(), spec);
      setStatus({ kind: 'ok', message: format(f.opened, { unit: plan.scopeUnitName, version: plan.version, sheet: report.sheetName }) });
    })();

  const decide = (decision: Decision, plan: PlanSummary, comment: string) =>
    act('decide', async () => {
      if (decision === 'return' && !comment.trim()) return setStatus({ kind: 'error', message: w.reasons.COMMENT_REQUIRED });
      const vars = { id: plan.id, revision: plan.revision, ...(decision === 'publish' ? {} : { comment: comment.trim() || null }) };
      const data = await run<Record<string, PlanView>>(client, MUTATION[decision], vars, true);
      const after = Object.values(data)[0]!.plan;
      setStatus({ kind: 'ok', message: format(f.decided, { unit: plan.scopeUnitName, version: after.version, status: t.statuses[after.status as keyof typeof t.statuses] ?? after.status }) });
      await load();
      onDecided?.();
    })();

  return { waiting, status, busy: status.kind === 'busy', open, decide, reload: load };
}
