/**
 * The month in sheets, on the rep's Work log & reports screen (issue 11 §3):
 * write the month's log and report sheets (or use those of the open plan
 * template), check them with every problem a link to its cell, save them as
 * drafts or hand them in at once. State and calls live in
 * work-reports/use-work-month-sheets.ts; the sheets in work-reports/month-sheets.ts.
 */
import { Button, MessageBar, MessageBarBody, Spinner, Subtitle2 } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import type { Words } from '../../i18n.ts';
import type { ExcelRun } from '../../excel/workbook.ts';
import type { TemplateMarker } from '../../rep-plans/plan-template.ts';
import { useWorkMonthSheets } from '../../work-reports/use-work-month-sheets.ts';
import { useChoreStyles } from './chores/ui.tsx';
import { IssueList } from './targets/IssueList.tsx';
import { RetryAction } from './RetryAction.tsx';
import { TypedCellsBar } from './SheetRoundTrip.tsx';

const excel = () => Excel.run as unknown as ExcelRun;

export function WorkMonthSheets({ w, client, month, onSessionEnded, template, onSaved }: { w: Words; client: Client; month: string | null; onSessionEnded: () => void; template: TemplateMarker | null; onSaved: () => void }) {
  const x = w.workReports;
  const s = useChoreStyles();
  const h = useWorkMonthSheets(w, client, excel, onSessionEnded, template, onSaved);
  const { status } = h;
  const off = h.busy || !month;
  return (
    <div className={s.section} data-testid="work-month-sheets">
      <Subtitle2 as="h3">{x.monthSheets}</Subtitle2>
      <span className={s.meta}>{month ? `${month} · ${x.monthSheetsHint}` : x.monthSheetsHint}</span>
      <div className={s.row}>
        <Button disabled={off} onClick={() => month && void h.writeSheets(month)} data-testid="work-month-write">
          {x.writeSheets}
        </Button>
        <Button disabled={off} onClick={() => month && void h.check(month)} data-testid="work-month-check">
          {x.checkSheets}
        </Button>
        <Button disabled={off} onClick={() => month && void h.save(month, false)} data-testid="work-month-save">
          {x.saveSheets}
        </Button>
        <Button appearance="primary" disabled={off} onClick={() => month && void h.save(month, true)} data-testid="work-month-submit">
          {x.submitSheets}
        </Button>
      </div>
      <TypedCellsBar w={w} asking={h.typed} busy={h.busy} onKeep={h.keep} testId="work-month" />
      {status.kind === 'busy' && <Spinner size="tiny" labelPosition="after" label={w.chores.working} role="status" data-testid="work-month-busy" />}
      {status.kind === 'issues' && <IssueList w={w} issues={status.issues} excel={excel} onError={h.fail} />}
      {(status.kind === 'ok' || status.kind === 'error') && (
        <MessageBar intent={status.kind === 'ok' ? 'success' : 'error'} layout="multiline" data-testid="work-month-status">
          <MessageBarBody>{status.message}</MessageBarBody>
          {status.kind === 'error' && <RetryAction w={w} retry={status.retry} />}
        </MessageBar>
      )}
    </div>
  );
}
