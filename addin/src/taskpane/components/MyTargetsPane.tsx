/** My targets: a rep's own published targets as a sheet. */
import { useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Words } from '../../i18n.ts';
import { ApiError, run } from '../../api/client.ts';
import { MY_TARGETS } from '../../api/operations.ts';
import { writeSheetTable, type ExcelRun } from '../../excel/workbook.ts';
import { myTargetsSheet, type MyTargetRow } from '../../targets/target-sheet.ts';

const useStyles = makeStyles({ pane: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS } });

export function MyTargetsPane({ w, client, onSessionEnded }: { w: Words; client: Client; onSessionEnded: () => void }) {
  const styles = useStyles();
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [status, setStatus] = useState<{ intent: 'success' | 'info' | 'error'; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const pull = async () => {
    setBusy(true);
    try {
      const data = await run<{ myTargets: MyTargetRow[] }>(client, MY_TARGETS, { year: Number(year) });
      if (!data.myTargets.length) return setStatus({ intent: 'info', message: format(w.targets.noTargets, { year }) });
      const report = await writeSheetTable(Excel.run as unknown as ExcelRun, myTargetsSheet(w, data.myTargets, Number(year)));
      setStatus({ intent: 'success', message: format(w.targets.wroteMine, { n: report.rows, sheet: report.sheetName }) });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return onSessionEnded();
      setStatus({ intent: 'error', message: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.pane} data-testid="my-targets-pane">
      <Subtitle2>{w.targets.myTargets}</Subtitle2>
      <Field label={w.targets.year}>
        <Input type="number" value={year} onChange={(_, d) => setYear(d.value)} data-testid="my-targets-year" />
      </Field>
      <Button appearance="primary" onClick={() => void pull()} disabled={busy} data-testid="pull-my-targets">
        {w.targets.pullMine}
      </Button>
      {status && (
        <MessageBar intent={status.intent} data-testid="my-targets-status">
          <MessageBarBody>{status.message}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
