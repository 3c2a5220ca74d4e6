/** Performance, for admins: the amounts publishing a ranking of people proposes, per place from the top and from the bottom. */
import { Button, Field, Input, Subtitle2, Text } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import type { Words } from '../../i18n.ts';
import { useRewardRules } from '../../results/use-reward-rules.ts';
import { Busy, StatusLine, useChoreStyles } from './chores/ui.tsx';

export function RewardRulesSection(props: { w: Words; client: Client; onSessionEnded: () => void }) {
  const { w } = props;
  const k = w.rankingRewards.rules;
  const s = useChoreStyles();
  const h = useRewardRules(props);
  return (
    <section className={s.section} data-testid="reward-rules" aria-labelledby="reward-rules-title">
      <Subtitle2 as="h3" id="reward-rules-title">{k.title}</Subtitle2>
      <Text size={200}>{k.intro}</Text>
      <Busy busy={h.busy || h.form === null} label={h.busy ? w.chores.working : w.chores.loading} />
      {h.form && (
        <>
          <Field label={k.rewards} hint={k.hint}>
            <Input value={h.form.rewards} onChange={(_, d) => h.setForm((f) => f && { ...f, rewards: d.value })} data-testid="reward-rules-rewards" />
          </Field>
          <Field label={k.penalties}>
            <Input value={h.form.penalties} onChange={(_, d) => h.setForm((f) => f && { ...f, penalties: d.value })} data-testid="reward-rules-penalties" />
          </Field>
          <Button appearance="primary" onClick={() => void h.save()} disabled={h.busy} data-testid="reward-rules-save">
            {k.save}
          </Button>
        </>
      )}
      <StatusLine w={w} status={h.status} testId="reward-rules-status" />
    </section>
  );
}
