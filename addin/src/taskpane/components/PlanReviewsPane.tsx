/**
 * Rep plans (计划审核), for managers: choose a month, write who handed in what
 * to a sheet (late and missing marked), open a submitted plan as a sheet,
 * accept it or return it with a comment. State and calls live in
 * rep-plans/use-plan-reviews.ts; the sheets in rep-plans/.
 */
import { useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Spinner, Subtitle2 } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Words } from '../../i18n.ts';
import type { ExcelRun } from '../../excel/workbook.ts';
import { usePlanReviews } from '../../rep-plans/use-plan-reviews.ts';
import type { RosterRow } from '../../rep-plans/operations.ts';
import { useChoreStyles } from './chores/ui.tsx';
import { RetryAction } from './RetryAction.tsx';

const excel = () => Excel.run as unknown as ExcelRun;

export function PlanReviewsPane({ w, client, onSessionEnded }: { w: Words; client: Client; roles: string[]; onSessionEnded: () => void }) {
  const styles = useChoreStyles();
  const r = w.repPlans;
  const h = usePlanReviews(w, client, excel, onSessionEnded);
  const { status } = h;
  return (
    <div className={styles.pane} data-testid="plan-reviews-pane">
      <Subtitle2 as="h2">{r.reviewTitle}</Subtitle2>
      <Field label={r.month}>
        <Input value={h.month} onChange={(_, d) => h.setMonth(d.value)} data-testid="plan-reviews-month" />
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" disabled={h.busy} onClick={() => void h.pullRoster()} data-testid="plan-reviews-roster">
          {r.pullRoster}
        </Button>
      </div>
      {status.kind === 'busy' && <Spinner size="tiny" labelPosition="after" label={r.working[status.work]} data-testid="plan-reviews-status-busy" role="status" />}
      {(status.kind === 'ok' || status.kind === 'error') && (
        <MessageBar intent={status.kind === 'ok' ? 'success' : 'error'} layout="multiline" data-testid="plan-reviews-status">
          <MessageBarBody>{status.message}</MessageBarBody>
          {status.kind === 'error' && <RetryAction w={w} retry={status.retry} />}
        </MessageBar>
      )}
      <section className={styles.section} data-testid="plan-reviews-waiting">
        <Subtitle2 as="h3">{format(r.waiting, { n: h.waiting.length })}</Subtitle2>
        {h.waiting.length === 0 ? (
          <span className={styles.meta}>{format(r.noneWaiting, { month: h.month })}</span>
        ) : (
          <ul className={styles.list}>
            {h.waiting.map((row) => (
              <WaitingPlan key={row.personId} w={w} row={row} busy={h.busy} open={h.open} decide={h.decide} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function WaitingPlan({ w, row, busy, open, decide }: { w: Words; row: RosterRow; busy: boolean; open: (row: RosterRow) => Promise<void>; decide: (row: RosterRow, accept: boolean, comment: string) => Promise<void> }) {
  const styles = useChoreStyles();
  const r = w.repPlans;
  const [comment, setComment] = useState('');
  return (
    <li className={styles.item} data-testid="plan-waiting">
      <div className={styles.line}>
        <span className={styles.strong}>{`${row.personName} · ${row.unitName}`}</span>
        <span data-testid="plan-waiting-figures">{`${r.rosterColumns.planned} ${row.planned ?? '—'} / ${r.rosterColumns.target} ${row.target ?? r.noTarget} · ${r.timeliness[row.timeliness]}`}</span>
      </div>
      <Field label={r.decisionComment}>
        <Input value={comment} onChange={(_, d) => setComment(d.value)} data-testid="plan-decision-comment" />
      </Field>
      <div className={styles.row}>
        <Button disabled={busy} onClick={() => void open(row)} data-testid="plan-open">
          {r.open}
        </Button>
        <Button appearance="primary" disabled={busy} onClick={() => void decide(row, true, comment)} data-testid="plan-accept">
          {r.accept}
        </Button>
        <Button disabled={busy} onClick={() => void decide(row, false, comment)} data-testid="plan-return">
          {r.return}
        </Button>
      </div>
    </li>
  );
}
