/**
 * Payroll: finance creates, calculates and submits a month's run and
 * refreshes the Payroll sheet (changes highlighted, and listed on a Changes
 * sheet against the last refresh, the previous version or the previous
 * month; explanations on their own sheet). Everyone who may read the run
 * sees its numbers first; the signer whose step is due signs or returns it.
 */
import { Button, Caption1, Field, Input, Link, MessageBar, MessageBarBody, ProgressBar, Select, Subtitle2, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Words, phrase, versionText } from '../../i18n.ts';
import { usePayroll, type Against } from './usePayroll.ts';
import { PayrollReview } from './PayrollReview.tsx';
import { RetryAction } from './RetryAction.tsx';
import { UnitOptions } from './UnitOptions.tsx';
import type { RunSummary } from '../../api/operations.ts';
import { NotOverConfirm } from './NotOverConfirm.tsx';
import { MonthInput } from './DateInputs.tsx';

const useStyles = makeStyles({ pane: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS }, row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'flex-end' } });

export function PayrollPane({ w, client, roles, onSessionEnded }: { w: Words; client: Client; roles: string[]; onSessionEnded: () => void }) {
  const styles = useStyles();
  const p = w.payroll;
  const q = w.sheets;
  const s = usePayroll({ w, client, roles, onSessionEnded });
  const busy = s.busy !== null;
  const selected = s.selected;
  const review = s.review?.run.id === selected?.id ? s.review : null;
  const runLabel = (r: RunSummary) => `${r.scopeUnitName} · ${r.month} · ${versionText(w, r.version)} (${p.statuses[r.status as keyof typeof p.statuses] ?? r.status})`;
  return (
    <div className={styles.pane} data-testid="payroll-pane">
      <Subtitle2 as="h2">{p.title}</Subtitle2>
      <Field label={p.month}>
        <MonthInput w={w} value={s.month} onChange={s.setMonth} data-testid="payroll-month" />
      </Field>
      {s.awaitingYou.some((r) => r.id !== s.runId) && (
        <MessageBar intent="warning" data-testid="payroll-awaiting">
          <MessageBarBody>
            {p.awaitingYou}{' '}
            {s.awaitingYou.map((r, i) => (
              <span key={r.id}>
                {i > 0 && ' · '}
                <Link onClick={() => s.openRun(r)} disabled={busy} data-testid="payroll-awaiting-run">
                  {runLabel(r)}
                </Link>
              </span>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
      {s.runs.length === 0 ? (
        <>
          <Field data-testid="no-runs">{phrase(w.locale, p.noRuns, { month: s.month })}</Field>
          {s.otherMonths.length > 0 && (
            <Field label={p.otherMonths} data-testid="payroll-other-months">
              <div className={styles.row}>
                {s.otherMonths.map((m) => (
                  <Button key={m.month} size="small" onClick={() => s.setMonth(m.month)} disabled={busy} data-testid="payroll-other-month">
                    {`${m.month} (${m.runs.map((r) => p.statuses[r.status as keyof typeof p.statuses] ?? r.status).join(', ')})`}
                  </Button>
                ))}
              </div>
            </Field>
          )}
        </>
      ) : (
        // The picker cuts a long label at 320 px; the chosen run's status is repeated below it, where it wraps.
        <Field label={p.run} hint={selected ? <span data-testid="payroll-run-status">{format(p.runStatus, { status: p.statuses[selected.status as keyof typeof p.statuses] ?? selected.status })}</span> : undefined}>
          <Select value={s.runId} onChange={(_, d) => s.setRunId(d.value)} data-testid="payroll-run">
            {s.runs.map((r) => (
              <option key={r.id} value={r.id}>
                {runLabel(r)}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {review && <PayrollReview w={w} review={review} />}
      {selected && (
        <>
          <Field label={q.pane.compareWith}>
            <Select value={s.against} onChange={(_, d) => s.setAgainst(d.value as Against)} disabled={busy} data-testid="payroll-against">
              {(Object.keys(q.payroll.against) as Against[]).map((k) => (
                <option key={k} value={k}>
                  {q.payroll.against[k]}
                </option>
              ))}
            </Select>
          </Field>
          <div className={styles.row}>
            <Button onClick={s.refresh} disabled={busy} data-testid="payroll-refresh">
              {s.staff ? p.refresh : q.pane.openSheet}
            </Button>
            <Button onClick={s.explain} disabled={busy} data-testid="payroll-explain">
              {p.explain}
            </Button>
            {s.staff && selected.viewerMayRun && (selected.status === 'DRAFT' || selected.status === 'CALCULATED') && (
              <Button onClick={s.calculate} disabled={busy} data-testid="payroll-calculate">
                {p.calculate}
              </Button>
            )}
            {s.staff && selected.viewerMayRun && selected.status === 'CALCULATED' && (
              <Button appearance="primary" onClick={s.submit} disabled={busy || !!s.confirmingSubmit} data-testid="payroll-submit">
                {p.submit}
              </Button>
            )}
          </div>
          {s.staff && !selected.viewerMayRun && (
            <Caption1 data-testid="payroll-not-served">{format(s.servedUnits.length ? p.notServedRun : w.reasons.UNIT_NOT_SERVED, { unit: selected.scopeUnitName })}</Caption1>
          )}
          {s.confirmingSubmit && (
            <NotOverConfirm w={w} periodKey={s.confirmingSubmit} body={w.notOver.payroll} go={w.notOver.submitAnyway} onGo={s.submitAnyway} onCancel={s.cancelSubmit} testId="payroll-not-over" />
          )}
          {s.staff && selected.viewerMayRun && (selected.status === 'DRAFT' || selected.status === 'CALCULATED') && !s.discarding && (
            <div className={styles.row}>
              <Button appearance="subtle" onClick={s.startDiscard} disabled={busy} data-testid="payroll-discard">
                {p.discard}
              </Button>
            </div>
          )}
          {s.discarding && (
            <>
              <Field label={p.discardReason}>
                <Textarea value={s.discardReason} onChange={(_, d) => s.setDiscardReason(d.value)} data-testid="payroll-discard-reason" />
              </Field>
              <div className={styles.row}>
                <Button onClick={s.discard} disabled={busy} data-testid="payroll-discard-go">
                  {p.discardGo}
                </Button>
                <Button appearance="subtle" onClick={s.cancelDiscard} disabled={busy} data-testid="payroll-discard-cancel">
                  {p.discardCancel}
                </Button>
              </div>
            </>
          )}
        </>
      )}
      {review && (review.viewerMaySign || review.viewerMayReturn) && (
        <>
          <Field label={p.comment}>
            <Textarea value={s.comment} onChange={(_, d) => s.setComment(d.value)} data-testid="payroll-comment" />
          </Field>
          <div className={styles.row}>
            {review.viewerMaySign && (
              <Button appearance="primary" onClick={s.approve} disabled={busy} data-testid="payroll-approve">
                {p.approve}
              </Button>
            )}
            {review.viewerMayReturn && (
              <Button onClick={s.sendBack} disabled={busy || !s.comment.trim()} data-testid="payroll-return">
                {p.sendBack}
              </Button>
            )}
          </div>
        </>
      )}
      {s.busy && (
        <Field validationMessage={s.busy.detail ?? q.pane.busy[s.busy.kind]} validationState="none">
          <ProgressBar value={s.busy.value} data-testid="payroll-progress" />
        </Field>
      )}
      {s.status && (
        <MessageBar intent={s.status.intent} data-testid="payroll-status">
          <MessageBarBody>{s.status.message}</MessageBarBody>
          <RetryAction w={w} retry={s.status.retry} />
        </MessageBar>
      )}
      {s.staff && (
        <div className={styles.row}>
          <Field label={p.scopeUnit}>
            <Select value={s.unitId} onChange={(_, d) => s.setUnitId(d.value)} disabled={busy} data-testid="payroll-unit">
              <option value="">—</option>
              <UnitOptions units={s.units} />
            </Select>
          </Field>
          <Button onClick={s.create} disabled={busy || !s.unitId} data-testid="payroll-create">
            {p.create}
          </Button>
        </div>
      )}
      {s.staff && s.servedUnits.length > 0 && (
        <Caption1 data-testid="payroll-served-units">{format(p.servedUnits, { units: s.servedUnits.join(p.unitJoin) })}</Caption1>
      )}
    </div>
  );
}
