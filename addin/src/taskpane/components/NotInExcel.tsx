import { Link, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { Words } from '../../i18n.ts';

export function NotInExcel({ w }: { w: Words }) {
  return (
    <MessageBar intent="info" layout="multiline" data-testid="not-in-excel">
      <MessageBarBody>
        <MessageBarTitle>{w.notInExcelTitle}</MessageBarTitle>
        <p>{w.notInExcelBody}</p>
        <Link href="/manifest.xml" download>
          {w.manifestLink}
        </Link>
      </MessageBarBody>
    </MessageBar>
  );
}
