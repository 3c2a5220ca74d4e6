/** Month end: a compensation plan pulled to a sheet, its terms changed there, saved as the next version from a day. */
import { Field, Input, Select } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import type { Words } from '../../../i18n.ts';
import type { ExcelRun } from '../../../excel/workbook.ts';
import { useCompensationPlans } from '../../../compensation/use-compensation-plans.ts';
import { SheetRoundTrip } from '../SheetRoundTrip.tsx';

const excel = () => Excel.run as unknown as ExcelRun;

export function CompensationPlansSection(props: { w: Words; client: Client; onSessionEnded: () => void; onSaved?: (saved: { code: string; version: number }) => void }) {
  const { w } = props;
  const k = w.compensation;
  const h = useCompensationPlans({ ...props, excel });
  return (
    <SheetRoundTrip w={w} excel={excel} testId="comp-plans" title={k.title} intro={k.intro} pullLabel={k.pull} saveLabel={k.save} canSave={!!h.plans?.length} h={h}>
      {h.plans?.length === 0 ? (
        <div data-testid="comp-plans-none">{k.none}</div>
      ) : (
        <>
          <Field label={k.plan}>
            <Select value={h.code} onChange={(_, d) => h.setCode(d.value)} data-testid="comp-plans-plan">
              {(h.plans ?? []).map((p) => (
                <option key={p.code} value={p.code}>{`${p.name} · ${p.code} v${p.version}`}</option>
              ))}
            </Select>
          </Field>
          <Field label={k.effectiveFrom}>
            <Input type="date" value={h.from} onChange={(_, d) => h.setFrom(d.value)} data-testid="comp-plans-from" />
          </Field>
        </>
      )}
    </SheetRoundTrip>
  );
}
