/**
 * A draft's year target, changed (a stretch plan sent back below its base,
 * a figure typed wrong): only where no parent plan gives the unit its
 * figure. The lines stay; validating names those that no longer add up.
 */
import { useEffect, useState } from 'react';
import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { format, type Words } from '../../../i18n.ts';
import { formatAmountText } from '../../../i18n/format.ts';
import { METRICS, type Metric } from '../../../../../schema/metrics.ts';
import type { TargetPlanState } from '../../../targets/use-target-plan.ts';
import { totalProblem } from './NewPlanForm.tsx';

const useStyles = makeStyles({ row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', flexWrap: 'wrap' } });

export function TotalEditor({ w, plan }: { w: Words; plan: TargetPlanState }) {
  const styles = useStyles();
  const [total, setTotal] = useState('');
  const selected = plan.selected!;
  // Another plan, or the target changed: the field starts blank again (what was typed stays after a refusal).
  useEffect(() => setTotal(''), [selected.id, selected.total]);
  const bad = totalProblem(w, selected.metric, total);
  const now = formatAmountText(selected.total, METRICS[selected.metric as Metric]?.unit ?? 'money', w.locale);
  return (
    <div className={styles.row}>
      <Field label={format(w.targetFlow.newTotal, { total: now })} validationState={bad ? 'error' : 'none'} validationMessage={bad ?? undefined}>
        <Input value={total} placeholder={selected.total} onChange={(_, d) => setTotal(d.value)} data-testid="plan-new-total" />
      </Field>
      <Button onClick={() => void plan.setTotal(total)} disabled={plan.busy || !total.trim() || !!bad} data-testid="plan-set-total">
        {w.targetFlow.changeTotal}
      </Button>
    </div>
  );
}
