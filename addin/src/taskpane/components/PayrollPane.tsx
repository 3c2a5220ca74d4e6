/**
 * Payroll: finance creates, calculates and submits a month's run and
 * refreshes the Payroll sheet (changes since the last refresh highlighted,
 * explanations on their own sheet); the signer whose step is due approves or
 * returns it from here.
 */
import { useCallback, useEffect, useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Select, Subtitle2, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Words } from '../../i18n.ts';
import { ApiError, run } from '../../api/client.ts';
import { describeError } from '../../api/describe-error.ts';
import { APPROVE_RUN, CALCULATE_RUN, CREATE_RUN, ORG_TREE, PAYROLL_RUN, PAYROLL_RUNS, RETURN_RUN, SUBMIT_RUN, treeOrder, type OrgUnitOption, type RunSummary } from '../../api/operations.ts';
import { readTaggedSheet, writeGridSheet, writeSheetTable, type ExcelRun } from '../../excel/workbook.ts';
import { explainSheetSpec, PAYROLL_KIND, payrollSheetSpec, previousValues, type RunView } from '../../payroll/payroll-sheet.ts';

const useStyles = makeStyles({ pane: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS }, row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' } });
const excel = () => Excel.run as unknown as ExcelRun;

/** Which signer role each status waits for. */
const SIGNER: Record<string, string> = { SUBMITTED: 'FINANCE_MANAGER', FINANCE_APPROVED: 'DIRECTOR', SALES_APPROVED: 'GENERAL_MANAGER' };

export function PayrollPane({ w, client, roles, onSessionEnded }: { w: Words; client: Client; roles: string[]; onSessionEnded: () => void }) {
  const styles = useStyles();
  const p = w.payroll;
  const [month, setMonth] = useState(new Date().toISOString().slice(0, 7));
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [runId, setRunId] = useState('');
  const [units, setUnits] = useState<OrgUnitOption[]>([]);
  const [unitId, setUnitId] = useState('');
  const [comment, setComment] = useState('');
  const [status, setStatus] = useState<{ intent: 'success' | 'error' | 'info'; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const staff = roles.includes('FINANCE') || roles.includes('ADMIN');

  const fail = useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return onSessionEnded();
      setStatus({ intent: 'error', message: describeError(w, err) });
    },
    [onSessionEnded],
  );
  const loadRuns = useCallback(async () => {
    const d = await run<{ payrollRuns: RunSummary[] }>(client, PAYROLL_RUNS, { month });
    setRuns(d.payrollRuns);
    if (d.payrollRuns.length && !d.payrollRuns.some((r) => r.id === runId)) setRunId(d.payrollRuns[0]!.id);
    return d.payrollRuns;
  }, [client, month, runId]);
  useEffect(() => {
    loadRuns().catch(fail);
  }, [loadRuns, fail]);
  useEffect(() => {
    if (staff) run<{ orgTree: OrgUnitOption[] }>(client, ORG_TREE, {}).then((d) => setUnits(treeOrder(d.orgTree))).catch(fail);
  }, [client, staff, fail]);

  const selected = runs.find((r) => r.id === runId);
  const act = (work: () => Promise<void>) => async () => {
    setBusy(true);
    setStatus(null);
    try {
      await work();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const refresh = async (id: string) => {
    const view = (await run<{ payrollRun: RunView }>(client, PAYROLL_RUN, { id })).payrollRun;
    const before = await readTaggedSheet(excel(), PAYROLL_KIND, { month: view.run.month, scope: view.run.scopeUnitId });
    const spec = payrollSheetSpec(w, view, previousValues(before));
    const report = await writeGridSheet(excel(), spec);
    const explain = await writeSheetTable(excel(), explainSheetSpec(w, view));
    setStatus({ intent: 'success', message: format(p.wrote, { n: view.payslips.length, sheet: report.sheetName, changed: spec.highlight?.length ?? 0, explain: explain.sheetName }) });
  };

  const mutate = (query: string, vars: Record<string, unknown> = {}) =>
    act(async () => {
      const r = selected!;
      const data = await run<Record<string, RunView>>(client, query, { id: r.id, revision: r.revision, ...vars }, true);
      const view = Object.values(data)[0]!;
      await loadRuns();
      setComment('');
      setStatus({ intent: 'success', message: format(p.done, { status: p.statuses[view.run.status as keyof typeof p.statuses] ?? view.run.status }) });
    });

  const create = act(async () => {
    const d = await run<{ createPayrollRun: RunView }>(client, CREATE_RUN, { month, u: unitId }, true);
    setRunId(d.createPayrollRun.run.id);
    await loadRuns();
  });

  const mySign = selected && SIGNER[selected.status] && roles.includes(SIGNER[selected.status]!);
  return (
    <div className={styles.pane} data-testid="payroll-pane">
      <Subtitle2>{p.title}</Subtitle2>
      <Field label={p.month}>
        <Input type="month" value={month} onChange={(_, d) => setMonth(d.value)} data-testid="payroll-month" />
      </Field>
      {runs.length === 0 ? (
        <Field data-testid="no-runs">{format(p.noRuns, { month })}</Field>
      ) : (
        <Field label={p.run}>
          <Select value={runId} onChange={(_, d) => setRunId(d.value)} data-testid="payroll-run">
            {runs.map((r) => (
              <option key={r.id} value={r.id}>
                {`${r.scopeUnitName} · ${r.month} · v${r.version} (${p.statuses[r.status as keyof typeof p.statuses] ?? r.status})`}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {selected && (
        <div className={styles.row}>
          <Button onClick={act(() => refresh(selected.id))} disabled={busy} data-testid="payroll-refresh">
            {p.refresh}
          </Button>
          {staff && (selected.status === 'DRAFT' || selected.status === 'CALCULATED') && (
            <Button onClick={mutate(CALCULATE_RUN)} disabled={busy} data-testid="payroll-calculate">
              {p.calculate}
            </Button>
          )}
          {staff && selected.status === 'CALCULATED' && (
            <Button appearance="primary" onClick={mutate(SUBMIT_RUN)} disabled={busy} data-testid="payroll-submit">
              {p.submit}
            </Button>
          )}
        </div>
      )}
      {mySign && (
        <>
          <Field label={p.comment}>
            <Textarea value={comment} onChange={(_, d) => setComment(d.value)} data-testid="payroll-comment" />
          </Field>
          <div className={styles.row}>
            <Button appearance="primary" onClick={mutate(APPROVE_RUN, { comment: comment || null })} disabled={busy} data-testid="payroll-approve">
              {p.approve}
            </Button>
            <Button onClick={mutate(RETURN_RUN, { comment })} disabled={busy || !comment.trim()} data-testid="payroll-return">
              {p.sendBack}
            </Button>
          </div>
        </>
      )}
      {status && (
        <MessageBar intent={status.intent} data-testid="payroll-status">
          <MessageBarBody>{status.message}</MessageBarBody>
        </MessageBar>
      )}
      {staff && (
        <div className={styles.row}>
          <Field label={p.scopeUnit}>
            <Select value={unitId} onChange={(_, d) => setUnitId(d.value)} data-testid="payroll-unit">
              <option value="">—</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {'\u3000'.repeat(Math.max(0, u.depth - (units[0]?.depth ?? 0)))}
                  {u.name}
                </option>
              ))}
            </Select>
          </Field>
          <Button onClick={create} disabled={busy || !unitId} data-testid="payroll-create">
            {p.create}
          </Button>
        </div>
      )}
    </div>
  );
}
