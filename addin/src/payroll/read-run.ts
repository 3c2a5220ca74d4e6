/**
 * Reads a payroll run for its sheets: the head (summary and signatures),
 * then the payslips a page at a time by keyset (issue 12 §3), so no single
 * answer carries a 10,000-person run and progress can be shown.
 */
import type { Client } from '@urql/core';
import { run } from '../api/client.ts';
import { PAYROLL_RUN_HEAD, PAYSLIP_PAGE } from '../api/operations.ts';
import type { PayslipView, RunView } from './payroll-sheet.ts';

interface Page {
  nodes: PayslipView[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** The run with every payslip the viewer may see, in employee-number order; `progress` gets the payslips read so far. */
export async function readRunView(client: Client, id: string, progress?: (read: number) => void): Promise<RunView> {
  const head = (await run<{ payrollRun: Omit<RunView, 'payslips'> }>(client, PAYROLL_RUN_HEAD, { id })).payrollRun;
  const payslips: PayslipView[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Page = (await run<{ payrollRun: { payslipPage: Page } }>(client, PAYSLIP_PAGE, { id, after })).payrollRun.payslipPage;
    payslips.push(...page.nodes);
    progress?.(payslips.length);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
    after = page.pageInfo.endCursor;
  }
  return { ...head, payslips };
}
