/**
 * The admin's rules for rewards and penalties from published rankings: the
 * amounts per place from the top and from the bottom, as typed (commas
 * between), checked with the shared rules (every problem named by its list
 * and place), saved whole.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Client } from '@urql/core';
import { run } from '../api/client.ts';
import { format, type Words } from '../i18n.ts';
import { useAction } from '../taskpane/components/chores/useAction.ts';
import { checkRankingRewardRules, type RankingRewardRules } from '../../../schema/ranking-rewards.ts';
import { describeReason } from '../api/describe-error.ts';

export const REWARD_RULES = '{ rankingRewardRules { rewards penalties } }';
export const SET_REWARD_RULES = 'mutation SetRankingRewardRules($rules: RankingRewardRulesInput!) { setRankingRewardRules(rules: $rules) { rewards penalties } }';

/**
 * "1000, 600.5，300" as a list of amounts: separated by commas (ASCII or
 * Chinese), 、, semicolons or spaces. An amount may carry thousands
 * separators only with its decimals ("1,200.00"); "1,200" could be one
 * amount or two, so it comes back as ambiguous rather than guessed.
 */
export function amountsOf(typed: string): { amounts: string[]; ambiguous: string | null } {
  const parts = typed.split(/[，、;；\s]+|,(?=\s|$)/).filter(Boolean);
  const ambiguous = parts.find((p) => /^\d{1,3}(,\d{3})+$/.test(p)) ?? null;
  const amounts = parts
    .flatMap((p) => (/^\d{1,3}(,\d{3})+\.\d+$/.test(p) ? [p.replace(/,/g, '')] : p.split(',')))
    .map((v) => v.trim())
    .filter(Boolean);
  return { amounts, ambiguous };
}

export function useRewardRules({ w, client, onSessionEnded }: { w: Words; client: Client; onSessionEnded: () => void }) {
  const k = w.rankingRewards.rules;
  const action = useAction(w, onSessionEnded);
  const { act, load, setStatus } = action;
  const [form, setForm] = useState<{ rewards: string; penalties: string } | null>(null);

  const reload = useCallback(async () => {
    const r = (await run<{ rankingRewardRules: RankingRewardRules }>(client, REWARD_RULES)).rankingRewardRules;
    setForm({ rewards: r.rewards.join(', '), penalties: r.penalties.join(', ') });
  }, [client]);
  useEffect(() => load(() => reload()), [load, reload]);

  const save = () =>
    act(async () => {
      if (!form) return;
      const [rewards, penalties] = [amountsOf(form.rewards), amountsOf(form.penalties)];
      const ambiguous = rewards.ambiguous ?? penalties.ambiguous;
      if (ambiguous) return setStatus({ intent: 'error', message: format(k.ambiguous, { value: ambiguous }) });
      const rules = { rewards: rewards.amounts, penalties: penalties.amounts };
      const problems = checkRankingRewardRules(rules);
      if (problems.length) {
        const message = problems.map((p) => describeReason(w, p.code, { ...p.params, list: k.lists[p.params.list]! })).join(' ');
        return setStatus({ intent: 'error', message });
      }
      const saved = (await run<{ setRankingRewardRules: RankingRewardRules }>(client, SET_REWARD_RULES, { rules }, true)).setRankingRewardRules;
      setForm({ rewards: saved.rewards.join(', '), penalties: saved.penalties.join(', ') });
      return format(k.saved, { rewards: saved.rewards.length, penalties: saved.penalties.length });
    });

  return { ...action, form, setForm, save };
}
