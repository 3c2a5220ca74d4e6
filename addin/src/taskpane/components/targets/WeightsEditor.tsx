/** A percentage per row or per period for the WEIGHTS method, starting from equal shares, with the running sum. */
import { Caption1, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { format, type Words } from '../../../i18n.ts';
import { weightsSum } from '../../../targets/weights.ts';

const useStyles = makeStyles({
  list: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 6rem', gap: tokens.spacingVerticalXXS, alignItems: 'center' },
  name: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});

export function WeightsEditor({ w, label, items, value, onChange, testId }: { w: Words; label: string; items: { key: string; label: string }[]; value: Record<string, string>; onChange: (v: Record<string, string>) => void; testId: string }) {
  const styles = useStyles();
  const sum = weightsSum(value);
  const ok = sum === '100';
  return (
    <Field label={label} validationState={ok ? 'none' : 'warning'} validationMessage={ok ? undefined : format(w.targetFlow.weightsSum, { sum: sum ?? '?' })} data-testid={testId}>
      <div className={styles.list}>
        {items.map((i) => (
          <div key={i.key} style={{ display: 'contents' }}>
            <Caption1 className={styles.name} title={i.label}>
              {i.label}
            </Caption1>
            <Input size="small" aria-label={`${i.label} %`} value={value[i.key] ?? ''} onChange={(_, d) => onChange({ ...value, [i.key]: d.value })} data-testid={`${testId}-${i.key}`} />
          </div>
        ))}
      </div>
    </Field>
  );
}
