/** Promotions (职级晋升): the month's proposals with the figures behind them; promote or dismiss. */
import { Button, Field, Input, Subtitle2 } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Words, phrase } from '../../../i18n.ts';
import { usePromotions } from './usePromotions.ts';
import { Busy, StatusLine, useChoreStyles } from './ui.tsx';
import { showMoney } from '../../../chores/money.ts';
import { MonthInput } from '../DateInputs.tsx';

export function PromotionsPane(props: { w: Words; client: Client; onSessionEnded: () => void }) {
  const { w } = props;
  const p = w.chores.promotions;
  const s = useChoreStyles();
  const h = usePromotions(props);
  const rank = (r: string | null) => (r ? (w.chores.ranks[r as keyof Words['chores']['ranks']] ?? r) : '');

  return (
    <section className={s.pane} data-testid="promotions-pane" aria-labelledby="promotions-title">
      <Subtitle2 as="h2" id="promotions-title">{p.title}</Subtitle2>
      <Field label={w.chores.month}>
        <MonthInput w={w} value={h.month} onChange={h.setMonth} data-testid="promotions-month" />
      </Field>
      <StatusLine w={w} status={h.status} testId="promotions-status" />
      <Busy busy={h.busy || h.list === null} label={h.busy ? w.chores.working : w.chores.loading} />
      {h.list?.length === 0 && <div data-testid="promotions-empty">{phrase(w.locale, p.none, { month: h.month })}</div>}
      {!!h.list?.length && (
        <ul className={s.list} data-testid="promotions-list">
          {h.list.map((x) => (
            <li key={x.personId} className={s.item} data-testid="promotion-item">
              <div className={s.line}>
                <span className={s.strong}>{`${x.employeeNo} ${x.name}`}</span>
                <span>{format(p.fromTo, { from: rank(x.from), to: rank(x.to) })}</span>
              </div>
              <span className={s.meta} data-testid="promotion-grade">
                {x.latestGrade ? format(p.grade, { grade: w.kpi.grades[x.latestGrade], period: x.latestGradePeriod ?? '' }) : p.noGrade}
              </span>
              {x.checks.map((c) => (
                <span key={c.criterion} className={s.meta} data-testid="promotion-check">
                  {format(p.criteria[c.criterion]!, { actual: c.criterion === 'TRAINEES' ? c.actual : showMoney(w.locale, c.actual), op: c.met ? '≥' : '<', required: c.criterion === 'TRAINEES' ? c.required : showMoney(w.locale, c.required) })}
                </span>
              ))}
              <Field label={w.chores.reasonOptional}>
                <Input value={h.reasons[x.personId] ?? ''} onChange={(_, d) => h.setReason(x.personId, d.value)} data-testid="promotion-reason" />
              </Field>
              <div className={s.row}>
                <Button appearance="primary" onClick={() => void h.decide(x, true)} disabled={h.busy} data-testid="promotion-apply">
                  {p.apply}
                </Button>
                <Button onClick={() => void h.decide(x, false)} disabled={h.busy} data-testid="promotion-dismiss">
                  {p.dismiss}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
