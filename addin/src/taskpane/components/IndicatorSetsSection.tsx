/** Scorecards, for admins: each role's indicator set pulled to a sheet, changed there and saved. */
import { Button, Field, Select, Subtitle2, Text } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import type { Words } from '../../i18n.ts';
import type { ExcelRun } from '../../excel/workbook.ts';
import { KPI_ROLES, type KpiRole } from '../../../../schema/kpi.ts';
import { useIndicatorSets } from '../../scorecards/use-indicator-sets.ts';
import { IssueList } from './targets/IssueList.tsx';
import { Busy, StatusLine, useChoreStyles } from './chores/ui.tsx';

export function IndicatorSetsSection(props: { w: Words; client: Client; excel: () => ExcelRun; onSessionEnded: () => void }) {
  const { w, excel } = props;
  const k = w.scorecards.sets;
  const s = useChoreStyles();
  const h = useIndicatorSets(props);
  return (
    <section className={s.section} data-testid="indicator-sets" aria-labelledby="indicator-sets-title">
      <Subtitle2 as="h3" id="indicator-sets-title">{k.title}</Subtitle2>
      <Text size={200}>{k.intro}</Text>
      <Field label={k.role}>
        <Select value={h.role} onChange={(_, d) => h.setRole(d.value as KpiRole)} data-testid="sets-role">
          {KPI_ROLES.map((r) => (
            <option key={r} value={r}>{w.kpi.roles[r]}</option>
          ))}
        </Select>
      </Field>
      <div className={s.row}>
        <Button onClick={() => void h.pull()} disabled={h.busy} data-testid="sets-pull">
          {k.pull}
        </Button>
        <Button appearance="primary" onClick={() => void h.save()} disabled={h.busy} data-testid="sets-save">
          {k.save}
        </Button>
      </div>
      {h.issues.length > 0 && <IssueList w={w} issues={h.issues} excel={excel} onError={(err) => h.fail(err)} />}
      <StatusLine w={w} status={h.status} testId="sets-status" />
      <Busy busy={h.busy} label={w.chores.working} />
    </section>
  );
}
