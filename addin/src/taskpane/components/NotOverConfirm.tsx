/**
 * Asks before a period that has not ended is closed off: a payroll month
 * submitted for sign-off, a ranking published, while its sales and
 * attendance may still change. The caller decides when to ask
 * (schema/periods.ts notOver);
 * going ahead or cancelling is the user's.
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { format, type Words } from '../../i18n.ts';
import { formatPeriod } from '../../i18n/format.ts';

export function NotOverConfirm({ w, periodKey, body, go, onGo, onCancel, testId }: { w: Words; periodKey: string; body: string; go: string; onGo: () => void; onCancel: () => void; testId: string }) {
  const n = w.notOver;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid={testId}>
      <MessageBarBody>
        {/* Two sentences, read together (a screen reader, the text content) as two: the title ends as one, the body follows after a space. */}
        <MessageBarTitle>{format(n.title, { period: formatPeriod(periodKey, w.locale) })}</MessageBarTitle>{' '}
        <span data-testid={`${testId}-body`}>{body}</span>
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" appearance="primary" onClick={onGo} data-testid={`${testId}-go`}>
          {go}
        </Button>
        <Button size="small" onClick={onCancel} data-testid={`${testId}-cancel`}>
          {n.cancel}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
