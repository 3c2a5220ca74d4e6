/** A draft's own steps: save it as it stands (come back later), or submit it with an optional comment. */
import { useState } from 'react';
import { Button, Field, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import type { Words } from '../../../i18n.ts';
import type { TargetPlanState } from '../../../targets/use-target-plan.ts';

const useStyles = makeStyles({ row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' } });

export function DraftActions({ w, plan }: { w: Words; plan: TargetPlanState }) {
  const styles = useStyles();
  const [comment, setComment] = useState('');
  return (
    <>
      <Field label={w.targetFlow.submitComment}>
        <Textarea value={comment} onChange={(_, d) => setComment(d.value)} data-testid="submit-comment" />
      </Field>
      <div className={styles.row}>
        <Button onClick={() => void plan.saveDraft()} disabled={plan.busy} data-testid="plan-save-draft">
          {w.targetFlow.saveDraft}
        </Button>
        <Button appearance="primary" onClick={() => void plan.submit(comment)} disabled={plan.busy} data-testid="plan-submit">
          {w.targets.submit}
        </Button>
      </div>
    </>
  );
}
