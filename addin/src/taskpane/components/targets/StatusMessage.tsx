/** What the Targets screen is doing or has done: progress, success, an error, a CONFLICT, or problems by cell. */
import { Button, Link, MessageBar, MessageBarActions, MessageBarBody, Spinner } from '@fluentui/react-components';
import type { Words } from '../../../i18n.ts';
import type { ExcelRun } from '../../../excel/workbook.ts';
import type { Status } from '../../../targets/use-target-plan.ts';
import { IssueList } from './IssueList.tsx';
import { RetryAction } from '../RetryAction.tsx';

export function StatusMessage({ w, status, excel, onCompare, onError, testId = 'plan-status' }: { w: Words; status: Status; excel: () => ExcelRun; onCompare?: () => void; onError: (err: unknown) => void; testId?: string }) {
  const t = w.targets;
  switch (status.kind) {
    case 'idle':
      return null;
    case 'busy':
      return <Spinner size="tiny" labelPosition="after" label={w.targetFlow.working[status.work]} data-testid={`${testId}-busy`} role="status" />;
    case 'issues':
      return <IssueList w={w} issues={status.issues} excel={excel} onError={onError} />;
    case 'conflict':
      return (
        <MessageBar intent="warning" layout="multiline" data-testid="plan-conflict">
          <MessageBarBody>
            {t.conflict} {onCompare && <Link onClick={onCompare}>{t.compare}</Link>}
          </MessageBarBody>
        </MessageBar>
      );
    default:
      return (
        <MessageBar intent={status.kind === 'ok' ? 'success' : 'error'} layout="multiline" data-testid={testId}>
          <MessageBarBody>{status.message}</MessageBarBody>
          {status.kind === 'error' && <RetryAction w={w} retry={status.retry} />}
          {status.kind === 'error' && status.keepLocked && (
            <MessageBarActions>
              <Button size="small" onClick={status.keepLocked} data-testid="keep-locked">
                {w.targetFlow.keepLocked}
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      );
  }
}
