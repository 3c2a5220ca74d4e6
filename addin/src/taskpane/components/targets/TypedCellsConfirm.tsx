/** Asks before a pull or breakdown replaces cells the user typed: replace, keep my cells, or cancel. */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { format, type Words } from '../../../i18n.ts';
import type { Confirm } from '../../../targets/use-target-plan.ts';

const SHOWN = 5;

export function TypedCellsConfirm({ w, confirm, onCancel }: { w: Words; confirm: Confirm; onCancel: () => void }) {
  const f = w.targetFlow;
  const cells = confirm.typed.slice(0, SHOWN).map((c) => c.cell.slice(c.cell.lastIndexOf('!') + 1));
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="typed-confirm">
      <MessageBarBody>
        <MessageBarTitle>{format(f.typedTitle, { n: confirm.typed.length })}</MessageBarTitle>
        <div data-testid="typed-cells">{format(f.typedBody, { cells: cells.join(', ') + (confirm.typed.length > SHOWN ? ' …' : '') })}</div>
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" onClick={() => confirm.proceed('replace')} data-testid="typed-replace">
          {f.replace}
        </Button>
        <Button size="small" appearance="primary" onClick={() => confirm.proceed('keep')} data-testid="typed-keep">
          {f.keepMine}
        </Button>
        <Button size="small" onClick={onCancel} data-testid="typed-cancel">
          {f.cancel}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
