/** Scorecards, for admins: each role's indicator set pulled to a sheet, changed there and saved. */
import { Field, Select } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import type { Words } from '../../i18n.ts';
import type { ExcelRun } from '../../excel/workbook.ts';
import { KPI_ROLES, type KpiRole } from '../../../../schema/kpi.ts';
import { useIndicatorSets } from '../../scorecards/use-indicator-sets.ts';
import { SheetRoundTrip } from './SheetRoundTrip.tsx';

export function IndicatorSetsSection(props: { w: Words; client: Client; excel: () => ExcelRun; onSessionEnded: () => void }) {
  const { w } = props;
  const k = w.scorecards.sets;
  const h = useIndicatorSets(props);
  return (
    <SheetRoundTrip w={w} excel={props.excel} testId="sets" title={k.title} intro={k.intro} pullLabel={k.pull} saveLabel={k.save} canSave h={h}>
      <Field label={k.role}>
        <Select value={h.role} onChange={(_, d) => h.setRole(d.value as KpiRole)} data-testid="sets-role">
          {KPI_ROLES.map((r) => (
            <option key={r} value={r}>{w.kpi.roles[r]}</option>
          ))}
        </Select>
      </Field>
    </SheetRoundTrip>
  );
}
