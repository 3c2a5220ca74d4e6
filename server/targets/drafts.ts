/**
 * Saving a draft: the lines as they stand, checked cell by cell but not for
 * the sums (a draft may be unfinished), stored on the plan that stays DRAFT.
 * Pulling the plan later gives these lines back; submitting is a separate
 * step that checks every rule. Same drafter, status, revision and lock checks
 * as saving lines; audited, with a plan event so the history shows it.
 */
import type { Context } from '../context.ts';
import { recordAudit } from '../audit.ts';
import { clientError, conflict } from '../errors.ts';
import { checkDraftLines } from '../../schema/target-draft-check.ts';
import { fiscalCalendar, requireFiguresUnlocked } from './calendar.ts';
import { planShape, withOutsiders, type LineInput } from './plan-shape.ts';
import { periodChain } from '../../schema/periods.ts';
import { issueMessage, withMessages } from './issue-text.ts';
import { bump, changedCells, inTransaction, requireRole, requireStatus } from './plans.ts';
import { event } from './plan-events.ts';

export async function saveDraft(ctx: Context, id: string, revision: number, lines: LineInput[]) {
  const calendar = await fiscalCalendar(ctx);
  return inTransaction(ctx, async (tx, scope) => {
    const plan = await requireRole(ctx, scope, tx, id, 'draft');
    requireStatus(plan, ['DRAFT'], 'edit');
    if (plan.revision !== revision) throw conflict('TargetPlan', id, revision);
    const shape = await planShape(tx, plan, calendar);
    const checked = checkDraftLines(plan, await withOutsiders(tx, shape, lines), lines);
    if (checked.issues.length) {
      const first = issueMessage(checked.issues[0]!);
      throw clientError('BAD_USER_INPUT', `The draft has ${checked.issues.length} cell(s) that cannot be stored; nothing was saved. First: ${first}`, {
        field: 'lines',
        issues: withMessages(checked.issues.slice(0, 500)),
        reason: 'TARGET_DRAFT_CELLS',
        params: { count: checked.issues.length },
      });
    }
    const key = (l: { ownerId: string; periodKey: string }) => `${l.ownerId}\u0000${l.periodKey}`;
    const stored = await tx.targetLine.findMany({ where: { planId: id } });
    const old = new Map(stored.map((l) => [key(l), l.amount]));
    const next = new Map(checked.lines.map((l) => [key(l), l.amount]));
    const changed = new Set([...checked.lines.filter((l) => old.get(key(l)) !== l.amount).map((l) => l.periodKey), ...[...old.keys()].filter((k) => !next.has(k)).map((k) => k.split('\u0000')[1]!)]);
    await requireFiguresUnlocked(tx, shape.periods.filter((p) => changed.has(p.key)), periodChain(plan.periodLevel).at(-1)!, calendar, 'Saving the draft');
    await tx.targetLine.deleteMany({ where: { planId: id } });
    await tx.targetLine.createMany({ data: checked.lines.map((l) => ({ ...l, planId: id })) });
    const after = await bump(tx, id, revision);
    await event(tx, ctx, id, 'saveDraft', 'DRAFT', 'DRAFT');
    const cells = changedCells(plan.metric, stored, checked.lines);
    await recordAudit(tx, ctx.viewer, {
      entityType: 'TargetPlan',
      entityId: id,
      action: 'saveDraft',
      before: { lines: old.size, changedPeriods: [...changed], cells: cells.before },
      after: { lines: checked.lines.length, cells: cells.after },
    });
    return after;
  });
}
