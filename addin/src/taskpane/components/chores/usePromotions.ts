/** Promotion proposals for a month (managers: their subtree; directors and admins: all), applied or dismissed with an optional reason. */
import { newestOnly } from '../../../api/retry.ts';
import { useCallback, useEffect, useState, useRef } from 'react';
import type { Client } from '@urql/core';
import { format, type Words } from '../../../i18n.ts';
import { run } from '../../../api/client.ts';
import { DECIDE_PROMOTION, PROMOTION_PROPOSALS, type PromotionProposal } from '../../../chores/operations.ts';
import { isMonth, lastMonth } from '../../../chores/months.ts';
import { useAction } from './useAction.ts';

export function usePromotions({ client, w, onSessionEnded }: { client: Client; w: Words; onSessionEnded: () => void }) {
  const p = w.chores.promotions;
  const action = useAction(w, onSessionEnded);
  const { act, load } = action;
  const [month, setMonth] = useState(lastMonth());
  const [list, setList] = useState<PromotionProposal[] | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});

  const begin = useRef(newestOnly()).current;
  const reload = useCallback(async () => {
    const current = begin();
    if (!isMonth(month)) return;
    const list = (await run<{ promotionProposals: PromotionProposal[] }>(client, PROMOTION_PROPOSALS, { month })).promotionProposals;
    if (current()) setList(list);
  }, [client, month]);
  useEffect(() => {
    setList(null);
    load(() => reload());
  }, [reload, load]);

  const decide = (x: PromotionProposal, apply: boolean) =>
    act(async () => {
      try {
        await run(client, DECIDE_PROMOTION, { personId: x.personId, version: x.version, month, toRank: x.to, apply, reason: reasons[x.personId]?.trim() || null }, true);
      } finally {
        // Refused or not, the list shows what stands now (a stale proposal comes back with its new version).
        await reload().catch(() => undefined);
      }
      const rank = w.chores.ranks[x.to as keyof Words['chores']['ranks']] ?? x.to ?? '';
      return apply ? format(p.applied, { name: x.name, rank }) : format(p.dismissed, { name: x.name });
    });

  return { ...action, month, setMonth, list, reasons, setReason: (id: string, text: string) => setReasons((r) => ({ ...r, [id]: text })), decide };
}
