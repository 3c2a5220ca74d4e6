/**
 * Targets: pick or create a plan, pull it to a sheet, break it down on the
 * server, validate what the sheet holds with the shared rules, save a draft
 * and come back, submit with a comment; and, for approvers, the plans
 * waiting for them with their numbers. State and calls live in
 * targets/use-target-plan.ts and targets/use-approvals.ts; each part of the
 * screen is a small component under components/targets/.
 */
import { Button, Field, Input, MessageBar, MessageBarBody, Select, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Words, versionText } from '../../i18n.ts';
import type { PlanSummary } from '../../api/operations.ts';
import type { ExcelRun } from '../../excel/workbook.ts';
import { useTargetPlan } from '../../targets/use-target-plan.ts';
import { useDraftUnits, worksOnPlans } from '../../targets/use-draft-units.ts';
import { Approvals } from './targets/Approvals.tsx';
import { BreakdownForm } from './targets/BreakdownForm.tsx';
import { DraftActions } from './targets/DraftActions.tsx';
import { TotalEditor } from './targets/TotalEditor.tsx';
import { NewPlanForm } from './targets/NewPlanForm.tsx';
import { StatusMessage } from './targets/StatusMessage.tsx';
import { TypedCellsConfirm } from './targets/TypedCellsConfirm.tsx';
import { SeasonalitySection } from './targets/SeasonalitySection.tsx';
import { ReturnedNotice } from './ReturnedNotice.tsx';
import { isPlanYear } from './targets/NewPlanForm.tsx';

const useStyles = makeStyles({
  pane: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

const excel = () => Excel.run as unknown as ExcelRun;

export function TargetsPane({ w, client, roles, onSessionEnded }: { w: Words; client: Client; roles: string[]; onSessionEnded: () => void }) {
  const styles = useStyles();
  const t = w.targets;
  const plan = useTargetPlan(w, client, excel, onSessionEnded);
  const { selected } = plan;
  const yearOk = isPlanYear(plan.year);
  // Who drafts and who decides follows the units people manage, whatever their role (the server says so per plan and unit).
  const units = useDraftUnits(client, roles, plan.fail);
  const drafter = units.length > 0;
  const approver = worksOnPlans(roles);
  const drafts = !!selected?.canDraft;
  const label = (p: PlanSummary) =>
    `${p.scopeUnitName} · ${t.metrics[p.metric as keyof typeof t.metrics] ?? p.metric} · ${t.levels[p.level as keyof typeof t.levels] ?? p.level} · ${versionText(w, p.version)} (${t.statuses[p.status as keyof typeof t.statuses] ?? p.status})${p.outOfDate ? ` · ${t.outOfDateTag}` : ''}`;

  return (
    <div className={styles.pane} data-testid="targets-pane">
      <Subtitle2 as="h2">{t.title}</Subtitle2>
      <Field label={t.year} validationState={yearOk ? 'none' : 'error'} validationMessage={yearOk ? undefined : t.badYear}>
        <Input type="number" value={plan.year} onChange={(_, d) => plan.setYear(d.value)} data-testid="targets-year" />
      </Field>
      {!yearOk ? null : plan.plans.length === 0 ? (
        <Field data-testid="no-target-plans">{format(drafter ? t.noPlans : t.noPlansToSee, { year: plan.year })}</Field>
      ) : (
        <Field label={t.plan}>
          <Select value={plan.planId} onChange={(_, d) => plan.setPlanId(d.value)} data-testid="plan">
            <option value="">—</option>
            {plan.plans.map((p) => (
              <option key={p.id} value={p.id}>
                {label(p)}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {selected?.status === 'DRAFT' && selected.returnedBy && selected.returnedAt && (
        <ReturnedNotice w={w} returned={{ actor: selected.returnedBy, at: selected.returnedAt, comment: selected.returnComment ?? null }} testId="plan-returned" />
      )}
      {selected?.outOfDate && selected.parentTarget && (
        <MessageBar intent="warning" layout="multiline" data-testid="plan-out-of-date">
          <MessageBarBody>{format(t.outOfDate, { parent: selected.parentTarget.scopeUnitName, version: selected.parentTarget.version, figure: selected.parentTarget.total, total: selected.total })}</MessageBarBody>
        </MessageBar>
      )}
      {selected && (
        <>
          <div className={styles.row}>
            <Button onClick={() => void plan.pull()} disabled={plan.busy} data-testid="plan-pull">
              {t.pull}
            </Button>
            <Button onClick={() => void plan.validate()} disabled={plan.busy} data-testid="plan-validate">
              {t.validate}
            </Button>
            <Button onClick={() => void plan.rollup()} disabled={plan.busy} data-testid="plan-rollup">
              {t.rollup}
            </Button>
            {drafts && (selected.status === 'APPROVED' || selected.status === 'PUBLISHED') && (
              <Button onClick={() => void plan.revise()} disabled={plan.busy} data-testid="plan-revise">
                {w.targetFlow.revise}
              </Button>
            )}
          </div>
          {drafts && selected.status === 'DRAFT' && (
            <>
              {/* A figure the parent's published plan gives is changed there, not here. */}
              {!selected.parentTarget && <TotalEditor w={w} plan={plan} />}
              <BreakdownForm w={w} client={client} plan={plan} />
              <DraftActions w={w} plan={plan} />
            </>
          )}
        </>
      )}
      {plan.confirm && <TypedCellsConfirm w={w} confirm={plan.confirm} onCancel={plan.cancel} />}
      <StatusMessage w={w} status={plan.status} excel={excel} onCompare={() => void plan.compare()} onError={plan.fail} />
      {approver && <Approvals w={w} client={client} excel={excel} onSessionEnded={onSessionEnded} onDecided={plan.reloadPlans} />}
      {drafter && <NewPlanForm w={w} client={client} plan={plan} units={units} />}
      {roles.includes('ADMIN') && <SeasonalitySection w={w} client={client} excel={excel} onSessionEnded={onSessionEnded} />}
    </div>
  );
}
