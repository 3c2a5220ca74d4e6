/** My payslip: a person's own signed-off payslip, explanations included, as a sheet; and below it their approved scorecards' grades. */
import { useCallback } from 'react';
import type { Client } from '@urql/core';
import { format, type Words } from '../../i18n.ts';
import { run } from '../../api/client.ts';
import { hasOwnPerson, MY_PAYSLIP, MY_PAYSLIP_MONTHS, VIEWER_PERSON, type ViewerPersonData } from '../../api/operations.ts';
import { writeSheetTable, type ExcelRun } from '../../excel/workbook.ts';
import { myPayslipSheet, type PayslipView } from '../../payroll/payroll-sheet.ts';
import { PullPane } from './PullPane.tsx';
import { MyScorecards } from './MyScorecards.tsx';

export function MyPayslipPane({ w, client, onSessionEnded }: { w: Words; client: Client; onSessionEnded: () => void }) {
  const latest = useCallback(async () => (await run<{ myPayslipMonths: string[] }>(client, MY_PAYSLIP_MONTHS, {})).myPayslipMonths[0] ?? null, [client]);
  return (
    <>
    <PullPane
      w={w}
      testId="my-payslip-pane"
      title={w.payroll.myPayslip}
      fieldLabel={w.payroll.month}
      inputType="month"
      inputTestId="my-payslip-month"
      initial={new Date().toISOString().slice(0, 7)}
      buttonLabel={w.payroll.pullMine}
      buttonTestId="pull-my-payslip"
      statusTestId="my-payslip-status"
      onSessionEnded={onSessionEnded}
      latest={latest}
      pull={async (month) => {
        const d = await run<{ myPayslip: PayslipView | null }>(client, MY_PAYSLIP, { month });
        if (!d.myPayslip) {
          const mine = hasOwnPerson(await run<ViewerPersonData>(client, VIEWER_PERSON, {}));
          return { intent: 'info', message: mine ? format(w.payroll.noPayslip, { month }) : w.noPersonMine };
        }
        const report = await writeSheetTable(Excel.run as unknown as ExcelRun, myPayslipSheet(w, month, d.myPayslip));
        return { intent: 'success', message: format(w.payroll.wroteMine, { sheet: report.sheetName }) };
      }}
    />
    <MyScorecards w={w} client={client} onSessionEnded={onSessionEnded} />
    </>
  );
}
