/** How to break the selected draft down (a method per axis), a preview, and the breakdown itself. */
import { useEffect, useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Select, makeStyles, tokens } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Words } from '../../../i18n.ts';
import { run } from '../../../api/client.ts';
import { PROFILES } from '../../../api/operations.ts';
import { TARGET_PLAN } from '../../../api/operations.ts';
import { METHODS, type Method, type TargetPlanState } from '../../../targets/use-target-plan.ts';
import type { PlanView } from '../../../targets/target-sheet.ts';
import { equalWeights } from '../../../targets/weights.ts';
import { previewText } from '../../../targets/preview-text.ts';
import { WeightsEditor } from './WeightsEditor.tsx';
import { incompleteHistoryYear } from '../../../targets/planning-year.ts';
import { today } from '../../../../../schema/dates.ts';

const useStyles = makeStyles({ row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' } });

export function BreakdownForm({ w, client, plan }: { w: Words; client: Client; plan: TargetPlanState }) {
  const styles = useStyles();
  const t = w.targets;
  const [timeMethod, setTimeMethod] = useState<Method>('HISTORY');
  const [ownerMethod, setOwnerMethod] = useState<Method>('HISTORY');
  const [growth, setGrowth] = useState('20');
  const [profiles, setProfiles] = useState<{ code: string; name: string }[]>([]);
  const [profile, setProfile] = useState('');
  const { fail, planId } = plan;
  const preview = plan.preview && plan.selected ? previewText(w, plan.preview, plan.selected.metric) : null;
  // Planning next year before this one ends: "last year" (as history and growth read it) is not complete.
  const historyYear = plan.selected ? incompleteHistoryYear(plan.selected.year, timeMethod, today(), plan.firstMonth) : null;
  /** The plan's rows and the periods the time method works on, for weights typed per row or period. */
  const [shape, setShape] = useState<{ owners: { key: string; label: string }[]; periods: { key: string; label: string }[] } | null>(null);
  const [ownerWeights, setOwnerWeights] = useState<Record<string, string>>({});
  const [timeWeights, setTimeWeights] = useState<Record<string, string>>({});
  const needsShape = ownerMethod === 'WEIGHTS' || (timeMethod === 'WEIGHTS' && profile === '');
  useEffect(() => {
    setShape(null);
  }, [planId]);
  useEffect(() => {
    if (!needsShape || shape || !planId) return;
    let current = true;
    run<{ targetPlan: PlanView }>(client, TARGET_PLAN, { id: planId })
      .then(({ targetPlan: v }) => {
        if (!current) return;
        const chain = v.plan.periodLevel.split(',');
        const level = chain.includes('month') ? 'month' : chain[0];
        const owners = v.rows.filter((r) => !r.isScope).map((r) => ({ key: r.ownerId, label: r.ownerName }));
        const periods = v.periods.filter((p) => (p.level ?? level) === level).map((p) => ({ key: p.key, label: p.key }));
        setShape({ owners, periods });
        setOwnerWeights(equalWeights(owners.map((o) => o.key)));
        setTimeWeights(equalWeights(periods.map((p) => p.key)));
      })
      .catch(fail);
    return () => {
      current = false;
    };
  }, [client, planId, needsShape, shape, fail]);
  useEffect(() => {
    run<{ seasonalityProfiles: { code: string; name: string }[] }>(client, PROFILES, {})
      .then((d) => {
        setProfiles(d.seasonalityProfiles);
        setProfile(d.seasonalityProfiles[0]?.code ?? '');
      })
      .catch(fail);
  }, [client, fail]);
  const opts = { growth, profile, weights: { owners: ownerWeights, time: timeWeights } };
  return (
    <>
      <div className={styles.row}>
        <Field label={t.timeMethod}>
          <Select value={timeMethod} onChange={(_, d) => setTimeMethod(d.value as Method)} data-testid="time-method">
            {METHODS.filter((m) => m !== 'HEADCOUNT').map((m) => (
              <option key={m} value={m}>
                {t.methods[m]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t.ownerMethod}>
          <Select value={ownerMethod} onChange={(_, d) => setOwnerMethod(d.value as Method)} data-testid="owner-method">
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {t.methods[m]}
              </option>
            ))}
          </Select>
        </Field>
        {timeMethod === 'WEIGHTS' && (
          <Field label={t.profile}>
            <Select value={profile} onChange={(_, d) => setProfile(d.value)} data-testid="profile">
              {profiles.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))}
              <option value="">{w.targetFlow.customWeights}</option>
            </Select>
          </Field>
        )}
        {(timeMethod === 'GROWTH' || ownerMethod === 'GROWTH') && (
          <Field label={t.growth}>
            <Input value={growth} onChange={(_, d) => setGrowth(d.value)} />
          </Field>
        )}
      </div>
      {shape && timeMethod === 'WEIGHTS' && profile === '' && <WeightsEditor w={w} label={w.targetFlow.weightsPeriods} items={shape.periods} value={timeWeights} onChange={setTimeWeights} testId="weights-periods" />}
      {shape && ownerMethod === 'WEIGHTS' && <WeightsEditor w={w} label={w.targetFlow.weightsOwners} items={shape.owners} value={ownerWeights} onChange={setOwnerWeights} testId="weights-owners" />}
      {historyYear && (
        <MessageBar intent="warning" layout="multiline" data-testid="history-incomplete">
          <MessageBarBody>{format(w.targetFlow.historyIncomplete, { year: historyYear })}</MessageBarBody>
        </MessageBar>
      )}
      {preview && (
        <MessageBar intent="info" layout="multiline" data-testid="plan-preview">
          <MessageBarBody>
            {preview.total}
            <br />
            {preview.periods}
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.row}>
        <Button onClick={() => void plan.showPreview(timeMethod, ownerMethod, opts)} disabled={plan.busy} data-testid="plan-preview-button">
          {t.preview}
        </Button>
        <Button onClick={() => void plan.breakDown(timeMethod, ownerMethod, opts)} disabled={plan.busy} data-testid="plan-break-down">
          {t.breakDown}
        </Button>
      </div>
    </>
  );
}
