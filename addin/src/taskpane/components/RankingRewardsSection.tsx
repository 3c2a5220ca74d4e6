/** Rewards and penalties (奖惩) from published rankings: the proposals of the chosen unit and month, approved into payroll or dismissed with a comment. */
import { Button, Caption1, Field, Input, Subtitle2 } from '@fluentui/react-components';
import { format, type Words, phrase } from '../../i18n.ts';
import { formatMoneyText } from '../../i18n/format.ts';
import { proposalSource, type useRankingRewards } from '../../results/use-ranking-rewards.ts';
import { Busy, LockedNote, StatusLine, useChoreStyles } from './chores/ui.tsx';

export function RankingRewardsSection({ w, h, onShow }: { w: Words; h: ReturnType<typeof useRankingRewards>; onShow: () => void }) {
  const s = useChoreStyles();
  const x = w.rankingRewards;
  return (
    <section className={s.pane} data-testid="ranking-rewards" aria-labelledby="ranking-rewards-title">
      <Subtitle2 as="h3" id="ranking-rewards-title">{x.title}</Subtitle2>
      {h.shown && <Caption1>{phrase(w.locale, x.hint, { month: h.shown.month })}</Caption1>}
      <Button onClick={onShow} disabled={h.busy} data-testid="show-ranking-rewards">
        {x.show}
      </Button>
      <StatusLine w={w} status={h.status} testId="ranking-rewards-status" />
      <Busy busy={h.busy} label={x.busy.decide} />
      {!!h.proposals?.length && (
        <ul className={s.list} data-testid="ranking-rewards-list">
          {h.proposals.map((p) => (
            <li key={p.id} className={s.item} data-testid="ranking-reward-item" data-person={p.personId} data-kind={p.kind} data-place={p.place} data-period={p.periodKey} data-status={p.status}>
              <div className={s.line}>
                <span className={s.strong}>{`${p.employeeNo} ${p.personName}`}</span>
                <span>{`${x.kinds[p.kind]} ${formatMoneyText(p.amount)}`}</span>
              </div>
              <span className={s.meta} data-testid="ranking-reward-source">
                {proposalSource(w, p)}
              </span>
              <span className={s.meta}>
                {`${x.place} ${format(x.placeOf, { place: p.place, ranked: p.ranked })} · ${x.status} ${x.statuses[p.status]}${p.comment ? ` · ${p.comment}` : ''}`}
              </span>
              {p.status === 'PROPOSED' && <LockedNote w={w} locked={p.locked} />}
              {p.status === 'PROPOSED' && !p.canDecide && <span className={s.meta} data-testid="ranking-reward-others-decide">{x.othersDecide}</span>}
              {p.status === 'PROPOSED' && p.canDecide && h.dismissing !== p.id && (
                <div className={s.row}>
                  <Button appearance="primary" onClick={() => void h.approve(p)} disabled={h.busy || p.locked} data-testid="ranking-reward-approve">
                    {x.approve}
                  </Button>
                  <Button onClick={() => h.startDismiss(p)} disabled={h.busy || p.locked} data-testid="ranking-reward-dismiss">
                    {x.dismiss}
                  </Button>
                </div>
              )}
              {p.status === 'PROPOSED' && p.canDecide && h.dismissing === p.id && (
                <>
                  <Field label={x.comment} required>
                    <Input value={h.comment} onChange={(_, d) => h.setComment(d.value)} data-testid="ranking-reward-comment" />
                  </Field>
                  <div className={s.row}>
                    <Button appearance="primary" onClick={() => void h.dismiss(p)} disabled={h.busy || p.locked} data-testid="ranking-reward-confirm-dismiss">
                      {x.confirmDismiss}
                    </Button>
                    <Button onClick={h.cancelDismiss} disabled={h.busy}>
                      {x.cancel}
                    </Button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
