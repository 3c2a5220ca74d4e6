/** Performance (业绩): a unit's people or child units for a period, as sheets: performance, ranking (and publishing it), dashboard. */
import { Button, Caption1, Field, Input, Select, Subtitle2 } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Words } from '../../i18n.ts';
import { formatPeriod } from '../../i18n/format.ts';
import { RATIO_GRAINS, usePerformance } from '../../results/use-performance.ts';
import { ExpensesSection } from './ExpensesSection.tsx';
import { PERIOD_GRAINS, type PeriodGrain } from '../../results/operations.ts';
import { Busy, StatusLine, useChoreStyles } from './chores/ui.tsx';
import type { Metric } from '../../../../schema/metrics.ts';
import { monthOfRankingPeriod, useRankingRewards } from '../../results/use-ranking-rewards.ts';
import { RankingRewardsSection } from './RankingRewardsSection.tsx';
import { RewardRulesSection } from './RewardRulesSection.tsx';
import { ClassRulesSection } from './ClassRulesSection.tsx';
import { UnitOptions } from './UnitOptions.tsx';
import { NotOverConfirm } from './NotOverConfirm.tsx';
import { DateInput } from './DateInputs.tsx';

export function PerformancePane({ w, client, roles, onSessionEnded }: { w: Words; client: Client; roles: string[]; onSessionEnded: () => void }) {
  const s = useChoreStyles();
  const r = w.results;
  const h = usePerformance(w, client, onSessionEnded);
  // Who may publish a ranking (the server's rule): managers, directors and admins; finance and the general manager read it.
  const mayPublish = roles.some((x) => x === 'MANAGER' || x === 'DIRECTOR' || x === 'ADMIN');
  const rewards = useRankingRewards(w, client, onSessionEnded);
  const showRewards = () => void rewards.show(h.unitId, h.units.find((u) => u.id === h.unitId)?.name ?? '', monthOfRankingPeriod(h.period.ranking, h.calendar));
  // Publishing a ranking of people proposes its rewards and penalties: list them straight away.
  const publish = async (confirmed = false) => {
    if (await h.publish(confirmed)) showRewards();
  };
  return (
    <section className={s.pane} data-testid="performance-pane" aria-labelledby="performance-title">
      <Subtitle2 as="h2" id="performance-title">{r.performance}</Subtitle2>
      <Field label={r.unit}>
        <Select value={h.unitId} onChange={(_, d) => h.setUnitId(d.value)} data-testid="performance-unit">
          <UnitOptions units={h.units} />
        </Select>
      </Field>
      <div className={s.row}>
        <Field label={r.grain} className={s.grow}>
          <Select value={h.grain} onChange={(_, d) => h.setGrain(d.value as PeriodGrain)} data-testid="performance-grain">
            {PERIOD_GRAINS.map((g) => (
              <option key={g} value={g}>
                {r.grains[g]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={r.day} className={s.grow} hint={<span data-testid="performance-period">{formatPeriod(h.periodKey, w.locale)}</span>}>
          <DateInput w={w} value={h.day} onChange={h.setDay} data-testid="performance-day" />
        </Field>
      </div>
      <div className={s.row}>
        <Field label={r.metric} className={s.grow}>
          <Select value={h.metric} onChange={(_, d) => h.setMetric(d.value as Metric)} data-testid="performance-metric">
            {(Object.keys(w.targets.metrics) as Metric[]).map((m) => (
              <option key={m} value={m}>
                {w.targets.metrics[m]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={r.rowsBy} className={s.grow}>
          <Select value={h.by} onChange={(_, d) => h.setBy(d.value as 'PERSON' | 'CHILD_UNIT')} data-testid="performance-by">
            <option value="PERSON">{r.byPerson}</option>
            <option value="CHILD_UNIT">{r.byChildUnit}</option>
          </Select>
        </Field>
      </div>
      <Button appearance="primary" onClick={() => void h.pull()} disabled={h.busy || !h.day} data-testid="pull-performance">
        {r.pull}
      </Button>
      <div className={s.row}>
        <Button onClick={() => void h.pullRanking()} disabled={h.busy || !h.day} data-testid="pull-ranking">
          {r.pullRanking}
        </Button>
        {mayPublish && (
          <Button onClick={() => void publish()} disabled={h.busy || !h.day || !!h.confirmingPublish} data-testid="publish-ranking">
            {r.publish}
          </Button>
        )}
      </div>
      {h.grain === 'YEAR_TO_DATE' && (
        <Caption1 data-testid="ranking-year-note">{format(r.rankingYearNote, { year: h.period.ranking })}</Caption1>
      )}
      {h.confirmingPublish && (
        <NotOverConfirm w={w} periodKey={h.confirmingPublish} body={w.notOver.ranking} go={w.notOver.publishAnyway} onGo={() => void publish(true)} onCancel={h.cancelPublish} testId="ranking-not-over" />
      )}
      <div className={s.row}>
        <Button onClick={() => void h.pullDashboard()} disabled={h.busy || !h.day} data-testid="pull-dashboard">
          {r.pullDashboard}
        </Button>
        <Button onClick={() => void h.pullRatios()} disabled={h.busy || !h.day || !RATIO_GRAINS.includes(h.grain)} data-testid="pull-ratios">
          {w.ratios.pull}
        </Button>
      </div>
      {!RATIO_GRAINS.includes(h.grain) && <Caption1 data-testid="ratios-months-only">{w.ratios.monthsOnly}</Caption1>}
      <Busy busy={h.busy} label={h.label} />
      <StatusLine w={w} status={h.status} testId="performance-status" />
      {h.by === 'PERSON' && <RankingRewardsSection w={w} h={rewards} onShow={showRewards} />}
      {(roles.includes('FINANCE') || roles.includes('ADMIN')) && <ExpensesSection w={w} client={client} onSessionEnded={onSessionEnded} />}
      {roles.includes('ADMIN') && <RewardRulesSection w={w} client={client} onSessionEnded={onSessionEnded} />}
      {roles.includes('ADMIN') && <ClassRulesSection w={w} client={client} onSessionEnded={onSessionEnded} />}
    </section>
  );
}
