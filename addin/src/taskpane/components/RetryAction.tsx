/** The Try again button beside a message about a slow or unreachable server. */
import { Button, MessageBarActions } from '@fluentui/react-components';
import type { Words } from '../../i18n.ts';

export function RetryAction({ w, retry }: { w: Words; retry?: (() => void) | undefined }) {
  if (!retry) return null;
  return (
    <MessageBarActions>
      <Button size="small" onClick={retry} data-testid="retry">
        {w.retry}
      </Button>
    </MessageBarActions>
  );
}
