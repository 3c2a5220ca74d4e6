/**
 * Rep plans (计划审核), for managers: choose a month, write who handed in what
 * to a sheet (late and missing marked), open a submitted plan as a sheet,
 * accept it or return it with a comment, make every rep's template as one
 * zip to download. State and calls live in
 * rep-plans/use-plan-reviews.ts; the sheets in rep-plans/.
 */
import { useState } from 'react';
import { Button, Field, Input, Link, MessageBar, MessageBarBody, ProgressBar, Spinner, Subtitle2 } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Words, phrase } from '../../i18n.ts';
import type { ExcelRun } from '../../excel/workbook.ts';
import { usePlanReviews, type Download } from '../../rep-plans/use-plan-reviews.ts';
import type { RosterRow } from '../../rep-plans/operations.ts';
import { waitingFiguresText } from '../../rep-plans/plan-sheet.ts';
import { useChoreStyles } from './chores/ui.tsx';
import { RetryAction } from './RetryAction.tsx';

const excel = () => Excel.run as unknown as ExcelRun;

export function PlanReviewsPane({ w, client, roles, onSessionEnded }: { w: Words; client: Client; roles: string[]; onSessionEnded: () => void }) {
  const styles = useChoreStyles();
  // Who hands out templates (the server's rule): managers, directors and admins; finance reads the roster only.
  const handsOutTemplates = roles.some((x) => x === 'MANAGER' || x === 'DIRECTOR' || x === 'ADMIN');
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
        {handsOutTemplates && (
          <Button disabled={h.busy} onClick={() => void h.makeTemplates()} data-testid="plan-reviews-templates">
            {r.makeTemplates}
          </Button>
        )}
      </div>
      {status.kind === 'busy' && !status.progress && <Spinner size="tiny" labelPosition="after" label={r.working[status.work]} data-testid="plan-reviews-status-busy" role="status" />}
      {status.kind === 'busy' && status.progress && (
        <div role="status" data-testid="plan-reviews-status-busy">
          <span>{format(r.templatesProgress, { done: status.progress.done, total: status.progress.total })}</span>
          <ProgressBar value={status.progress.done / Math.max(1, status.progress.total)} />
        </div>
      )}
      {(status.kind === 'ok' || status.kind === 'error') && (
        <MessageBar intent={status.kind === 'ok' ? 'success' : 'error'} layout="multiline" data-testid="plan-reviews-status">
          <MessageBarBody>{status.message}</MessageBarBody>
          {status.kind === 'error' && <RetryAction w={w} retry={status.retry} />}
        </MessageBar>
      )}
      {h.download && <DownloadLink w={w} file={h.download} />}
      <section className={styles.section} data-testid="plan-reviews-waiting">
        <Subtitle2 as="h3">{format(r.waiting, { n: h.waiting.length })}</Subtitle2>
        {h.waiting.length === 0 ? (
          <span className={styles.meta}>{phrase(w.locale, r.noneWaiting, { month: h.month })}</span>
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

/** Bytes as a reader would say them: 512 B, 48 KB, 1.2 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The made file's link. In Excel it opens in the user's browser (Office's
 * openBrowserWindow), which saves it; elsewhere the link opens as links do.
 */
function DownloadLink({ w, file }: { w: Words; file: Download }) {
  const open = (e: React.MouseEvent) => {
    const ui = typeof Office !== 'undefined' ? (Office.context?.ui as { openBrowserWindow?: (url: string) => void } | undefined) : undefined;
    if (!ui?.openBrowserWindow) return;
    e.preventDefault();
    ui.openBrowserWindow(file.url);
  };
  return (
    <Link href={file.url} target="_blank" rel="noopener noreferrer" download={file.name} onClick={open} data-testid="plan-reviews-download">
      {format(w.repPlans.downloadFile, { file: file.name, size: fileSize(file.size) })}
    </Link>
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
        <span data-testid="plan-waiting-figures">{waitingFiguresText(w, row)}</span>
      </div>
      {row.belowTargetReason && <span className={styles.meta} data-testid="plan-waiting-reason">{format(r.theirReason, { reason: row.belowTargetReason })}</span>}
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
