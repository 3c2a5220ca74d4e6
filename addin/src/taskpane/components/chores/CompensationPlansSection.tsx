/** Month end: a compensation plan pulled to a sheet, its terms changed there, saved as the next version from a day. */
import { Button, Caption1, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, planText, type Words } from '../../../i18n.ts';
import type { ExcelRun } from '../../../excel/workbook.ts';
import { useCompensationPlans } from '../../../compensation/use-compensation-plans.ts';
import { SheetRoundTrip, UnsavedSheetBar } from '../SheetRoundTrip.tsx';
import { DateInput } from '../DateInputs.tsx';

const excel = () => Excel.run as unknown as ExcelRun;
const useStyles = makeStyles({
  fieldset: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0, border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalS, margin: 0 },
});

export function CompensationPlansSection(props: { w: Words; client: Client; onSessionEnded: () => void; onSaved?: (saved: { code: string; version: number }) => void; readOnly?: boolean }) {
  const { w } = props;
  const k = w.compensation;
  const h = useCompensationPlans({ ...props, excel });
  const s = useStyles();
  const unsaved = h.unsaved && <UnsavedSheetBar message={format(k.unsavedSheet, { sheet: h.unsaved })} replaceLabel={k.replace} busy={h.busy} onReplace={() => void h.replace()} testId="comp-plans" />;
  // Below Pull and Save: starting a new plan is the rarer task.
  const fresh = !!h.plans?.length && !props.readOnly && (
    <fieldset className={s.fieldset}>
      <legend>{k.newTitle}</legend>
      <Field label={k.newCode}>
        <Input value={h.fresh.code} onChange={(_, d) => h.setFresh((f) => ({ ...f, code: d.value }))} data-testid="comp-plans-new-code" />
      </Field>
      <Field label={k.newName}>
        <Input value={h.fresh.name} onChange={(_, d) => h.setFresh((f) => ({ ...f, name: d.value }))} data-testid="comp-plans-new-name" />
      </Field>
      <div>
        <Button onClick={() => void h.startNew()} disabled={h.busy || !h.fresh.code.trim()} data-testid="comp-plans-new">
          {k.copy}
        </Button>
      </div>
    </fieldset>
  );
  return (
    <SheetRoundTrip w={w} excel={excel} testId="comp-plans" title={k.title} intro={k.intro} pullLabel={k.pull} saveLabel={k.save} canSave={!!h.plans?.length && !props.readOnly} h={h}
      after={
        <>
          {unsaved}
          {fresh}
          {props.readOnly && <Caption1 data-testid="comp-plans-read-only">{k.readOnly}</Caption1>}
        </>
      }
    >
      {h.plans?.length === 0 ? (
        <div data-testid="comp-plans-none">{k.none}</div>
      ) : (
        <>
          <Field label={k.plan}>
            <Select value={h.code} onChange={(_, d) => h.setCode(d.value)} data-testid="comp-plans-plan">
              {(h.plans ?? []).map((p) => (
                <option key={p.code} value={p.code}>{p.version === 0 ? `${p.name} (${k.unsaved})` : planText(w, p, h.plans ?? [])}</option>
              ))}
            </Select>
          </Field>
          <Field label={k.effectiveFrom}>
            <DateInput w={w} value={h.from} onChange={h.setFrom} data-testid="comp-plans-from" />
          </Field>
          <Field label={k.name}>
            <Input value={h.name} onChange={(_, d) => h.setName(d.value)} data-testid="comp-plans-name" />
          </Field>
        </>
      )}
    </SheetRoundTrip>
  );
}
