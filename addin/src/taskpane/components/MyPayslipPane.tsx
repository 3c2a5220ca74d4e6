/** My payslip: a person's own signed-off payslip, explanations included, as a sheet. */
import { useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Words } from '../../i18n.ts';
import { ApiError, run } from '../../api/client.ts';
import { MY_PAYSLIP } from '../../api/operations.ts';
import { writeSheetTable, type ExcelRun } from '../../excel/workbook.ts';
import { myPayslipSheet, type PayslipView } from '../../payroll/payroll-sheet.ts';

const useStyles = makeStyles({ pane: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS } });

export function MyPayslipPane({ w, client, onSessionEnded }: { w: Words; client: Client; onSessionEnded: () => void }) {
  const styles = useStyles();
  const [month, setMonth] = useState(new Date().toISOString().slice(0, 7));
  const [status, setStatus] = useState<{ intent: 'success' | 'info' | 'error'; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const pull = async () => {
    setBusy(true);
    try {
      const d = await run<{ myPayslip: PayslipView | null }>(client, MY_PAYSLIP, { month });
      if (!d.myPayslip) return setStatus({ intent: 'info', message: format(w.payroll.noPayslip, { month }) });
      const report = await writeSheetTable(Excel.run as unknown as ExcelRun, myPayslipSheet(w, month, d.myPayslip));
      setStatus({ intent: 'success', message: format(w.payroll.wroteMine, { sheet: report.sheetName }) });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return onSessionEnded();
      setStatus({ intent: 'error', message: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={styles.pane} data-testid="my-payslip-pane">
      <Subtitle2>{w.payroll.myPayslip}</Subtitle2>
      <Field label={w.payroll.month}>
        <Input type="month" value={month} onChange={(_, d) => setMonth(d.value)} data-testid="my-payslip-month" />
      </Field>
      <Button appearance="primary" onClick={() => void pull()} disabled={busy} data-testid="pull-my-payslip">
        {w.payroll.pullMine}
      </Button>
      {status && (
        <MessageBar intent={status.intent} data-testid="my-payslip-status">
          <MessageBarBody>{status.message}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
