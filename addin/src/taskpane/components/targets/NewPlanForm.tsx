/** A new plan for a unit the viewer manages (or one below it): metric, level, period levels and the year target (the parent's figure when left blank). */
import { useEffect, useState } from 'react';
import { Button, Field, Input, Select, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Words } from '../../../i18n.ts';
import { run } from '../../../api/client.ts';
import { PARENT_FIGURE, type OrgUnitOption, type ParentTarget } from '../../../api/operations.ts';
import { PERIOD_CHAINS } from '../../../../../schema/periods.ts';
import { FIRST_YEAR } from '../../../../../schema/dates.ts';
import { readAmount } from '../../../../../schema/target-validation.ts';
import { METRICS, type Metric } from '../../../../../schema/metrics.ts';
import { issueWords } from '../../../i18n/issues.ts';
import type { TargetPlanState } from '../../../targets/use-target-plan.ts';
import { UnitOptions } from '../UnitOptions.tsx';

const useStyles = makeStyles({ row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' } });

/** A year a plan can be for: four digits, from the first year any date may name. */
export const isPlanYear = (text: string) => /^\d{4}$/.test(text.trim()) && Number(text) >= FIRST_YEAR;

/** Why a typed year target cannot be taken, in the reader's words, at its field; null when it can (or is blank). */
export function totalProblem(w: Words, metric: string, total: string): string | null {
  if (!total.trim()) return null;
  const read = readAmount(total.trim(), METRICS[metric as Metric]?.unit ?? 'money');
  if (!('rule' in read)) return null;
  const details = issueWords[w.locale].details;
  return `“${read.found}”${w.locale === 'zh-CN' ? '' : ' '}${details[read.detail] ?? read.detail}`;
}

/** `units`: those the viewer may start a plan for, in tree order (targetPlanUnits). */
export function NewPlanForm({ w, client, plan, units }: { w: Words; client: Client; plan: TargetPlanState; units: OrgUnitOption[] }) {
  const styles = useStyles();
  const t = w.targets;
  const { year, fail } = plan;
  const [draft, setDraft] = useState({ unitId: '', metric: 'SALES_AMOUNT', level: 'BASE', total: '', periodLevel: 'month' });
  /** What the parent's published plan gives the chosen unit: the new plan's total unless the user types another. */
  const [parentFigure, setParentFigure] = useState<ParentTarget | null>(null);

  useEffect(() => {
    setParentFigure(null);
    if (!draft.unitId || !/^\d{4}$/.test(year)) return;
    let current = true;
    run<{ parentTargetFigure: ParentTarget | null }>(client, PARENT_FIGURE, { unitId: draft.unitId, year: Number(year), metric: draft.metric, level: draft.level })
      .then((d) => {
        if (current) setParentFigure(d.parentTargetFigure);
      })
      .catch(fail);
    return () => {
      current = false;
    };
  }, [client, draft.unitId, draft.metric, draft.level, year, fail]);

  const badTotal = totalProblem(w, draft.metric, draft.total);

  return (
    <>
      <Subtitle2 as="h3">{t.newPlan}</Subtitle2>
      <Field label={t.scopeUnit}>
        <Select value={draft.unitId} onChange={(_, d) => setDraft({ ...draft, unitId: d.value })} data-testid="new-plan-unit">
          <option value="">—</option>
          <UnitOptions units={units} />
        </Select>
      </Field>
      <div className={styles.row}>
        <Field label={t.metric}>
          <Select value={draft.metric} onChange={(_, d) => setDraft({ ...draft, metric: d.value })} data-testid="new-plan-metric">
            {Object.entries(t.metrics).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t.level}>
          <Select value={draft.level} onChange={(_, d) => setDraft({ ...draft, level: d.value })} data-testid="new-plan-level">
            {Object.entries(t.levels).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label={t.periodLevels}>
        <Select value={draft.periodLevel} onChange={(_, d) => setDraft({ ...draft, periodLevel: d.value })} data-testid="new-plan-levels">
          {PERIOD_CHAINS.map((c) => (
            <option key={c} value={c}>
              {c.split(',').map((l) => t.periodLevelNames[l as keyof typeof t.periodLevelNames]).join(' → ')}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label={t.totalTarget}
        hint={parentFigure ? format(t.parentFigure, { parent: parentFigure.scopeUnitName, version: parentFigure.version, figure: parentFigure.total }) : undefined}
        validationState={badTotal ? 'error' : 'none'}
        validationMessage={badTotal ?? undefined}
      >
        <Input value={draft.total} placeholder={parentFigure?.total} onChange={(_, d) => setDraft({ ...draft, total: d.value })} data-testid="new-plan-total" />
      </Field>
      <Button onClick={() => void plan.create(draft)} disabled={plan.busy || !draft.unitId || !isPlanYear(year) || !!badTotal || (!draft.total.trim() && !parentFigure)} data-testid="new-plan-create">
        {t.create}
      </Button>
    </>
  );
}
