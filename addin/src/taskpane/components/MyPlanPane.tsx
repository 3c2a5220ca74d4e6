/**
 * My plan (我的计划): a rep chooses a month, writes the plan sheet (their
 * target and due day in the banner, the weeks and key customers to fill in),
 * checks it in the pane with the shared rules (each problem a link to its
 * cell), saves a draft and submits it; what the manager decided is said
 * here. Opened with a plan template workbook, it opens on the template's
 * month and takes the plan from it. State and calls live in rep-plans/use-my-plan.ts; the sheet in
 * rep-plans/plan-sheet.ts.
 */
import { Button, Field, Input, MessageBar, MessageBarBody, Spinner, Subtitle2 } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Words } from '../../i18n.ts';
import type { ExcelRun } from '../../excel/workbook.ts';
import { useMyPlan } from '../../rep-plans/use-my-plan.ts';
import type { TemplateMarker } from '../../rep-plans/plan-template.ts';
import { planTargetText } from '../../rep-plans/plan-sheet.ts';
import { useChoreStyles } from './chores/ui.tsx';
import { IssueList } from './targets/IssueList.tsx';
import { RetryAction } from './RetryAction.tsx';
import { TypedCellsBar } from './SheetRoundTrip.tsx';

const excel = () => Excel.run as unknown as ExcelRun;

export function MyPlanPane({ w, client, onSessionEnded, template }: { w: Words; client: Client; roles: string[]; onSessionEnded: () => void; template?: TemplateMarker | null }) {
  const styles = useChoreStyles();
  const r = w.repPlans;
  const h = useMyPlan(w, client, excel, onSessionEnded, template ?? null);
  const { status, form } = h;
  const editable = !!form?.person && (!form.plan || form.plan.canEdit);
  // Said now, in the reader's language (status: what to say, not text said before).
  const warnings = status.kind === 'ok' && status.warnings ? status.warnings(w) : [];
  return (
    <div className={styles.pane} data-testid="my-plan-pane">
      <Subtitle2 as="h2">{r.myTitle}</Subtitle2>
      <Field label={r.month}>
        <Input value={h.month} onChange={(_, d) => h.setMonth(d.value)} data-testid="my-plan-month" />
      </Field>
      {form && (
        <span className={styles.meta} data-testid="my-plan-summary">
          {format(r.banner, {
            name: form.person?.name ?? '',
            no: form.person?.employeeNo ?? '',
            month: form.month,
            target: planTargetText(w, form.target),
            due: form.dueOn,
            status: form.plan ? r.statuses[form.plan.status]! : r.notStarted,
          })}
        </span>
      )}
      <div className={styles.row}>
        <Button appearance="primary" disabled={h.busy || !form?.person} onClick={() => void h.writeSheet()} data-testid="my-plan-write">
          {r.write}
        </Button>
        <Button disabled={h.busy || !form?.person} onClick={() => void h.makeTemplate()} data-testid="my-plan-make-template">
          {r.makeTemplate}
        </Button>
        {editable && (
          <>
            <Button disabled={h.busy} onClick={() => void h.check()} data-testid="my-plan-check">
              {r.check}
            </Button>
            <Button disabled={h.busy} onClick={() => void h.saveDraft()} data-testid="my-plan-save">
              {r.saveDraft}
            </Button>
            <Button disabled={h.busy} onClick={() => void h.submit()} data-testid="my-plan-submit">
              {r.submit}
            </Button>
          </>
        )}
      </div>
      <TypedCellsBar w={w} asking={h.typed} busy={h.busy} onKeep={h.keep} testId="my-plan" />
      {status.kind === 'busy' && <Spinner size="tiny" labelPosition="after" label={r.working[status.work]} data-testid="my-plan-status-busy" role="status" />}
      {status.kind === 'issues' && <IssueList w={w} issues={status.issues} excel={excel} onError={h.fail} />}
      {(status.kind === 'ok' || status.kind === 'error') && (
        <MessageBar intent={status.kind === 'ok' ? 'success' : 'error'} layout="multiline" data-testid="my-plan-status">
          <MessageBarBody>{status.say(w)}</MessageBarBody>
          {status.kind === 'error' && <RetryAction w={w} retry={status.retry} />}
        </MessageBar>
      )}
      {warnings.length ? (
        <MessageBar intent="warning" layout="multiline" data-testid="my-plan-warnings">
          <MessageBarBody>{warnings.map((x) => x.message).join(' ')}</MessageBarBody>
        </MessageBar>
      ) : null}
    </div>
  );
}
