/** The pane reads a run's payslips a page at a time, following the cursor until the last page (issue 12 §3). */
import { describe, expect, it } from 'vitest';
import type { Client } from '@urql/core';
import { readRunView } from './read-run.ts';

const slip = (n: number) => ({ personId: `p${n}`, employeeNo: `E${String(n).padStart(4, '0')}` });

describe('reading a run for its sheets', () => {
  it('asks for the head, then each page after the previous cursor, and joins them in order', async () => {
    const asked: { query: string; variables: Record<string, unknown> }[] = [];
    const pages: Record<string, { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }> = {
      first: { nodes: [slip(1), slip(2)], pageInfo: { hasNextPage: true, endCursor: 'E0002' } },
      E0002: { nodes: [slip(3), slip(4)], pageInfo: { hasNextPage: true, endCursor: 'E0004' } },
      E0004: { nodes: [slip(5)], pageInfo: { hasNextPage: false, endCursor: 'E0005' } },
    };
    const client = {
      query: (query: string, variables: Record<string, unknown>) => ({
        toPromise: async () => {
          asked.push({ query, variables });
          if (query.includes('PayrollRunHead')) return { data: { payrollRun: { run: { id: 'r1' }, signOffs: [] } } };
          return { data: { payrollRun: { payslipPage: pages[(variables.after as string | null) ?? 'first'] } } };
        },
      }),
    } as unknown as Client;
    const progress: number[] = [];
    const view = await readRunView(client, 'r1', (n) => progress.push(n));
    expect(view.payslips.map((s) => s.employeeNo)).toEqual(['E0001', 'E0002', 'E0003', 'E0004', 'E0005']);
    expect(view.run).toEqual({ id: 'r1' });
    expect(asked.map((a) => a.variables.after ?? null)).toEqual([null, null, 'E0002', 'E0004']);
    expect(asked.slice(1).every((a) => a.query.includes('payslipPage(first: 1000'))).toBe(true);
    expect(progress).toEqual([2, 4, 5]);
  });
});
