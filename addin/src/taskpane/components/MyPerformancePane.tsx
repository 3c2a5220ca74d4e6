/** My performance (我的业绩): one's own targets, actual and achievement for the month and year to date, as a sheet with a chart. */
import { Button, Field, Input, Subtitle2 } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import type { Words } from '../../i18n.ts';
import { useMyPerformance } from '../../results/use-my-performance.ts';
import { Busy, StatusLine, useChoreStyles } from './chores/ui.tsx';
import { DateInput } from './DateInputs.tsx';

export function MyPerformancePane({ w, client, onSessionEnded }: { w: Words; client: Client; onSessionEnded: () => void }) {
  const s = useChoreStyles();
  const h = useMyPerformance(w, client, onSessionEnded);
  return (
    <section className={s.pane} data-testid="my-performance-pane" aria-labelledby="my-performance-title">
      <Subtitle2 as="h2" id="my-performance-title">{w.results.myPerformance}</Subtitle2>
      <Field label={w.asOf}>
        <DateInput w={w} value={h.day} onChange={h.setDay} data-testid="my-performance-day" />
      </Field>
      <Button appearance="primary" onClick={() => void h.pull()} disabled={h.busy || !h.day} data-testid="pull-my-performance">
        {w.results.pullMine}
      </Button>
      <Busy busy={h.busy} label={h.label} />
      <StatusLine w={w} status={h.status} testId="my-performance-status" />
    </section>
  );
}
